using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// Qwen Code's transcript lines as our messages. Qwen writes Gemini-style Content:
/// <c>message{role, parts:[text | thought text | functionCall | functionResponse]}</c>; a user
/// line is the prompt, an assistant line the model's answer (a tool message when it only calls
/// tools), a tool_result line the tool's output (shown collapsed). System lines (titles,
/// snapshots, bookkeeping) are not messages.
/// </summary>
internal static class QwenLines
{
    internal static readonly JsonDocumentOptions Options = new() { MaxDepth = 256 };

    private static readonly string[] KeptFields = ["uuid", "type", "model", "usageMetadata", "toolCallResult"];

    /// <summary>The record types that are conversation.</summary>
    public static bool IsMessage(string? type) => type is "user" or "assistant" or "tool_result";

    public static string Unreadable(in JsonLine line) => line.Terminated
        ? $"line at byte {line.Offset} is not valid JSON"
        : $"last line at byte {line.Offset} is incomplete (the writer stopped mid-line)";

    /// <summary>
    /// Qwen's extractFirstPromptFromRecords for one user record: its systemPayload.displayText
    /// when it has one, else the first part with a text; null when it holds none.
    /// </summary>
    public static string? PromptOf(JsonElement record)
    {
        if (record.TryGetProperty("systemPayload", out var payload) && payload.ValueKind == JsonValueKind.Object
            && payload.TryGetProperty("displayText", out var display))
            return display.ValueKind == JsonValueKind.String ? display.GetString() : null;
        if (!record.TryGetProperty("message", out var message) || !message.TryGetProperty("parts", out var parts)
            || parts.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var part in parts.EnumerateArray())
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text))
                return text.ValueKind == JsonValueKind.String ? text.GetString() : null;
        return null;
    }

    /// <summary>The record's type without parsing the rest of the line (a large tool output is skipped, not read).</summary>
    public static string? TypeOf(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isType = reader.ValueTextEquals("type"u8);
                if (!reader.Read()) return null;
                if (isType) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a type that is not valid text: the caller parses the line (repaired) itself.
        }
        return null;
    }

    /// <summary>A user, assistant or tool_result record as a message.</summary>
    public static Message ToMessage(JsonElement record)
    {
        string? type = GenAiParts.String(record, "type");
        var text = new StringBuilder();
        bool calls = false, responses = false, words = false;
        if (record.TryGetProperty("message", out var message) && message.TryGetProperty("parts", out var parts)
            && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind != JsonValueKind.Object) continue;
                if (part.TryGetProperty("functionCall", out var call)) { AppendCall(text, call); calls = true; }
                else if (part.TryGetProperty("functionResponse", out var response)) { AppendResponse(text, response, record); responses = true; }
                else if (GenAiParts.String(part, "text") is { } said)
                {
                    if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True) AppendThought(text, said);
                    else if (said.Trim().Length > 0) { text.Append(said.Trim()).Append("\n\n"); words = true; }
                }
            }
        }
        string role = type switch
        {
            "user" => responses && !words ? Roles.Tool : Roles.User,
            "tool_result" => Roles.Tool,
            "assistant" => calls && !words ? Roles.Tool : Roles.Assistant,
            _ => type ?? "unknown",
        };
        return new Message(role, text.ToString().TrimEnd(), GenAiParts.String(record, "timestamp"), Metadata(record));
    }

    private static void AppendThought(StringBuilder text, string thought)
    {
        if (thought.Trim().Length == 0) return;
        text.Append("> *Thinking:* ").Append(thought.Trim().ReplaceLineEndings("\n> ")).Append("\n\n");
    }

    private static void AppendCall(StringBuilder text, JsonElement call)
    {
        text.Append("**Tool:** `").Append(GenAiParts.String(call, "name") ?? "tool").Append("`\n\n");
        if (call.TryGetProperty("args", out var args)) GenAiParts.AppendArguments(text, args);
    }

    /// <summary>The tool's output; Qwen's toolCallResult.resultDisplay when the response holds none.</summary>
    private static void AppendResponse(StringBuilder text, JsonElement response, JsonElement record)
    {
        text.Append("**Result:** `").Append(GenAiParts.String(response, "name") ?? "tool").Append('`');
        if (record.TryGetProperty("toolCallResult", out var result) && GenAiParts.String(result, "status") is { } status)
            text.Append(" (").Append(status).Append(')');
        text.Append("\n\n");
        string? output = GenAiParts.ResponseText(response)
            ?? (record.TryGetProperty("toolCallResult", out var r) ? GenAiParts.String(r, "resultDisplay") : null);
        if (output is { Length: > 0 }) FencedBlock.Append(text, "", output);
    }

    private static JsonObject Metadata(JsonElement record)
    {
        var metadata = new JsonObject { ["source"] = QwenStore.SourceName };
        foreach (string field in KeptFields)
            if (record.TryGetProperty(field, out var value))
                metadata[field == "uuid" ? "qwen_uuid" : field] = JsonNode.Parse(value.GetRawText());
        return metadata;
    }
}
