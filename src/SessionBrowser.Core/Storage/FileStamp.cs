namespace SessionBrowser.Core.Storage;

/// <summary>Length and last write time (UTC ticks) of one file; <see cref="Missing"/> when it is not there.</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks)
{
    public static readonly FileStamp Missing = new(-1, 0);

    /// <summary>Not looked at (see <c>IStampedStore.Stamps</c>): equal to no real stamp.</summary>
    public static readonly FileStamp NotTaken = new(-2, 0);

    public static FileStamp Of(FileInfo file) => file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks) : Missing;

    public static FileStamp Of(string path) => FileStat.Of(path);
}
