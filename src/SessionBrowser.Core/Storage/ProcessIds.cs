using System.Diagnostics;

namespace SessionBrowser.Core.Storage;

/// <summary>Whether a process id written into a file or a name by some process still names a running process.</summary>
public static class ProcessIds
{
    public static bool IsRunning(int pid)
    {
        if (pid <= 0) return false;
        if (Directory.Exists("/proc/self")) return Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
