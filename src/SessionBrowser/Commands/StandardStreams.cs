using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SessionBrowser.Commands;

/// <summary>
/// stdin, stdout and stderr as plain file streams on Unix. System.Console's streams are not used
/// there: their first read or write on a terminal initialises .NET's console, which writes the
/// terminal's keypad-transmit sequence (<c>\e[?1h\e=</c>, application cursor and keypad mode) and
/// never resets it, so even <c>--version</c> left the shell's arrow keys in another mode. The
/// full-screen browser reads and draws through /dev/tty itself and needs none of it.
/// </summary>
public static class StandardStreams
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static TextWriter Output => OperatingSystem.IsWindows() ? Console.Out : Writer(1);

    public static TextWriter Error => OperatingSystem.IsWindows() ? Console.Error : Writer(2);

    public static TextReader Input => OperatingSystem.IsWindows() ? Console.In : new StreamReader(Stream(0, FileAccess.Read), Utf8, false, 4096);

    // Flushed on every write like Console's writers: prompts, progress and streamed output appear as they are written.
    private static TextWriter Writer(int descriptor) =>
        TextWriter.Synchronized(new StreamWriter(Stream(descriptor, FileAccess.Write), Utf8, 4096) { AutoFlush = true });

    private static FileStream Stream(int descriptor, FileAccess access) =>
        new(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
}
