using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

public class AtomicFileTests
{
    [Fact]
    public void Replaces_content_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory("native-atomic");
        string file = dir.Combine("metadata.json");
        AtomicFile.WriteAllText(file, "old");
        AtomicFile.WriteAllText(file, "new é");
        Assert.Equal("new é", Fixture.Read(file));
        Assert.Equal(["metadata.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file()
    {
        using var dir = new TempDirectory("native-atomic");
        string file = dir.Combine("target");
        Directory.CreateDirectory(file); // a folder in the way: the rename fails
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(file, "x"));
        Assert.True(Directory.Exists(file));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Json_read_reports_missing_empty_and_corrupt_files()
    {
        using var dir = new TempDirectory("native-atomic");
        Assert.True(JsonFile.TryRead(dir.Combine("none.json")).Missing);
        Fixture.Write(dir.Combine("empty.json"), "");
        Assert.Contains("empty", JsonFile.TryRead(dir.Combine("empty.json")).Error);
        Fixture.Write(dir.Combine("bad.json"), "{\"a\": ");
        Assert.Contains("not valid JSON", JsonFile.TryRead(dir.Combine("bad.json")).Error);
        Fixture.Write(dir.Combine("bom.json"), "\uFEFF{\"a\": 1}");
        Assert.True(JsonFile.TryRead(dir.Combine("bom.json")).Ok);
    }
}
