using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Reads a messages.jsonl line for the index with one forward-only pass over its bytes
/// (<see cref="Utf8JsonReader"/>): role, content and time go straight into an
/// <see cref="IndexBatch"/>, with no JsonNode, string or Message made. It takes only lines it is
/// sure the full reader (<see cref="JsonLines.TryParseObject(in JsonLine, out string?, out string?)"/>
/// then <see cref="NativeJson.ReadMessage"/>) reads the same way: clean text, a single JSON object
/// without duplicate keys at any depth, a string role, a string or null content, a string or
/// null timestamp. Anything else (a damaged line, content in parts) is left to the full reader,
/// so both give the index the same records. One instance per thread: it keeps scratch buffers.
/// </summary>
internal sealed class NativeIndexLine
{
    // The full reader's limits: nesting as deep, comments and trailing commas refused alike.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = JsonFile.ReadOptions.MaxDepth };

    private byte[] _strings = new byte[4 * 1024];
    private int _stringsUsed;

    // Property names of the objects being read, outermost first: (where the object's names start, in _names).
    private readonly List<(int Start, int Length)> _names = [];
    private readonly Stack<int> _objectStarts = new();

    private enum Field { Other, Role, Content, Timestamp }

    /// <summary>Adds the line's message to <paramref name="batch"/>; false (nothing added) when the full reader must decide.</summary>
    public bool TryRead(ReadOnlySpan<byte> line, long offset, IndexBatch batch)
    {
        // Invalid UTF-8 or a lone surrogate escape: the full reader repairs it and marks the line.
        if (JsonTextRepair.Repaired(line) is not null) return false;
        _stringsUsed = 0;
        _names.Clear();
        _objectStarts.Clear();
        var reader = new Utf8JsonReader(line, Options);
        (int Start, int Length)? role = null, content = null, timestamp = null;
        var field = Field.Other;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            _objectStarts.Push(0);
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (field != Field.Other && token is not (JsonTokenType.String or JsonTokenType.Null)) return false;
                switch (token)
                {
                    case JsonTokenType.StartObject:
                        _objectStarts.Push(_names.Count);
                        break;
                    case JsonTokenType.EndObject:
                        _names.RemoveRange(_objectStarts.Peek(), _names.Count - _objectStarts.Pop());
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Copy(ref reader);
                        if (IsDuplicate(name)) return false;
                        _names.Add(name);
                        field = reader.CurrentDepth != 1 ? Field.Other
                            : reader.ValueTextEquals("role"u8) ? Field.Role
                            : reader.ValueTextEquals("content"u8) ? Field.Content
                            : reader.ValueTextEquals("timestamp"u8) ? Field.Timestamp
                            : Field.Other;
                        continue;
                    case JsonTokenType.String when field == Field.Role:
                        role = Copy(ref reader);
                        break;
                    case JsonTokenType.String when field == Field.Content:
                        content = Copy(ref reader);
                        break;
                    case JsonTokenType.String when field == Field.Timestamp:
                        timestamp = Copy(ref reader);
                        break;
                    // A null role makes the line damaged: the full reader says so.
                    case JsonTokenType.Null when field == Field.Role:
                        return false;
                    case JsonTokenType.Null when field == Field.Content:
                        content = null;
                        break;
                    case JsonTokenType.Null when field == Field.Timestamp:
                        timestamp = null;
                        break;
                }
                field = Field.Other;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        if (role is not { } r) return false;
        var strings = _strings.AsSpan();
        long? ticks = timestamp is { } t ? Timestamps.ParseUtf8(strings.Slice(t.Start, t.Length))?.UtcTicks : null;
        batch.AddMessage(offset, strings.Slice(r.Start, r.Length), content is { } c ? strings.Slice(c.Start, c.Length) : default, ticks);
        return true;
    }

    private bool IsDuplicate((int Start, int Length) name)
    {
        var span = _strings.AsSpan(name.Start, name.Length);
        for (int i = _objectStarts.Peek(); i < _names.Count; i++)
        {
            if (_strings.AsSpan(_names[i].Start, _names[i].Length).SequenceEqual(span)) return true;
        }
        return false;
    }

    /// <summary>The token's text with its escapes undone, kept in the scratch buffer (a later copy may move the buffer, so positions, not spans).</summary>
    private (int Start, int Length) Copy(ref Utf8JsonReader reader)
    {
        int room = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_stringsUsed + room > _strings.Length) Array.Resize(ref _strings, Math.Max(_stringsUsed + room, _strings.Length * 2));
        int written = reader.CopyString(_strings.AsSpan(_stringsUsed));
        var at = (_stringsUsed, written);
        _stringsUsed += written;
        return at;
    }
}
