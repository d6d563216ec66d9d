using System.Text;
using System.Text.Json;

namespace SessionBrowser.Commands.Output;

/// <summary>
/// JSON on a command's stdout: indented, readable CJK and emoji, written as it is produced
/// (a long session streams instead of being built in memory first).
/// </summary>
internal static class JsonOutput
{
    public static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = ReadableJsonEncoder.Instance };

    /// <summary>A writer whose bytes reach <paramref name="output"/> each time it is flushed; disposing flushes and ends the line.</summary>
    public static JsonTextWriter Open(TextWriter output) => new(output);

    internal sealed class JsonTextWriter : IDisposable
    {
        private readonly TextWriter _output;
        private readonly TextWriterStream _stream;

        public JsonTextWriter(TextWriter output)
        {
            _output = output;
            _stream = new TextWriterStream(output);
            Writer = new Utf8JsonWriter(_stream, WriterOptions);
        }

        public Utf8JsonWriter Writer { get; }

        /// <summary>Hands what is written so far to the output, so a reader sees progress.</summary>
        public void Flush()
        {
            Writer.Flush();
            _output.Flush();
        }

        public void Dispose()
        {
            Writer.Flush();
            Writer.Dispose();
            _output.WriteLine();
            _output.Flush();
        }
    }

    /// <summary>UTF-8 bytes in, text out to a TextWriter (a decoder keeps characters split across writes whole).</summary>
    private sealed class TextWriterStream(TextWriter output) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length) _chars = new char[needed];
            int written = _decoder.GetChars(buffer, _chars, flush: false);
            output.Write(_chars, 0, written);
        }

        public override void Flush() => output.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
