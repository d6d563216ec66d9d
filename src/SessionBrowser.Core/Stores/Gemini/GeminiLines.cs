namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>One line of a JSONL file: where it starts, its bytes (no newline), whether a newline ended it.</summary>
internal readonly record struct RawLine(long Offset, ReadOnlyMemory<byte> Bytes, bool Terminated);

/// <summary>
/// Streams the lines of a file with their byte offsets through one reused buffer, so a
/// 300 MB Gemini transcript never becomes one string.
/// </summary>
internal static class GeminiLines
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Non-blank lines; a line's bytes are valid only until the next one is read.</summary>
    public static IEnumerable<RawLine> Read(Stream stream, CancellationToken cancellationToken = default)
    {
        byte[] buffer = new byte[BufferSize];
        int start = 0, end = 0;
        long bufferOffset = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                if (!IsBlank(buffer.AsSpan(start, newline - start)))
                    yield return new RawLine(bufferOffset + start, buffer.AsMemory(start, newline - start), true);
                start = newline + 1;
                continue;
            }
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                bufferOffset += start;
                start = 0;
            }
            if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                if (end > start && !IsBlank(buffer.AsSpan(start, end - start)))
                    yield return new RawLine(bufferOffset + start, buffer.AsMemory(start, end - start), false);
                yield break;
            }
            end += read;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes) => bytes.Trim(" \t\r"u8).IsEmpty;
}
