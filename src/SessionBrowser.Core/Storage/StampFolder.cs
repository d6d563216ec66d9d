namespace SessionBrowser.Core.Storage;

/// <summary>
/// A folder held open while the files in it are stamped (<see cref="FileStat.Of(StampFolder, string, string)"/>):
/// proving 10,000 sessions unchanged is 10,000-20,000 stats, and walking each absolute path again
/// from the root was a fifth of a warm list's CPU. Where the folder cannot be opened the stamps
/// are taken by path, as before.
/// </summary>
internal sealed class StampFolder : IDisposable
{
    private FolderHandle _folder;

    public StampFolder(string path) : this(path, FolderHandle.Open(path)) { }

    private StampFolder(string path, FolderHandle folder)
    {
        Path = path;
        _folder = folder;
    }

    /// <summary>Stamps by whole paths, for one or two files where opening the folder would cost more than it saves.</summary>
    public static StampFolder ByPath(string path) => new(path, FolderHandle.NotOpen);

    public string Path { get; }

    /// <summary>The open descriptor, or -1.</summary>
    public int Handle => _folder.Descriptor;

    public void Dispose()
    {
        _folder.Dispose();
        _folder = FolderHandle.NotOpen;
    }
}
