using System.IO.Enumeration;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Moves, removes and measures files and folders without ever following a symbolic link: a
/// link is moved or removed as the link itself, so a link inside a session that points at the
/// user's home folder can never make a delete reach outside the session.
/// </summary>
public static class FileTree
{
    /// <summary>Whether anything is at the path: a file, a folder, or a link (even a dangling one).</summary>
    public static bool Exists(string path) =>
        FileStat.EntryOf(path) is { } entry ? entry != EntryKind.Missing : File.Exists(path) || Directory.Exists(path) || IsLink(path);

    public static bool IsLink(string path)
    {
        if (FileStat.EntryOf(path) is { } entry) return entry == EntryKind.Link;
        try { return new FileInfo(path).LinkTarget is not null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Moves a file, folder or link to a path where nothing is; never overwrites. Falls back to copy + remove across file systems.</summary>
    public static void Move(string source, string destination)
    {
        if (TryRename(source, destination)) return;
        CopyFlushed(source, destination);
        Remove(source);
    }

    /// <summary>
    /// Moves by one rename; false, changing nothing, when that cannot be done because the two
    /// places are on different file systems (EXDEV). Never overwrites.
    /// </summary>
    public static bool TryRename(string source, string destination)
    {
        if (Exists(destination)) throw new IOException($"{destination} already exists; nothing was overwritten");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        bool folder = Directory.Exists(source) && !IsLink(source);
        try
        {
            if (folder) Directory.Move(source, destination);
            else File.Move(source, destination, overwrite: false);
            return true;
        }
        catch (IOException) when (Exists(source) && !Exists(destination))
        {
            return false;
        }
    }

    /// <summary>Copies a file, folder or link (links as links) to a path where nothing is, every file flushed to disk.</summary>
    public static void CopyFlushed(string source, string destination)
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
                CopyFlushed(entry, Path.Combine(destination, Path.GetFileName(entry)));
        }
        else
        {
            using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var to = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
            from.CopyTo(to);
            to.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Whether everything at <paramref name="part"/> is also at <paramref name="whole"/>: each file's
    /// bytes are the same as, or the beginning of, the file of that name there (what a copy cut
    /// short leaves); links have the same target; folders hold nothing else. Then removing
    /// <paramref name="part"/> loses nothing: what an interrupted copy or remove leaves is such a part.
    /// </summary>
    public static bool Holds(string whole, string part)
    {
        if (IsLink(part)) return IsLink(whole) && new FileInfo(part).LinkTarget == new FileInfo(whole).LinkTarget;
        if (IsLink(whole)) return false;
        if (Directory.Exists(part))
            return Directory.Exists(whole) && Directory.EnumerateFileSystemEntries(part)
                .All(entry => Holds(Path.Combine(whole, Path.GetFileName(entry)), entry));
        return File.Exists(whole) && File.Exists(part) && BeginsWith(whole, part);
    }

    private static bool BeginsWith(string whole, string part)
    {
        using var first = new FileStream(whole, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var second = new FileStream(part, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (first.Length < second.Length) return false;
        var x = new byte[1 << 16];
        var y = new byte[1 << 16];
        int n;
        while ((n = second.ReadAtLeast(y, y.Length, throwOnEndOfStream: false)) > 0)
        {
            first.ReadExactly(x, 0, n);
            if (!x.AsSpan(0, n).SequenceEqual(y.AsSpan(0, n))) return false;
        }
        return true;
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

    /// <summary>Bytes of the regular files under the path; links count as nothing (and are not followed).</summary>
    public static long Size(string path)
    {
        if (IsLink(path)) return 0;
        if (File.Exists(path)) return new FileInfo(path).Length;
        if (!Directory.Exists(path)) return 0;
        // One enumeration, whose entries carry their lstat: no per-file link check and no FileInfo
        // or path string per file (a cleanup sizes thousands of sessions).
        long bytes = 0;
        foreach (long length in new FileSystemEnumerable<long>(path, static (ref FileSystemEntry entry) => entry.Length, WholeTree)
                 {
                     ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory,
                 })
            bytes += length;
        return bytes;
    }

    private static readonly EnumerationOptions WholeTree = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
    };
}
