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

    /// <summary>FileTree asks one lstat where it asked File.Exists, Directory.Exists and readlink: the answers must not change.</summary>
    [Fact]
    public void One_lstat_says_what_FileTree_asked_four_calls_before()
    {
        using var dir = new TempDirectory("file-entry");
        string file = dir.Combine("a.json");
        File.WriteAllText(file, "{}");
        string folder = dir.Combine("folder");
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(dir.Combine("file-link"), file);
        Directory.CreateSymbolicLink(dir.Combine("folder-link"), folder);
        File.CreateSymbolicLink(dir.Combine("dangling"), dir.Combine("gone"));

        foreach (string name in (string[])["a.json", "folder", "file-link", "folder-link", "dangling", "missing", "a.json/below-a-file", "no/such"])
        {
            string path = dir.Combine(name);
            bool exists = File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
            bool link = new FileInfo(path).LinkTarget is not null;
            Assert.Equal((exists, link), (FileTree.Exists(path), FileTree.IsLink(path)));
            Assert.Equal(!exists ? EntryKind.Missing : link ? EntryKind.Link : EntryKind.Other, FileStat.EntryOf(path));
        }
        // A trailing separator makes the kernel follow the link: .NET answers those, as before.
        Assert.Null(FileStat.EntryOf(dir.Combine("folder-link") + "/"));
        Assert.True(FileTree.Exists(folder + "/"));
    }

    [Fact]
    public void A_listing_stamps_files_and_links_as_a_stamp_of_their_path_does()
    {
        using var dir = new TempDirectory("listing-stamp");
        string file = dir.Combine("a.jsonl");
        File.WriteAllText(file, "{\"type\":\"user\"}\n");
        File.SetLastWriteTimeUtc(file, new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddTicks(1234));
        File.CreateSymbolicLink(dir.Combine("link.jsonl"), file);
        File.CreateSymbolicLink(dir.Combine("dangling.jsonl"), dir.Combine("gone.jsonl"));

        File.WriteAllText(dir.Combine("会话 🚀.jsonl"), "{}\n");
        Directory.CreateDirectory(dir.Combine("folder.jsonl"));

        using var stamps = new StampFolder(dir.Path);
        var listed = new System.IO.Enumeration.FileSystemEnumerable<(string Path, FileStamp Stamp)>(dir.Path,
            (ref System.IO.Enumeration.FileSystemEntry entry) => (entry.ToFullPath(), FileStat.Of(stamps, entry.FileName)), FileStamp.EveryEntry).ToList();

        Assert.Equal(5, listed.Count);
        foreach (var (path, stamp) in listed) Assert.Equal(FileStamp.Of(path), stamp);
    }

    [Fact]
    public void Stamps_taken_from_an_open_folder_equal_stamps_of_the_whole_path()
    {
        using var dir = new TempDirectory("folder-stamp");
        Directory.CreateDirectory(dir.Combine("a1b2c3d4"));
        string file = dir.Combine("a1b2c3d4", "metadata.json");
        File.WriteAllText(file, "{\"id\": \"a1b2c3d4\"}");
        File.SetLastWriteTimeUtc(file, new DateTime(2025, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(789));
        File.CreateSymbolicLink(dir.Combine("a1b2c3d4", "link.json"), file);
        Directory.CreateDirectory(dir.Combine("a1b2c3d4", "folder.json"));
        Directory.CreateDirectory(dir.Combine("会话 🚀"));
        File.WriteAllText(dir.Combine("会话 🚀", "messages.jsonl"), "{}\n");
        string[][] names =
        [
            ["a1b2c3d4", "metadata.json"], ["a1b2c3d4", "link.json"], ["a1b2c3d4", "folder.json"], ["a1b2c3d4", "missing.json"],
            ["no-such-folder", "metadata.json"], ["a1b2c3d4", "metadata.json/below-a-file"], ["会话 🚀", "messages.jsonl"],
        ];

        using var opened = new StampFolder(dir.Path);
        Assert.True(!OperatingSystem.IsLinux() || opened.Handle >= 0, "the folder did not open");
        foreach (var name in names)
        {
            var expected = FileStat.Of(Path.Combine(dir.Path, name[0], name[1]));
            Assert.Equal(expected, FileStat.Of(opened, name[0], name[1]));
            Assert.Equal(expected, FileStat.Of(StampFolder.ByPath(dir.Path), name[0], name[1]));
        }
        Assert.NotEqual(FileStamp.Missing, FileStat.Of(opened, "会话 🚀", "messages.jsonl"));
    }
}
