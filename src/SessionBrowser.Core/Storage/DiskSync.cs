using System.Runtime.InteropServices;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Makes many just-written files durable at once: a batch of trash records written without a
/// flush each, then one <c>syncfs</c> of their file system (Linux) instead of one fsync per file.
/// Elsewhere, or when syncfs is refused, each file is flushed on its own.
/// </summary>
public static class DiskSync
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Flush(IReadOnlyList<string> files)
    {
        if (files.Count == 0) return;
        if (!_unavailable)
        {
            try
            {
                using var handle = File.OpenHandle(files[0], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (syncfs(handle.DangerousGetHandle().ToInt32()) == 0) return;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                _unavailable = true;
            }
        }
        foreach (string file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.Flush(flushToDisk: true);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int fd);
}
