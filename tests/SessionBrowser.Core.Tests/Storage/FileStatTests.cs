using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

/// <summary>The one-call stamp agrees with FileInfo's, or an index would see every file as changed (or none).</summary>
public class FileStatTests
{
    [Fact]
    public void Stamps_equal_what_FileInfo_says()
    {
        using var dir = new TempDirectory("file-stat");
        string file = dir.Combine("metadata.json");
        File.WriteAllText(file, "{\"id\": \"a\"}");
        File.SetLastWriteTimeUtc(file, new DateTime(2025, 1, 15, 10, 30, 0, 123, DateTimeKind.Utc).AddTicks(4567));
        string link = dir.Combine("link.json");
        File.CreateSymbolicLink(link, file);
        Directory.CreateDirectory(dir.Combine("folder"));
        string folderLink = dir.Combine("folder-link");
        Directory.CreateSymbolicLink(folderLink, dir.Combine("folder"));
        string dangling = dir.Combine("dangling.json");
        File.CreateSymbolicLink(dangling, dir.Combine("gone.json"));

        foreach (var path in new[] { file, link, folderLink, dangling, dir.Combine("missing.json"), dir.Combine("no", "such", "file"), dir.Combine("folder"), dir.Combine("metadata.json", "below-a-file") })
            Assert.Equal(FileStamp.Of(new FileInfo(path)), FileStat.Of(path));

        File.AppendAllText(file, "\n");
        Assert.Equal(FileStamp.Of(new FileInfo(file)), FileStat.Of(file));
        Assert.NotEqual(FileStamp.Missing, FileStat.Of(file));
    }
}
