using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Gemini's content rules (packages/core partToString, isResumableMessageRecord): a message's
/// content is a string, one Part or a Part[]; non-text parts read as placeholders like
/// <c>[Function Call: name]</c>.
/// </summary>
internal static class GeminiContent
{
    /// <summary>All parts as text, non-text parts as placeholders (Gemini's "verbose" form).</summary>
    public static string ToText(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString() ?? "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray()) text.Append(ToText(part));
                return text.ToString();
            case JsonValueKind.Object:
                return PartToText(content);
            default:
                return "";
        }
    }

    /// <summary>Only the text parts joined, as Gemini takes a session's first user message.</summary>
    public static string? TextPartsOnly(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String) return content.GetString();
        if (content.ValueKind != JsonValueKind.Array) return null;
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                text.Append(t.GetString());
        return text.ToString();
    }

    /// <summary>User text Gemini does not count as conversation: empty, slash commands, "?" help, injected context.</summary>
    public static bool IsIgnoredUserContent(string trimmed) =>
        trimmed.Length == 0 || trimmed.StartsWith('/') || trimmed.StartsWith('?')
        || trimmed.StartsWith("<session_context>", StringComparison.Ordinal)
        || trimmed.StartsWith("<hook_context>", StringComparison.Ordinal);

    /// <summary>A user message with real text, or a model message with text, a tool call or a thought.</summary>
    public static bool IsResumable(string? type, JsonElement message)
    {
        string text = message.TryGetProperty("content", out var content) ? ToText(content) : "";
        if (type == "user") return !IsIgnoredUserContent(text.Trim());
        if (type == "gemini")
            return text.Trim().Length > 0 || NonEmptyArray(message, "toolCalls") || NonEmptyArray(message, "thoughts");
        return false;
    }

    public static bool NonEmptyArray(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0;

    public static string? String(JsonElement obj, string name) => GenAiParts.String(obj, name);

    private static string PartToText(JsonElement part)
    {
        if (part.TryGetProperty("videoMetadata", out _)) return "[Video Metadata]";
        if (part.TryGetProperty("thought", out var thought) && thought.ValueKind != JsonValueKind.Undefined)
            return $"[Thought: {JsText(thought)}]";
        if (part.TryGetProperty("codeExecutionResult", out _)) return "[Code Execution Result]";
        if (part.TryGetProperty("executableCode", out _)) return "[Executable Code]";
        if (part.TryGetProperty("fileData", out _)) return "[File Data]";
        if (part.TryGetProperty("functionCall", out var call)) return $"[Function Call: {String(call, "name")}]";
        if (part.TryGetProperty("functionResponse", out var response)) return $"[Function Response: {String(response, "name")}]";
        if (part.TryGetProperty("inlineData", out var data)) return InlineDataPlaceholder(data);
        return String(part, "text") ?? "";
    }

    private static string InlineDataPlaceholder(JsonElement data)
    {
        string mime = String(data, "mimeType") ?? "unknown";
        int length = String(data, "data")?.Length ?? 0;
        double kb = Math.Ceiling(length * 3 / 4.0) / 1024;
        string category = mime.StartsWith("audio/", StringComparison.Ordinal) ? "Audio"
            : mime.StartsWith("video/", StringComparison.Ordinal) ? "Video"
            : mime.StartsWith("image/", StringComparison.Ordinal) ? "Image" : "Media";
        return $"[{category}: {mime}, {kb.ToString("0.0", CultureInfo.InvariantCulture)} KB]";
    }

    private static string JsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => value.GetString() ?? "",
        _ => value.GetRawText(),
    };
}
