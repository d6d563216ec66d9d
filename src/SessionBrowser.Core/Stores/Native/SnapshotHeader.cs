using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Reads a snapshot's timestamp without parsing its state (which can be large): the reference
/// writes "step" and "timestamp" before "state", so the first few KB nearly always suffice.
/// </summary>
internal static class SnapshotHeader
{
    private const int PrefixSize = 8 * 1024;

    public static (string? Timestamp, string? Problem) Read(string path)
    {
        byte[] prefix;
        long length;
        try
        {
            using var stream = RegularFile.OpenRead(path);
            length = stream.Length;
            prefix = new byte[(int)Math.Min(PrefixSize, length)];
            stream.ReadExactly(prefix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
        bool complete = prefix.Length == length;
        if (TryScan(prefix, complete, out string? timestamp)) return (timestamp, null);
        // Unusual order or a damaged file: parse the whole document for a precise answer.
        var read = JsonFile.TryRead(path);
        if (!read.Ok) return (null, read.Error);
        return read.Node is System.Text.Json.Nodes.JsonObject obj
            ? (NativeJson.String(obj, "timestamp"), null)
            : (null, "snapshot is not a JSON object");
    }

    private static bool TryScan(byte[] bytes, bool complete, out string? timestamp)
    {
        timestamp = null;
        var reader = new Utf8JsonReader(JsonFile.StripBom(bytes), complete, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return false;
                if (reader.TokenType != JsonTokenType.PropertyName) return false;
                bool isTimestamp = reader.ValueTextEquals("timestamp"u8);
                if (!reader.Read()) return false;
                if (isTimestamp)
                {
                    if (reader.TokenType != JsonTokenType.String) return false;
                    timestamp = reader.GetString();
                    return true;
                }
                if (!reader.TrySkip()) return false;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
