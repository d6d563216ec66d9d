using System.Text.Json;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Where the copy of a message that counts lives in its file: a whole line or legacy array
/// element (<see cref="ArrayIndex"/> -1), or element <see cref="ArrayIndex"/> of the
/// <c>messages</c> array of the line at <see cref="Offset"/> (inside <c>$set</c> when
/// <see cref="InSet"/>).
/// </summary>
internal readonly record struct MessageSlot(long Offset, int Length, int ArrayIndex = -1, bool InSet = false);

/// <summary>What listing needs of one message, kept instead of the message itself.</summary>
internal sealed record MessageFacts(string Id, string? Type, bool IsResumable, MessageSlot Slot, long FirstOffset, long Tokens, string? Model);

/// <summary>
/// One Gemini session file after applying every record rule of FORMATS.md §2 (the same rules
/// as Gemini's loadConversationRecord): metadata merged, messages de-duplicated with the last
/// copy winning in the first copy's place, <c>$set.messages</c> replacing, <c>$rewindTo</c>
/// cutting. Holds facts and file positions, never the message bodies, so it stays small for
/// a 300 MB transcript.
/// </summary>
internal sealed class GeminiTranscript
{
    public string? SessionId { get; private set; }
    public string? ProjectHash { get; private set; }
    public string? StartTime { get; private set; }
    public string? LastUpdated { get; private set; }
    public string? Summary { get; private set; }
    public string? Kind { get; private set; }
    public IReadOnlyList<string> Directories { get; private set; } = [];

    /// <summary>The messages that count, in order.</summary>
    public OrderedDictionary<string, MessageFacts> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>Gemini's title source: the first real user message ever written, even if later rewound.</summary>
    public string? FirstUserText { get; private set; }

    /// <summary>Lines that could not be read (offset and why), skipped like Gemini skips them.</summary>
    public List<(long Offset, string Reason)> BadLines { get; } = [];

    /// <summary>Why the file as a whole could not be read, when it could not.</summary>
    public string? Error { get; set; }

    public bool IsLegacy { get; set; }

    public bool HasResumableContent => Messages.Values.Any(m => m.IsResumable);

    /// <summary>One record (a JSONL line, or the legacy top-level object without its messages).</summary>
    public void ApplyRecord(JsonElement record, long offset, int length)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            BadLines.Add((offset, "line is JSON but not an object"));
            return;
        }
        if (GeminiContent.String(record, "$rewindTo") is { } rewindTo)
        {
            Rewind(rewindTo);
        }
        else if (GeminiContent.String(record, "id") is { } id)
        {
            AddMessage(id, record, new MessageSlot(offset, length));
        }
        else if (record.TryGetProperty("$set", out var set) && set.ValueKind == JsonValueKind.Object)
        {
            if (set.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                Messages.Clear();
                AddArray(messages, offset, length, inSet: true);
            }
            MergeMetadata(set);
        }
        else if (GeminiContent.String(record, "sessionId") is not null && GeminiContent.String(record, "projectHash") is not null)
        {
            MergeMetadata(record);
            if (record.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
                AddArray(messages, offset, length, inSet: false);
        }
    }

    /// <summary>A legacy file's top-level property other than <c>messages</c>.</summary>
    public void ApplyLegacyProperty(string name, JsonElement value) => SetField(name, value);

    /// <summary>One element of a legacy file's <c>messages</c> array, found at its own byte range.</summary>
    public void ApplyLegacyMessage(JsonElement message, long offset, int length)
    {
        if (GeminiContent.String(message, "id") is { } id) AddMessage(id, message, new MessageSlot(offset, length));
        else AddMessage($"#{Messages.Count}@{offset}", message, new MessageSlot(offset, length));
    }

    private void AddArray(JsonElement messages, long offset, int length, bool inSet)
    {
        int index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (GeminiContent.String(message, "id") is { } id)
                AddMessage(id, message, new MessageSlot(offset, length, index, inSet));
            index++;
        }
    }

    private void AddMessage(string id, JsonElement message, MessageSlot slot)
    {
        string? type = GeminiContent.String(message, "type");
        bool resumable = GeminiContent.IsResumable(type, message);
        if (FirstUserText is null && type == "user" && resumable && message.TryGetProperty("content", out var content))
            FirstUserText = GeminiContent.TextPartsOnly(content);
        long tokens = message.TryGetProperty("tokens", out var t) && t.ValueKind == JsonValueKind.Object
            && t.TryGetProperty("total", out var total) && total.TryGetInt64(out long n) ? n : 0;
        long firstOffset = Messages.TryGetValue(id, out var earlier) ? earlier.FirstOffset : slot.Offset;
        Messages[id] = new MessageFacts(id, type, resumable, slot, firstOffset, tokens, GeminiContent.String(message, "model"));
    }

    private void Rewind(string id)
    {
        int index = Messages.IndexOf(id);
        if (index < 0)
        {
            Messages.Clear();
            return;
        }
        while (Messages.Count > index) Messages.RemoveAt(Messages.Count - 1);
    }

    private void MergeMetadata(JsonElement fields)
    {
        foreach (var property in fields.EnumerateObject()) SetField(property.Name, property.Value);
    }

    private void SetField(string name, JsonElement value)
    {
        string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        switch (name)
        {
            case "sessionId": SessionId = text; break;
            case "projectHash": ProjectHash = text; break;
            case "startTime": StartTime = text; break;
            case "lastUpdated": LastUpdated = text; break;
            case "summary": Summary = text; break;
            case "kind": Kind = text; break;
            case "directories":
                Directories = value.ValueKind == JsonValueKind.Array
                    ? [.. value.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()!)]
                    : [];
                break;
        }
    }
}
