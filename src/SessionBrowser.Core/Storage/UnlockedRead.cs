using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Reads the start of a file without taking the shared flock every .NET open takes on Unix, so
/// the content of a lock file can be read while another process holds it exclusively (that is
/// how a live session's holder is named). Not available on Windows, where the holder's share
/// mode keeps everyone out: returns null there.
/// </summary>
internal static class UnlockedRead
{
    private const int ReadOnly = 0; // O_RDONLY

    public static byte[]? ReadPrefix(string path, int maxBytes)
    {
        if (OperatingSystem.IsWindows()) return null;
        int fd = Open(path, ReadOnly);
        if (fd < 0) return null;
        // A stream made from a handle takes no lock (only opening by path does).
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        using var stream = new FileStream(handle, FileAccess.Read, 1);
        byte[] buffer = new byte[maxBytes];
        int read = stream.ReadAtLeast(buffer, maxBytes, throwOnEndOfStream: false);
        return buffer[..read];
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
