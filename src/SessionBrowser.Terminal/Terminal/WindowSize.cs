using System.Runtime.InteropServices;

namespace SessionBrowser.Terminal;

/// <summary>
/// The width of the terminal behind a file descriptor, read without System.Console: asking
/// Console.WindowWidth initialises .NET's console, which writes the keypad-transmit sequence
/// (<c>\e[?1h\e=</c>) to the terminal and leaves it set after the program ends.
/// </summary>
public static class WindowSize
{
    private const nuint LinuxTiocgwinsz = 0x5413;

    /// <summary>Columns of the terminal on <paramref name="descriptor"/>; null when it is not a terminal or cannot be asked.</summary>
    public static int? Columns(int descriptor)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return ioctl(descriptor, LinuxTiocgwinsz, out var size) == 0 && size.Columns > 0 ? size.Columns : null;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }
        // Elsewhere ioctl's variadic calling convention differs (Apple arm64): ask stty about the terminal instead.
        return OperatingSystem.IsWindows() ? null : Stty.Size("/dev/tty")?.Width;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort PixelWidth;
        public ushort PixelHeight;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int descriptor, nuint request, out WinSize size);
}
