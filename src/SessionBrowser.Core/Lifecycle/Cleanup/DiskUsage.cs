using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>Bytes taken by files and folders, counting links as themselves (never following them).</summary>
public static class DiskUsage
{
    public static long Of(IEnumerable<string> paths) => paths.Sum(Of);

    /// <summary><see cref="FileTree.Size"/> (one enumeration per folder, no per-file link check: a cleanup sizes thousands of sessions), 0 when unreadable.</summary>
    public static long Of(string path)
    {
        try
        {
            return FileTree.Size(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A size is shown to help decide; an unreadable corner must not stop the listing.
            return 0;
        }
    }
}
