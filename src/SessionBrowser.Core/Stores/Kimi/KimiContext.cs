using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// context.jsonl, the conversation Kimi CLI sends to the model: one <c>{role, content,
/// tool_calls?, tool_call_id?}</c> per line. User, assistant, tool and system lines become
/// messages (thinking as a quoted block, tool calls with their arguments, tool results named
/// after their call); Kimi's bookkeeping lines (<c>_system_prompt</c>, <c>_checkpoint</c>,
/// <c>_usage</c>, any role starting with "_") are not messages. A line that is not JSON is a
/// damaged record, never the end of the session.
/// </summary>
internal static class KimiContext
{
    private const long LookBackBytes = 256 * 1024;


    /// <summary>The records from a line start on, numbered from <paramref name="firstIndex"/>.</summary>
    public static IEnumerable<MessageRecord> Read(string file, long fromOffset, int firstIndex, CancellationToken cancellationToken)
    {
        // Tool results are named after the call that asked for them, which comes just before:
        // a read from the middle of a large file learns the names from the lines shortly before
        // it (a start inside a line only costs that partial line, which is not wanted anyway).
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        int index = firstIndex;
        foreach (var line in JsonLines.ReadLines(file, Math.Max(0, fromOffset - LookBackBytes), cancellationToken))
        {
            bool wanted = line.Offset >= fromOffset;
            if (!wanted && line.Bytes.Span.IndexOf("tool_calls"u8) < 0) continue;
            var (document, error, repair) = Parse(line);
            if (document is null)
            {
                if (wanted) yield return new MessageRecord(index++, line.Offset, null, Damage(line, error!));
                continue;
            }
            using (document)
            {
                var root = document.RootElement;
                string? role = KimiContent.Field(root, "role");
                if (role is null || root.ValueKind != JsonValueKind.Object)
                {
                    if (wanted) yield return new MessageRecord(index++, line.Offset, null, "a line without a role");
                    continue;
                }
                RememberToolCalls(root, toolNames);
                if (!wanted || IsBookkeeping(role)) continue;
                yield return new MessageRecord(index++, line.Offset, ToMessage(role, root, toolNames), repair);
            }
        }
    }

    /// <summary>The offsets of exactly the records <see cref="Read"/> yields, found with a look at each line's role only.</summary>
    public static IReadOnlyList<long> Offsets(string file, long fromOffset, CancellationToken cancellationToken)
    {
        var offsets = new List<long>();
        foreach (var line in JsonLines.ReadLines(file, fromOffset, cancellationToken))
            if (!IsBookkeepingLine(line.Bytes.Span)) offsets.Add(line.Offset);
        return offsets;
    }

    /// <summary>How many messages a file holds and whether it has any (Kimi lists a session only then).</summary>
    public static int Count(string file, CancellationToken cancellationToken)
    {
        int count = 0;
        foreach (var line in JsonLines.ReadLines(file, 0, cancellationToken))
            if (!IsBookkeepingLine(line.Bytes.Span)) count++;
        return count;
    }

    /// <summary>Roles Kimi CLI writes for itself (it skips them too when deciding whether a session is empty).</summary>
    public static bool IsBookkeeping(string role) => role.StartsWith('_');

    /// <summary>A well-formed line whose role starts with "_"; anything unreadable counts as a record (a damaged one).</summary>
    private static bool IsBookkeepingLine(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isRole = reader.ValueTextEquals("role"u8);
                reader.Read();
                if (isRole) return reader.TokenType == JsonTokenType.String && reader.GetString()!.StartsWith('_') && IsWhole(line);
                reader.Skip();
            }
            return false;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Whether the whole line parses (a torn bookkeeping line is a damaged record in <see cref="Read"/> too).</summary>
    private static bool IsWhole(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            while (reader.Read()) { }
            return reader.BytesConsumed == line.Length || line[(int)reader.BytesConsumed..].Trim(" \t\r"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The line's document (Repair says when invalid text in it was replaced), or why it is not JSON.</summary>
    private static (JsonDocument? Document, string? Error, string? Repair) Parse(in JsonLine line)
    {
        try { return (JsonLines.ParseDocument(line, default, out string? repair), null, repair); }
        catch (JsonException e) { return (null, e.Message, null); }
    }

    private static string Damage(in JsonLine line, string reason) =>
        line.Terminated ? $"unreadable line: {reason}" : "torn last line (the writer stopped mid-line)";

    private static void RememberToolCalls(JsonElement root, Dictionary<string, string> names)
    {
        if (!root.TryGetProperty("tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array) return;
        foreach (var call in calls.EnumerateArray())
        {
            if (KimiContent.Field(call, "id") is { } id && call.TryGetProperty("function", out var function)
                && KimiContent.Field(function, "name") is { } name)
                names[id] = name;
        }
    }

    private static Message ToMessage(string role, JsonElement root, Dictionary<string, string> toolNames)
    {
        var text = new StringBuilder();
        root.TryGetProperty("content", out var content);
        if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray()) AppendPart(text, part);
        }
        else if (content.ValueKind == JsonValueKind.String)
        {
            text.Append(content.GetString()).Append("\n\n");
        }
        if (root.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            foreach (var call in calls.EnumerateArray()) AppendToolCall(text, call);

        var metadata = new JsonObject { ["source"] = KimiStore.SourceName };
        if (KimiContent.Field(root, "tool_call_id") is { } callId)
        {
            metadata["tool_call_id"] = callId;
            if (toolNames.TryGetValue(callId, out string? tool)) metadata["tool"] = tool;
        }
        return new Message(role, text.ToString().TrimEnd(), null, metadata);
    }

    private static void AppendPart(StringBuilder text, JsonElement part)
    {
        if (part.ValueKind == JsonValueKind.String)
        {
            text.Append(part.GetString()).Append("\n\n");
            return;
        }
        switch (KimiContent.Field(part, "type"))
        {
            case "text":
                text.Append(KimiContent.Field(part, "text")).Append("\n\n");
                break;
            case "think" when KimiContent.Field(part, "think") is { Length: > 0 } think:
                // Thinking is shown folded into a quote, as the other sources show it.
                text.Append("> *Thinking:* ").Append(think.Trim().ReplaceLineEndings("\n> ")).Append("\n\n");
                break;
            case "image_url":
                text.Append("*[image]*\n\n");
                break;
            case "audio_url":
                text.Append("*[audio]*\n\n");
                break;
            case "video_url":
                text.Append("*[video]*\n\n");
                break;
        }
    }

    private static void AppendToolCall(StringBuilder text, JsonElement call)
    {
        call.TryGetProperty("function", out var function);
        string name = KimiContent.Field(function, "name") ?? "tool";
        text.Append("**Tool:** `").Append(name).Append('`').Append("\n\n");
        if (KimiContent.Field(function, "arguments") is not { Length: > 0 } arguments) return;
        string body;
        try
        {
            using var parsed = JsonDocument.Parse(arguments);
            body = IndentedJson.Of(parsed.RootElement);
        }
        catch (JsonException)
        {
            body = arguments; // streamed arguments may be cut off: shown as they are
        }
        string fence = body.Contains("```", StringComparison.Ordinal) ? "````" : "```";
        text.Append(fence).Append("json\n").Append(body).Append('\n').Append(fence).Append("\n\n");
    }
}
