namespace SessionBrowser.Core.Storage;

/// <summary>
/// Opens session files for reading only when they are regular files, never through a link. A FIFO where a session file
/// should be (put there by mistake or to hurt) would block the open forever and hang every
/// command; a device would never end. Such a path fails at once with an <see cref="IOException"/>
/// that says what it is, which readers turn into a damaged session like any unreadable file.
/// </summary>
public static class RegularFile
{
    /// <summary>Throws <see cref="IOException"/> when something other than a file or folder is at the path; a missing path passes (the open reports it).</summary>
    public static void Check(string path)
    {
        if (FileStat.IsSpecial(path))
            throw new IOException($"{Path.GetFileName(path)} is not a regular file (a FIFO, socket or device); it is not opened");
        // A session file that is a link could lead anywhere (/etc/passwd, another user's files): never followed.
        if (FileTree.IsLink(path))
            throw new IOException($"{Path.GetFileName(path)} is a symbolic link; links are not followed");
    }

    public static FileStream OpenRead(string path, FileOptions options = FileOptions.None)
    {
        Check(path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, options);
    }
}
