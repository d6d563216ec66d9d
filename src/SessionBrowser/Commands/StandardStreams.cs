using System.Runtime.InteropServices;
using System.Text;

namespace SessionBrowser.Commands;

/// <summary>
/// stdin, stdout and stderr as plain read(2)/write(2) streams on Unix. System.Console's streams
/// are not used there: their first read or write on a terminal initialises .NET's console, which
/// writes the terminal's keypad-transmit sequence (<c>\e[?1h\e=</c>, application cursor and keypad
/// mode) and never resets it, so even <c>--version</c> left the shell's arrow keys in another mode.
/// (A FileStream will not do either: on a redirected file it writes at its own offsets with
/// pwrite, so <c>a; b &gt; log</c> would overwrite instead of append.) The full-screen browser
/// reads and draws through /dev/tty itself and needs none of it.
/// </summary>
public static class StandardStreams
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static TextWriter Output => OperatingSystem.IsWindows() ? Console.Out : Writer(1);

    public static TextWriter Error => OperatingSystem.IsWindows() ? Console.Error : Writer(2);

    public static TextReader Input => OperatingSystem.IsWindows() ? Console.In : new StreamReader(new DescriptorStream(0), Utf8, false, 4096);

    // Flushed on every write like Console's writers: prompts, progress and streamed output appear as they are written.
    private static TextWriter Writer(int descriptor) =>
        TextWriter.Synchronized(new StreamWriter(new DescriptorStream(descriptor), Utf8, 4096) { AutoFlush = true });

    /// <summary>A file descriptor the process inherited, read and written at the position it shares with its parent.</summary>
    private sealed class DescriptorStream(int descriptor) : Stream
    {
        private const int Interrupted = 4, BrokenPipe = 32; // EINTR, EPIPE

        public override bool CanRead => descriptor == 0;
        public override bool CanWrite => descriptor != 0;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override unsafe int Read(Span<byte> buffer)
        {
            fixed (byte* start = buffer)
            {
                while (true)
                {
                    nint got = read(descriptor, start, buffer.Length);
                    if (got >= 0) return (int)got;
                    if (Marshal.GetLastPInvokeError() != Interrupted) throw new IOException($"cannot read file descriptor {descriptor}: error {Marshal.GetLastPInvokeError()}");
                }
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override unsafe void Write(ReadOnlySpan<byte> buffer)
        {
            if (_readerGone) return;
            fixed (byte* start = buffer)
            {
                int done = 0;
                while (done < buffer.Length)
                {
                    nint written = write(descriptor, start + done, buffer.Length - done);
                    if (written >= 0) done += (int)written;
                    else if (Marshal.GetLastPInvokeError() is int error && error == BrokenPipe)
                    {
                        // Nobody reads any more (`| head` had enough): what follows is dropped, and
                        // the output's end is said once so the command stops (Cli: exit 141). An
                        // error message would go nowhere: stderr only stops writing.
                        _readerGone = true;
                        if (descriptor == 2) return;
                        throw new OutputClosedException(descriptor);
                    }
                    else if (error != Interrupted)
                        throw new IOException($"cannot write file descriptor {descriptor}: error {error}");
                }
            }
        }

        private bool _readerGone;

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe nint read(int descriptor, byte* buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        private static extern unsafe nint write(int descriptor, byte* buffer, nint count);
    }
}

/// <summary>The reader of stdout went away mid-output; the command stops and exits 141, quietly.</summary>
public sealed class OutputClosedException(int descriptor) : IOException($"file descriptor {descriptor} was closed by its reader");
