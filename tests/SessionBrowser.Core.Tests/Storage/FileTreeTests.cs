using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

/// <summary>FileTree.Holds: what a copy or a remove cut short leaves is recognised as a part, nothing else is.</summary>
public sealed class FileTreeTests : IDisposable
{
    private readonly TempDirectory _dir = new("file-tree");

    public void Dispose() => _dir.Dispose();

    private string Folder(string name, params (string File, string Text)[] files)
    {
        string folder = _dir.Combine(name);
        Directory.CreateDirectory(folder);
        foreach (var (file, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, file))!);
            File.WriteAllText(Path.Combine(folder, file), text);
        }
        return folder;
    }

    [Fact]
    public void A_copy_cut_short_is_held_by_the_whole_but_not_the_other_way()
    {
        string whole = Folder("whole", ("a.txt", "alpha"), ("sub/b.txt", "bravo bravo"), ("c.txt", "charlie"));
        string part = Folder("part", ("a.txt", "alpha"), ("sub/b.txt", "bravo"));
        Directory.CreateDirectory(Path.Combine(part, "empty"));
        Directory.CreateDirectory(Path.Combine(whole, "empty"));

        Assert.True(FileTree.Holds(whole, part));
        Assert.False(FileTree.Holds(part, whole));
    }

    [Fact]
    public void Different_bytes_or_a_file_the_whole_lacks_are_not_held()
    {
        string whole = Folder("whole2", ("a.txt", "alpha"));
        Assert.False(FileTree.Holds(whole, Folder("changed", ("a.txt", "alphx"))));
        Assert.False(FileTree.Holds(whole, Folder("extra", ("a.txt", "alpha"), ("new.txt", "someone's new file"))));
        Assert.False(FileTree.Holds(whole, Folder("longer", ("a.txt", "alpha and more"))));
    }

    [Fact]
    public void Links_are_compared_by_target_and_never_followed()
    {
        string whole = Folder("whole3");
        string part = Folder("part3");
        File.CreateSymbolicLink(Path.Combine(whole, "l"), "/etc/hostname");
        File.CreateSymbolicLink(Path.Combine(part, "l"), "/etc/hostname");
        Assert.True(FileTree.Holds(whole, part));
        File.Delete(Path.Combine(part, "l"));
        File.CreateSymbolicLink(Path.Combine(part, "l"), "/etc/passwd");
        Assert.False(FileTree.Holds(whole, part));
    }
}
