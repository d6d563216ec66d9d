using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Maps the native files to the model and back. Reading is tolerant (missing fields take the
/// reference's defaults, wrong types are reported); writing keeps the reference's field order
/// and every unknown field.
/// </summary>
public static class NativeJson
{
    private static readonly string[] KnownMetadataFields =
    [
        "id", "created_at", "last_active", "status", "work_dir", "model", "total_steps", "message_count",
        "tool_calls", "total_tokens", "total_cost", "tags", "description", "current_task", "progress",
    ];

    /// <summary>Reads metadata.json content; null with a reason when it is not a usable object.</summary>
    public static SessionMetadata? ReadMetadata(JsonNode? node, string folderName, out string? problem)
    {
        problem = null;
        if (node is not JsonObject obj)
        {
            problem = "metadata.json is not a JSON object";
            return null;
        }
        var meta = new SessionMetadata
        {
            Id = String(obj, "id") ?? folderName,
            CreatedAt = String(obj, "created_at") ?? "",
            LastActive = String(obj, "last_active") ?? String(obj, "created_at") ?? "",
            Status = String(obj, "status") ?? SessionStatus.Active,
            WorkDir = String(obj, "work_dir") ?? "",
            Model = String(obj, "model") ?? "",
            TotalSteps = SmallInteger(obj, "total_steps"),
            MessageCount = SmallInteger(obj, "message_count"),
            ToolCalls = SmallInteger(obj, "tool_calls"),
            TotalTokens = Integer(obj, "total_tokens"),
            TotalCost = Number(obj, "total_cost"),
            Tags = Strings(obj, "tags"),
            Description = String(obj, "description"),
            CurrentTask = String(obj, "current_task"),
            Progress = Number(obj, "progress"),
        };
        foreach (var (key, value) in obj)
        {
            if (Array.IndexOf(KnownMetadataFields, key) < 0) meta.Extra[key] = value?.DeepClone();
        }
        return meta;
    }

    /// <summary>The reference's <c>_serialize_session</c> field order, then unknown fields as read.</summary>
    public static JsonObject WriteMetadata(SessionMetadata meta)
    {
        var tags = new JsonArray();
        foreach (string tag in meta.Tags) tags.Add((JsonNode?)tag);
        var obj = new JsonObject
        {
            ["id"] = meta.Id,
            ["created_at"] = meta.CreatedAt,
            ["last_active"] = meta.LastActive,
            ["status"] = meta.Status,
            ["work_dir"] = meta.WorkDir,
            ["model"] = meta.Model,
            ["total_steps"] = meta.TotalSteps,
            ["message_count"] = meta.MessageCount,
            ["tool_calls"] = meta.ToolCalls,
            ["total_tokens"] = meta.TotalTokens,
            ["total_cost"] = meta.TotalCost,
            ["tags"] = tags,
            ["description"] = meta.Description,
            ["current_task"] = meta.CurrentTask,
            ["progress"] = meta.Progress,
        };
        foreach (var (key, value) in meta.Extra)
        {
            if (!obj.ContainsKey(key)) obj[key] = value?.DeepClone();
        }
        return obj;
    }

    /// <summary>A message line; null with a reason when it is not one.</summary>
    public static Message? ReadMessage(JsonObject obj, out string? problem)
    {
        problem = null;
        string? role = String(obj, "role");
        if (role is null)
        {
            problem = "message has no role";
            return null;
        }
        string content = obj["content"] switch
        {
            null => "",
            JsonValue v when v.TryGetValue(out string? s) => s,
            JsonArray parts => JoinParts(parts),
            var other => other.ToJsonString(),
        };
        return new Message(role, content, String(obj, "timestamp"), obj["metadata"] as JsonObject is { } m ? (JsonObject)m.DeepClone() : null);
    }

    /// <summary>The reference's <c>append_message</c> shape: role, content, timestamp, metadata (always an object).</summary>
    public static JsonObject WriteMessage(Message message) => new()
    {
        ["role"] = message.Role,
        ["content"] = message.Content,
        ["timestamp"] = message.Timestamp,
        ["metadata"] = message.Metadata?.DeepClone() ?? new JsonObject(),
    };

    public static Snapshot? ReadSnapshot(JsonNode? node, int stepFromName, out string? problem)
    {
        problem = null;
        if (node is not JsonObject obj)
        {
            problem = "snapshot is not a JSON object";
            return null;
        }
        int step = obj["step"] is JsonValue v && v.TryGetValue(out int s) ? s : stepFromName;
        return new Snapshot(step, String(obj, "timestamp") ?? "", obj["state"]?.DeepClone());
    }

    public static JsonObject WriteSnapshot(Snapshot snapshot) => new()
    {
        ["step"] = snapshot.Step,
        ["timestamp"] = snapshot.Timestamp,
        ["state"] = snapshot.State?.DeepClone(),
    };

    internal static string? String(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>
    /// No real session counts 2^40 tokens (or 2^24 steps, messages, tool calls); held within these,
    /// a hand-edited 1e309 or long.MaxValue cannot overflow a sum over a whole store.
    /// </summary>
    private const long MaxCount = 1L << 40;
    private const int MaxSmallCount = 1 << 24;

    internal static long Integer(JsonObject obj, string name)
    {
        if (obj[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return 0;
        if (v.TryGetValue(out long l)) return Count(l);
        double d = v.TryGetValue(out double x) ? x : v.TryGetValue(out JsonElement e) && e.TryGetDouble(out double y) ? y : 0;
        return double.IsFinite(d) ? (long)Math.Clamp(d, -MaxCount, MaxCount) : 0;
    }

    internal static int SmallInteger(JsonObject obj, string name) => SmallCount(Integer(obj, name));

    /// <summary>A whole number as a count is kept (see <see cref="MaxCount"/>).</summary>
    internal static long Count(long value) => Math.Clamp(value, -MaxCount, MaxCount);

    /// <summary>A count as a step, message or tool call count is kept (see <see cref="MaxSmallCount"/>).</summary>
    internal static int SmallCount(long count) => (int)Math.Clamp(count, -MaxSmallCount, MaxSmallCount);

    /// <summary>A finite number, or 0: infinity (1e309) cannot be written back as JSON and breaks every sum.</summary>
    internal static double Number(JsonObject obj, string name)
    {
        if (obj[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number) return 0;
        double d = v.TryGetValue(out double x) ? x : v.TryGetValue(out long l) ? l : 0;
        return double.IsFinite(d) ? d : 0;
    }

    private static List<string> Strings(JsonObject obj, string name)
    {
        var list = new List<string>();
        if (obj[name] is JsonArray array)
        {
            foreach (var item in array)
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String) list.Add(v.GetValue<string>());
        }
        return list;
    }

    private static string JoinParts(JsonArray parts)
    {
        var texts = new List<string>();
        foreach (var part in parts)
        {
            if (part is JsonValue v && v.TryGetValue(out string? s)) texts.Add(s);
            else if (part is JsonObject o && String(o, "text") is { } text) texts.Add(text);
            else if (part is not null) texts.Add(part.ToJsonString());
        }
        return string.Join("\n", texts);
    }
}
