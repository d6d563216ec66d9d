using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Reads a plain metadata.json straight from its bytes: one object of the reference's fields,
/// each once and of its usual type (text or null, a whole number, a finite number, a list of
/// texts), nothing else. That is what every agent writes, and a first list reads 10,000 of them:
/// parsing each into a JsonNode first was a third of the reading's CPU and most of its garbage.
/// Anything else (unknown fields kept for a rewrite, another type, a duplicate, invalid text,
/// damage) returns null and is read by <see cref="NativeJson.ReadMetadata"/> as before, so the
/// metadata is the same either way (the tests compare both).
/// </summary>
internal static class PlainMetadata
{
    // The fields in NativeJson's order; a bit each, to refuse a duplicate as the JsonNode reader does.
    private enum Field { Id, CreatedAt, LastActive, Status, WorkDir, Model, TotalSteps, MessageCount, ToolCalls, TotalTokens, TotalCost, Tags, Description, CurrentTask, Progress }

    public static SessionMetadata? TryRead(ReadOnlySpan<byte> bytes, string id)
    {
        bytes = JsonFile.StripBom(bytes);
        // Invalid text is read after repair, and the session is then damaged: the JsonNode reader says so.
        if (JsonTextRepair.Repaired(bytes) is not null) return null;
        try
        {
            return Read(bytes, id);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static SessionMetadata? Read(ReadOnlySpan<byte> bytes, string id)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 4 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        string? createdAt = null, lastActive = null, status = null, workDir = null, model = null, description = null, currentTask = null;
        long totalSteps = 0, messageCount = 0, toolCalls = 0, totalTokens = 0;
        double totalCost = 0, progress = 0;
        List<string>? tags = null;
        int seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (FieldOf(ref reader) is not Field field || (seen & (1 << (int)field)) != 0) return null;
            seen |= 1 << (int)field;
            if (!reader.Read()) return null;
            bool ok = field switch
            {
                Field.Id => Text(ref reader, out _),
                Field.CreatedAt => Text(ref reader, out createdAt),
                Field.LastActive => Text(ref reader, out lastActive),
                Field.Status => Text(ref reader, out status),
                Field.WorkDir => Text(ref reader, out workDir),
                Field.Model => Text(ref reader, out model),
                Field.TotalSteps => Integer(ref reader, out totalSteps),
                Field.MessageCount => Integer(ref reader, out messageCount),
                Field.ToolCalls => Integer(ref reader, out toolCalls),
                Field.TotalTokens => Integer(ref reader, out totalTokens),
                Field.TotalCost => Number(ref reader, out totalCost),
                Field.Tags => Texts(ref reader, out tags),
                Field.Description => Text(ref reader, out description),
                Field.CurrentTask => Text(ref reader, out currentTask),
                Field.Progress => Number(ref reader, out progress),
                _ => false,
            };
            if (!ok) return null;
        }
        // The object ends, and nothing follows it.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
        return new SessionMetadata
        {
            Id = id,
            CreatedAt = createdAt ?? "",
            LastActive = lastActive ?? createdAt ?? "",
            Status = status ?? SessionStatus.Active,
            WorkDir = workDir ?? "",
            Model = model ?? "",
            TotalSteps = NativeJson.SmallCount(totalSteps),
            MessageCount = NativeJson.SmallCount(messageCount),
            ToolCalls = NativeJson.SmallCount(toolCalls),
            TotalTokens = totalTokens,
            TotalCost = totalCost,
            Tags = tags ?? [],
            Description = description,
            CurrentTask = currentTask,
            Progress = progress,
        };
    }

    private static Field? FieldOf(ref Utf8JsonReader reader)
    {
        for (var field = Field.Id; field <= Field.Progress; field++)
            if (reader.ValueTextEquals(Names[(int)field])) return field;
        return null;
    }

    private static readonly byte[][] Names =
    [
        "id"u8.ToArray(), "created_at"u8.ToArray(), "last_active"u8.ToArray(), "status"u8.ToArray(), "work_dir"u8.ToArray(),
        "model"u8.ToArray(), "total_steps"u8.ToArray(), "message_count"u8.ToArray(), "tool_calls"u8.ToArray(),
        "total_tokens"u8.ToArray(), "total_cost"u8.ToArray(), "tags"u8.ToArray(), "description"u8.ToArray(),
        "current_task"u8.ToArray(), "progress"u8.ToArray(),
    ];

    /// <summary>Text, or null for JSON null; false for another type.</summary>
    private static bool Text(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    /// <summary>A whole number within a long (held within NativeJson's bounds), or 0 for null; false otherwise.</summary>
    private static bool Integer(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long number)) return false;
        value = NativeJson.Count(number);
        return true;
    }

    /// <summary>A finite number, or 0 for null; false otherwise.</summary>
    private static bool Number(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Null) return true;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value) && double.IsFinite(value);
    }

    /// <summary>A list of texts, or none for null; false for anything else.</summary>
    private static bool Texts(ref Utf8JsonReader reader, out List<string>? values)
    {
        values = null;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.StartArray) return false;
        values = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.String) values.Add(reader.GetString()!);
        return reader.TokenType == JsonTokenType.EndArray;
    }
}
