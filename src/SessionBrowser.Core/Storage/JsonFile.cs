using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Storage;

/// <summary>The result of reading a JSON document: the node, or why there is none.</summary>
public readonly record struct JsonReadResult(JsonNode? Node, string? Error, bool Missing)
{
    public bool Ok => Error is null;

    /// <summary>The document parsed, but only after invalid text in it was replaced (<see cref="JsonTextRepair"/>): its owner is damaged.</summary>
    public bool Repaired { get; init; }
}

/// <summary>Reads and writes whole JSON documents (metadata, snapshots, index, records).</summary>
public static class JsonFile
{
    // Duplicate keys are refused when parsing: a JsonObject would otherwise throw at its first use, far from the file.
    internal static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 256, AllowDuplicateProperties = false };

    /// <summary>
    /// Never throws for bad content or a missing file; the error says what is wrong. A file longer
    /// than <paramref name="maxBytes"/> is not read at all (a 150 MB metadata.json would cost
    /// a minute and gigabytes for one list row).
    /// </summary>
    public static JsonReadResult TryRead(string path, long maxBytes = long.MaxValue) =>
        TryReadBytes(path, out var failure, maxBytes) is { } bytes ? Parse(bytes, Path.GetFileName(path)) : failure;

    /// <summary>
    /// The file's bytes, unparsed (a caller that knows them already need not parse them again), or
    /// null with <paramref name="failure"/> saying why, as <see cref="TryRead"/> would.
    /// </summary>
    public static byte[]? TryReadBytes(string path, out JsonReadResult failure, long maxBytes = long.MaxValue)
    {
        failure = default;
        try
        {
            using var stream = RegularFile.OpenRead(path);
            long length = stream.Length;
            if (length > maxBytes)
            {
                failure = new(null, $"{Path.GetFileName(path)} is {length:N0} bytes, more than the {maxBytes:N0} read of such a file", Missing: false);
                return null;
            }
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            failure = new(null, $"{Path.GetFileName(path)} is missing", Missing: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = new(null, $"{Path.GetFileName(path)} cannot be read: {e.Message}", Missing: false);
        }
        return null;
    }

    public static JsonReadResult Parse(ReadOnlySpan<byte> bytes, string name)
    {
        bytes = StripBom(bytes);
        if (bytes.Trim((byte)' ').IsEmpty)
            return new(null, $"{name} is empty", Missing: false);
        byte[]? repaired = JsonTextRepair.Repaired(bytes);
        if (repaired is not null) bytes = repaired;
        try
        {
            var node = JsonNode.Parse(bytes, documentOptions: ReadOptions);
            return new(node, null, Missing: false) { Repaired = repaired is not null };
        }
        catch (JsonException e)
        {
            return new(null, $"{name} is not valid JSON ({Describe(e)})", Missing: false);
        }
    }

    /// <summary>Writes atomically in Python's <c>json.dump(indent=2)</c> form.</summary>
    public static void Write(string path, JsonNode node) => AtomicFile.WriteAllBytes(path, Bytes(node));

    /// <summary>What <see cref="Write"/> puts in the file.</summary>
    public static byte[] Bytes(JsonNode node) => Utf8NoBom.GetBytes(PythonJson.SerializeIndented(node));

    private static readonly System.Text.UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    internal static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    internal static string Describe(JsonException e) =>
        e.LineNumber is long line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : e.Message;
}
