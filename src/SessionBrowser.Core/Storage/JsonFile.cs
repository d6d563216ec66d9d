using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Storage;

/// <summary>The result of reading a JSON document: the node, or why there is none.</summary>
public readonly record struct JsonReadResult(JsonNode? Node, string? Error, bool Missing)
{
    public bool Ok => Error is null;
}

/// <summary>Reads and writes whole JSON documents (metadata, snapshots, index, records).</summary>
public static class JsonFile
{
    internal static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 256 };

    /// <summary>Never throws for bad content or a missing file; the error says what is wrong.</summary>
    public static JsonReadResult TryRead(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new(null, $"{Path.GetFileName(path)} is missing", Missing: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, $"{Path.GetFileName(path)} cannot be read: {e.Message}", Missing: false);
        }
        return Parse(bytes, Path.GetFileName(path));
    }

    public static JsonReadResult Parse(ReadOnlySpan<byte> bytes, string name)
    {
        bytes = StripBom(bytes);
        if (bytes.Trim((byte)' ').IsEmpty)
            return new(null, $"{name} is empty", Missing: false);
        try
        {
            var node = JsonNode.Parse(bytes, documentOptions: ReadOptions);
            return new(node, null, Missing: false);
        }
        catch (JsonException e)
        {
            return new(null, $"{name} is not valid JSON ({Describe(e)})", Missing: false);
        }
    }

    /// <summary>Writes atomically in Python's <c>json.dump(indent=2)</c> form.</summary>
    public static void Write(string path, JsonNode node) => AtomicFile.WriteAllText(path, PythonJson.SerializeIndented(node));

    internal static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    internal static string Describe(JsonException e) =>
        e.LineNumber is long line ? $"line {line + 1}, byte {e.BytePositionInLine + 1}" : e.Message;
}
