using System.Text;
using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>One scalar value of a JSON document: its path ("work_dirs[0].last_session_id"), where its bytes are, what it is.</summary>
internal readonly record struct JsonValueSpan(string Path, int Start, int End, JsonTokenType Type, string? Text);

/// <summary>
/// Changes one value of a file Kimi CLI wrote by replacing just that value's bytes, so every
/// other field keeps its order, spacing and escapes exactly as Kimi wrote them (state.json is one
/// <c>json.dumps</c> line, kimi.json is indented): what Kimi reads next is what it wrote, plus our
/// one change, and putting the old bytes back restores the file byte for byte.
/// </summary>
internal static class KimiJsonEdit
{
    /// <summary>
    /// Every scalar value with its path. Throws <see cref="JsonException"/> for text that is not
    /// JSON, and for a string that is not valid text (bad UTF-8, a lone surrogate): positions in
    /// such a file cannot be trusted for an edit, and its reader falls back as for broken JSON.
    /// </summary>
    public static List<JsonValueSpan> Values(ReadOnlySpan<byte> json)
    {
        var values = new List<JsonValueSpan>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var path = new List<string>();
        var indexes = new Stack<int>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = Text(ref reader);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(Segment(ref property, indexes));
                    indexes.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    indexes.Pop();
                    path.RemoveAt(path.Count - 1);
                    break;
                default:
                    string name = Join(path, Segment(ref property, indexes));
                    string? text = reader.TokenType == JsonTokenType.String ? Text(ref reader) : null;
                    values.Add(new JsonValueSpan(name, (int)reader.TokenStartIndex, (int)reader.BytesConsumed, reader.TokenType, text));
                    break;
            }
        }
        return values;
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonException($"the string at byte {reader.TokenStartIndex} is not valid text (bad UTF-8 or a lone surrogate)");
        }
    }

    /// <summary>The document with the bytes of <paramref name="span"/> replaced.</summary>
    public static byte[] Replace(ReadOnlySpan<byte> json, JsonValueSpan span, ReadOnlySpan<byte> value) =>
        [.. json[..span.Start], .. value, .. json[span.End..]];

    /// <summary>
    /// A JSON string as Python's <c>json.dumps(..., ensure_ascii=False)</c> writes it (Kimi CLI's
    /// setting): quotes, backslashes and control characters escaped, everything else as UTF-8.
    /// </summary>
    public static byte[] String(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        PythonJson.AppendString(text, value, ensureAscii: false);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string Segment(ref string? property, Stack<int> indexes)
    {
        string segment;
        if (indexes.Count > 0 && indexes.Peek() >= 0)
        {
            int index = indexes.Pop();
            indexes.Push(index + 1);
            segment = $"[{index}]";
        }
        else
        {
            segment = property ?? "";
        }
        property = null;
        return segment;
    }

    private static string Join(List<string> path, string last)
    {
        var text = new StringBuilder();
        foreach (string segment in path.Append(last))
        {
            if (segment.Length == 0) continue;
            if (text.Length > 0 && segment[0] != '[') text.Append('.');
            text.Append(segment);
        }
        return text.ToString();
    }
}
