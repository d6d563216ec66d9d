namespace SessionBrowser.Core.Storage;

/// <summary>
/// Moves, removes and measures files and folders without ever following a symbolic link: a
/// link is moved or removed as the link itself, so a link inside a session that points at the
/// user's home folder can never make a delete reach outside the session.
/// </summary>
public static class FileTree
{
    /// <summary>Whether anything is at the path: a file, a folder, or a link (even a dangling one).</summary>
    public static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || IsLink(path);

    public static bool IsLink(string path)
    {
        try { return new FileInfo(path).LinkTarget is not null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Moves a file, folder or link to a path where nothing is; never overwrites. Falls back to copy + remove across file systems.</summary>
    public static void Move(string source, string destination)
    {
        if (Exists(destination)) throw new IOException($"{destination} already exists; nothing was overwritten");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        bool folder = Directory.Exists(source) && !IsLink(source);
        try
        {
            if (folder) Directory.Move(source, destination);
            else File.Move(source, destination, overwrite: false);
            return;
        }
        catch (IOException) when (Exists(source) && !Exists(destination))
        {
            // A rename cannot cross file systems (EXDEV): copy, then remove the original.
        }
        Copy(source, destination);
        Remove(source);
    }

    /// <summary>Removes a file, a link (not what it points to) or a folder with everything in it.</summary>
    public static void Remove(string path)
    {
        if (IsLink(path) || File.Exists(path))
        {
            File.Delete(path);
            return;
        }
        if (!Directory.Exists(path)) return;
        foreach (string entry in Directory.EnumerateFileSystemEntries(path))
            Remove(entry);
        Directory.Delete(path);
    }

    /// <summary>Bytes of the regular files under the path; links count as nothing.</summary>
    public static long Size(string path)
    {
        if (IsLink(path)) return 0;
        if (File.Exists(path)) return new FileInfo(path).Length;
        if (!Directory.Exists(path)) return 0;
        long total = 0;
        foreach (string entry in Directory.EnumerateFileSystemEntries(path)) total += Size(entry);
        return total;
    }

    private static void Copy(string source, string destination)
    {
        if (IsLink(source))
        {
            var target = new FileInfo(source).LinkTarget!;
            File.CreateSymbolicLink(destination, target);
        }
        else if (Directory.Exists(source))
        {
            Directory.CreateDirectory(destination);
            foreach (string entry in Directory.EnumerateFileSystemEntries(source))
                Copy(entry, Path.Combine(destination, Path.GetFileName(entry)));
        }
        else
        {
            File.Copy(source, destination, overwrite: false);
        }
    }
}
