namespace SessionBrowser.Core.Lifecycle;

/// <summary>Bytes taken by files and folders, counting links as themselves (never following them).</summary>
public static class DiskUsage
{
    public static long Of(IEnumerable<string> paths) => paths.Sum(Of);

    public static long Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists || info.LinkTarget is not null) return info.LinkTarget is null ? info.Length : 0;
            if (!Directory.Exists(path)) return 0;
            long total = 0;
            var pending = new Stack<DirectoryInfo>();
            pending.Push(new DirectoryInfo(path));
            while (pending.Count > 0)
            {
                foreach (var entry in pending.Pop().EnumerateFileSystemInfos())
                {
                    if (entry.LinkTarget is not null) continue;
                    if (entry is DirectoryInfo dir) pending.Push(dir);
                    else total += ((FileInfo)entry).Length;
                }
            }
            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A size is shown to help decide; an unreadable corner must not stop the listing.
            return 0;
        }
    }
}
