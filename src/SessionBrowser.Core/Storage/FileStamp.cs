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

    /// <summary>How the stores list their folders: every entry, hidden ones and links included (each caller decides), unreadable subfolders skipped.</summary>
    public static readonly EnumerationOptions EveryEntry = new() { AttributesToSkip = 0, IgnoreInaccessible = true };
}
