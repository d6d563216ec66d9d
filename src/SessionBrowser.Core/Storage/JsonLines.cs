using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Storage;

/// <summary>One line of a JSONL file: where it starts, its bytes (without the newline), whether it ended with one.</summary>
public readonly record struct JsonLine(long Offset, ReadOnlyMemory<byte> Bytes, bool Terminated);

/// <summary>
/// Streams the lines of a JSONL file with their byte offsets (memory stays at one buffer, so a
/// 100 MB file is never loaded whole), and appends lines so that a reader never sees a whole
/// line glued to a half one.
/// </summary>
public static class JsonLines
{
    private const int BufferSize = 64 * 1024, FirstReadSize = 4 * 1024;

    /// <summary>
    /// The lines from <paramref name="fromOffset"/> on; blank lines are skipped. A missing file has no lines.
    /// A line's bytes are only valid until the next line is read (one buffer is reused).
    /// </summary>
    public static IEnumerable<JsonLine> ReadLines(string path, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        ReadLines(path, fromOffset, BufferSize, cancellationToken);

    /// <summary>As above, starting with a buffer of <paramref name="bufferSize"/> bytes (it grows for longer lines): small when only the first lines are wanted.</summary>
    public static IEnumerable<JsonLine> ReadLines(string path, long fromOffset, int bufferSize, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = RegularFile.OpenRead(path, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            yield break;
        }
        using (stream)
        {
            if (fromOffset > 0)
            {
                if (fromOffset >= stream.Length) yield break;
                stream.Seek(fromOffset, SeekOrigin.Begin);
            }
            // The first read is small: a search reading back one hit's line, or a reader wanting only
            // the first lines, touches a few KB; the buffer takes its full size on the second read.
            byte[] buffer = new byte[Math.Max(256, Math.Min(bufferSize, FirstReadSize))];
            int start = 0, end = 0;
            bool readBefore = false;
            long bufferOffset = fromOffset;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    if (!IsBlank(buffer.AsSpan(start, newline - start)))
                        yield return new JsonLine(bufferOffset + start, buffer.AsMemory(start, newline - start), true);
                    start = newline + 1;
                    continue;
                }
                // No newline in what is buffered: keep the partial line, make room, read more.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    bufferOffset += start;
                    start = 0;
                }
                if (end == buffer.Length || readBefore && buffer.Length < bufferSize) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, bufferSize));
                int read = stream.Read(buffer, end, buffer.Length - end);
                readBefore = true;
                if (read == 0)
                {
                    if (end > start && !IsBlank(buffer.AsSpan(start, end - start)))
                        yield return new JsonLine(bufferOffset + start, buffer.AsMemory(start, end - start), false);
                    yield break;
                }
                end += read;
            }
        }
    }

    /// <summary>
    /// The lines <see cref="ReadLines(string, long, CancellationToken)"/> gives for the bytes of a
    /// file's start already read: every line a newline ends, and the unended last one only when
    /// <paramref name="whole"/> (these are all of the file; otherwise it may go on).
    /// </summary>
    public static IEnumerable<JsonLine> LinesIn(ReadOnlyMemory<byte> bytes, bool whole)
    {
        int start = 0;
        while (start < bytes.Length)
        {
            int newline = bytes.Span[start..].IndexOf((byte)'\n');
            if (newline < 0) break;
            if (!IsBlank(bytes.Span.Slice(start, newline))) yield return new JsonLine(start, bytes.Slice(start, newline), true);
            start += newline + 1;
        }
        if (whole && start < bytes.Length && !IsBlank(bytes.Span[start..])) yield return new JsonLine(start, bytes[start..], false);
    }

    /// <summary>Parses one line as a JSON object; the error says why not.</summary>
    public static JsonObject? TryParseObject(in JsonLine line, out string? error) => TryParseObject(line, out error, out _);

    /// <summary>
    /// As above; <paramref name="damage"/> says when the object was read only after invalid text
    /// in the line was replaced (<see cref="JsonTextRepair"/>), so the line counts as damaged.
    /// </summary>
    public static JsonObject? TryParseObject(in JsonLine line, out string? error, out string? damage)
    {
        var bytes = Readable(line, out damage);
        try
        {
            var node = JsonNode.Parse(bytes.Span, documentOptions: JsonFile.ReadOptions);
            if (node is JsonObject obj)
            {
                error = null;
                return obj;
            }
            error = $"line at byte {line.Offset} is JSON but not an object";
            return null;
        }
        catch (JsonException e)
        {
            error = line.Terminated
                ? $"line at byte {line.Offset} is not valid JSON ({JsonFile.Describe(e)})"
                : $"last line at byte {line.Offset} is incomplete (the writer stopped mid-line)";
            return null;
        }
    }

    /// <summary>
    /// Parses one line as a document whose strings can all be read: invalid text in it is replaced
    /// first (<see cref="JsonTextRepair"/>), and <paramref name="damage"/> then says so, for the
    /// caller to mark the line damaged. A line that is not JSON throws <see cref="JsonException"/>.
    /// The document may point into the line's buffer: dispose of it before reading the next line.
    /// </summary>
    public static JsonDocument ParseDocument(in JsonLine line, JsonDocumentOptions options, out string? damage) =>
        JsonDocument.Parse(Readable(line, out damage), options);

    /// <summary>The line's bytes, or a repaired copy of them (then <paramref name="damage"/> describes the line).</summary>
    private static ReadOnlyMemory<byte> Readable(in JsonLine line, out string? damage)
    {
        damage = null;
        if (JsonTextRepair.Repaired(line.Bytes.Span) is not { } repaired) return line.Bytes;
        damage = $"line at byte {line.Offset} {JsonTextRepair.Problem}";
        return repaired;
    }

    /// <summary>
    /// Appends whole lines in one write. When the file ends in a torn line (a writer died mid-line),
    /// a newline is written first so the torn line stays a separate, reportable line.
    /// Callers hold the session lock; the single write keeps even unlocked readers consistent.
    /// </summary>
    public static void Append(string path, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (string line in lines) text.Append(line).Append('\n');
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        long length = stream.Length;
        if (length > 0)
        {
            stream.Seek(length - 1, SeekOrigin.Begin);
            if (stream.ReadByte() != '\n') bytes = [(byte)'\n', .. bytes];
        }
        stream.Seek(length, SeekOrigin.Begin);
        stream.Write(bytes);
        stream.Flush(flushToDisk: false);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return false;
        return true;
    }
}
