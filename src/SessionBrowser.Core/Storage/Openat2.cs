using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Linux's openat2(2) (5.6 and later) with RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH: a path below an
/// open folder is opened in one call with no link followed anywhere on it, where openat needs the
/// folder opened first to refuse a link in the middle. Whether it works is asked once (an older
/// kernel says ENOSYS, a container's seccomp filter may say EPERM); <see cref="FolderHandle"/>
/// opens folders one by one where it does not.
/// </summary>
internal static class Openat2
{
    private const long Number = 437;                                  // the same on x86-64 and arm64 (asm-generic)
    private const ulong NoSymlinks = 0x04, Beneath = 0x08;            // RESOLVE_NO_SYMLINKS, RESOLVE_BENEATH
    private const int CurrentDirectory = -100;                        // AT_FDCWD

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags, Mode, Resolve;
    }

    private static readonly Lazy<bool> Probe = new(Try);

    /// <summary>Whether openat2 opens paths here (asked once, by opening "." below the current folder).</summary>
    public static bool Works => !Declined && Probe.Value;

    /// <summary>For tests: the folder-by-folder way is taken even where openat2 works (both read the same).</summary>
    internal static bool Declined { get; set; }

    /// <summary>The file at <paramref name="path"/> below the open <paramref name="folder"/>; -1 (errno set) when it cannot be opened so.</summary>
    public static int Open(int folder, string path, int flags)
    {
        var how = new OpenHow { Flags = (ulong)flags, Resolve = NoSymlinks | Beneath };
        return (int)syscall(Number, folder, path, ref how, (nuint)Unsafe.SizeOf<OpenHow>());
    }

    private static bool Try()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return false;
        try
        {
            int file = Open(CurrentDirectory, ".", 0x200000 | 0x80000 /* O_PATH | O_CLOEXEC: no permission needed */);
            if (file < 0) return false;
            close(file);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref OpenHow how, nuint size);

    [DllImport("libc")]
    private static extern int close(int file);
}
