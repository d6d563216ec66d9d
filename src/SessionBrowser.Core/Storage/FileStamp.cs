using System.IO.Enumeration;

namespace SessionBrowser.Core.Storage;

/// <summary>Length and last write time (UTC ticks) of one file; <see cref="Missing"/> when it is not there.</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks)
{
    public static readonly FileStamp Missing = new(-1, 0);

    /// <summary>Not looked at (see <c>IStampedStore.Stamps</c>): equal to no real stamp.</summary>
    public static readonly FileStamp NotTaken = new(-2, 0);

    public static FileStamp Of(FileInfo file) => file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks) : Missing;

    public static FileStamp Of(string path) => FileStat.Of(path);

    /// <summary>
    /// The stamp of an entry met while listing its folder, taken from the listing itself (one stat
    /// of the entry, which the listing keeps). A link is stamped as itself, as <see cref="Of(string)"/>
    /// does: the listing's length and time are the link's own. Its attributes are not asked for:
    /// on Unix they cost a system call per file (the read-only check).
    /// </summary>
    public static FileStamp Of(ref FileSystemEntry entry) => new(entry.Length, entry.LastWriteTimeUtc.UtcTicks);

    /// <summary>How the stores list their folders: every entry, hidden ones and links included (each caller decides), unreadable subfolders skipped.</summary>
    public static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = true };
}
