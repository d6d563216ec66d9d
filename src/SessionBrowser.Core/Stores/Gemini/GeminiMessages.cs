using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// A Gemini message record as our <see cref="Message"/>: user → user, gemini → assistant (tool
/// when it is only tool calls), info/error/warning keep their names. Thoughts and tool calls
/// are rendered as Markdown after the text; the raw records stay in Metadata.
/// </summary>
internal static class GeminiMessages
{
    private static readonly string[] KeptFields = ["id", "type", "model", "tokens", "toolCalls", "thoughts", "displayContent"];

    public static Message ToMessage(JsonElement record)
    {
        string? type = GeminiContent.String(record, "type");
        var text = new StringBuilder();
        var shown = record.TryGetProperty("displayContent", out var display) && display.ValueKind != JsonValueKind.Null
            ? display
            : record.TryGetProperty("content", out var content) ? content : default;
        string body = shown.ValueKind == JsonValueKind.Undefined ? "" : GeminiContent.ToText(shown).Trim();
        bool hasToolCalls = GeminiContent.NonEmptyArray(record, "toolCalls");

        if (record.TryGetProperty("thoughts", out var thoughts) && thoughts.ValueKind == JsonValueKind.Array)
            foreach (var thought in thoughts.EnumerateArray()) AppendThought(text, thought);
        if (body.Length > 0) text.Append(body).Append("\n\n");
        if (hasToolCalls)
            foreach (var call in record.GetProperty("toolCalls").EnumerateArray()) AppendToolCall(text, call);

        string role = type switch
        {
            "user" => Roles.User,
            "gemini" => body.Length == 0 && hasToolCalls ? Roles.Tool : Roles.Assistant,
            null => "unknown",
            _ => type,
        };
        return new Message(role, text.ToString().TrimEnd(), GeminiContent.String(record, "timestamp"), Metadata(record));
    }

    private static JsonObject Metadata(JsonElement record)
    {
        var metadata = new JsonObject { ["source"] = "gemini" };
        foreach (string field in KeptFields)
            if (record.TryGetProperty(field, out var value))
                metadata[field == "id" ? "gemini_id" : field] = JsonNode.Parse(value.GetRawText());
        return metadata;
    }

    private static void AppendThought(StringBuilder text, JsonElement thought)
    {
        string subject = GeminiContent.String(thought, "subject")?.Trim() ?? "";
        string description = GeminiContent.String(thought, "description")?.Trim() ?? "";
        if (subject.Length == 0 && description.Length == 0) return;
        text.Append("> *Thinking:* ");
        if (subject.Length > 0) text.Append("**").Append(subject).Append("** ");
        text.Append(description.ReplaceLineEndings("\n> ")).Append("\n\n");
    }

    private static void AppendToolCall(StringBuilder text, JsonElement call)
    {
        string name = GeminiContent.String(call, "displayName") ?? GeminiContent.String(call, "name") ?? "tool";
        string status = GeminiContent.String(call, "status") ?? "unknown";
        text.Append("**Tool:** `").Append(name).Append("` (").Append(status).Append(')');
        if (GeminiContent.String(call, "description") is { Length: > 0 } description) text.Append(" — ").Append(description);
        text.Append("\n\n");
        if (call.TryGetProperty("args", out var args)) GenAiParts.AppendArguments(text, args);
        if (ResultText(call) is { Length: > 0 } result) FencedBlock.Append(text, "", result);
    }

    private static string? ResultText(JsonElement call)
    {
        if (call.TryGetProperty("resultDisplay", out var display))
        {
            if (display.ValueKind == JsonValueKind.String) return display.GetString();
            if (display.ValueKind == JsonValueKind.Object && GeminiContent.String(display, "fileDiff") is { } diff) return diff;
        }
        if (call.TryGetProperty("result", out var result) && result.ValueKind != JsonValueKind.Null)
            return result.ValueKind == JsonValueKind.String ? result.GetString() : ResponseOutput(result);
        return null;
    }

    /// <summary>A functionResponse part list: the output strings, else the raw JSON.</summary>
    private static string ResponseOutput(JsonElement result)
    {
        var outputs = new List<string>();
        foreach (var part in result.ValueKind == JsonValueKind.Array ? result.EnumerateArray() : Enumerable.Repeat(result, 1))
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("functionResponse", out var response)
                && GenAiParts.ResponseText(response) is { } said)
                outputs.Add(said);
        }
        return outputs.Count > 0 ? string.Join("\n", outputs) : IndentedJson.Of(result);
    }
}
