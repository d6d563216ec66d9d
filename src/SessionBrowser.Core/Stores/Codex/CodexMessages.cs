using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// A rollout line as our <see cref="Message"/>: messages by role (developer and injected context
/// as system), reasoning and every kind of tool call or output as tool records (collapsed by the
/// viewer when long), a compaction as a system divider, and the two event styles' messages.
/// </summary>
internal static class CodexMessages
{
    /// <summary>Tool output longer than this is cut in the shown text.</summary>
    private const int MaxRenderedOutput = 8000;

    public static Message ToMessage(JsonElement line)
    {
        string? timestamp = Str(line, "timestamp");
        string type = Str(line, "type") ?? "";
        var payload = line.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        string payloadType = payload.ValueKind == JsonValueKind.Object ? Str(payload, "type") ?? "" : "";
        return type switch
        {
            "response_item" => ResponseItem(payload, payloadType, timestamp),
            "event_msg" => Event(payload, payloadType, timestamp),
            "compacted" => new Message(Roles.System, "— Conversation compacted —\n\n" + (Str(payload, "message") ?? ""), timestamp, Meta("compacted")),
            _ => new Message(Roles.System, type, timestamp, Meta(type)),
        };
    }

    /// <summary>
    /// The role <see cref="ToMessage"/> gives a message line, and its text only when
    /// <paramref name="wantText"/> or the role depends on it (a user item may be injected context):
    /// a list counts every message of 20,000 rollouts and keeps one text of each. Null for any line
    /// that is not a plain message item or event (ask ToMessage then).
    /// </summary>
    public static (string Role, string? Content)? RoleOf(JsonElement line, bool wantText)
    {
        string type = Str(line, "type") ?? "";
        if (!line.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object) return null;
        string payloadType = Str(payload, "type") ?? "";
        if (type == "response_item" && payloadType == "message")
        {
            string role = Str(payload, "role") ?? "unknown";
            if (role != "user") return (role switch { "assistant" => Roles.Assistant, "developer" or "system" => Roles.System, _ => role }, null);
            string text = CodexContent.Text(payload);
            return (CodexInjected.IsInjected(text) ? Roles.System : Roles.User, text);
        }
        if (type != "event_msg") return null;
        if (payloadType == "item_completed" && payload.TryGetProperty("item", out var item) && item.ValueKind == JsonValueKind.Object)
        {
            string role = Str(item, "type") == "UserMessage" ? Roles.User : Roles.Assistant;
            return (role, wantText && role == Roles.User ? CodexContent.Text(item) : null);
        }
        string eventRole = payloadType == "user_message" ? Roles.User : Roles.Assistant;
        return (eventRole, wantText && eventRole == Roles.User ? Str(payload, "message") ?? "" : null);
    }

    private static Message ResponseItem(JsonElement payload, string type, string? timestamp)
    {
        switch (type)
        {
            case "message":
                string text = CodexContent.Text(payload);
                string role = Str(payload, "role") ?? "unknown";
                string shown = role switch
                {
                    "user" => CodexInjected.IsInjected(text) ? Roles.System : Roles.User,
                    "assistant" => Roles.Assistant,
                    "developer" or "system" => Roles.System,
                    _ => role,
                };
                return new Message(shown, text, timestamp, Meta("message"));
            case "reasoning":
                return Tool("reasoning", CodexContent.Reasoning(payload), timestamp, type, null);
            case "function_call":
                return Tool(Str(payload, "name") ?? "function", Arguments(Str(payload, "arguments") ?? ""), timestamp, type, Str(payload, "call_id"));
            case "custom_tool_call":
                return Tool(Str(payload, "name") ?? "tool", Str(payload, "input") ?? "", timestamp, type, Str(payload, "call_id"));
            case "function_call_output":
            case "custom_tool_call_output":
                return Tool("output", Output(payload), timestamp, type, Str(payload, "call_id"));
            case "local_shell_call":
                return Tool("local_shell", Command(payload.TryGetProperty("action", out var action) ? action : default), timestamp, type, Str(payload, "call_id"));
            default: // web_search_call
                var search = payload.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
                return Tool("web_search", Str(search, "query") ?? Str(payload, "status") ?? "", timestamp, type, null);
        }
    }

    private static Message Event(JsonElement payload, string type, string? timestamp)
    {
        if (type == "item_completed" && payload.TryGetProperty("item", out var item) && item.ValueKind == JsonValueKind.Object)
        {
            string role = Str(item, "type") == "UserMessage" ? Roles.User : Roles.Assistant;
            return new Message(role, CodexContent.Text(item), timestamp, Meta(type));
        }
        return new Message(type == "user_message" ? Roles.User : Roles.Assistant, Str(payload, "message") ?? "", timestamp, Meta(type));
    }

    private static Message Tool(string name, string content, string? timestamp, string type, string? callId)
    {
        var metadata = Meta(type);
        metadata["tool"] = name;
        if (callId is not null) metadata["call_id"] = callId;
        return new Message(Roles.Tool, Cut(content), timestamp, metadata);
    }

    /// <summary>A shell call's command line when the arguments are Codex's {command: [...]}, else the arguments as they are.</summary>
    private static string Arguments(string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("command", out _))
                return Command(root) + (Str(root, "workdir") is { } dir ? $"\n(in {dir})" : "");
            return IndentedJson.Of(root);
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    private static string Command(JsonElement holder)
    {
        if (holder.ValueKind != JsonValueKind.Object || !holder.TryGetProperty("command", out var command)) return "";
        if (command.ValueKind == JsonValueKind.String) return "$ " + command.GetString();
        if (command.ValueKind != JsonValueKind.Array) return "";
        var parts = command.EnumerateArray().Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() ?? "" : part.GetRawText()).ToList();
        // ["bash", "-lc", "script"] is how Codex runs every shell command: show the script.
        return "$ " + (parts.Count == 3 && parts[1] is "-lc" or "-c" ? parts[2] : string.Join(' ', parts));
    }

    /// <summary>A function output is a string, often JSON {output, metadata{exit_code}}: the output, with the exit code when not 0.</summary>
    private static string Output(JsonElement payload)
    {
        if (!payload.TryGetProperty("output", out var output)) return "";
        if (output.ValueKind != JsonValueKind.String) return output.ValueKind == JsonValueKind.Object ? Str(output, "content") ?? output.GetRawText() : output.GetRawText();
        string text = output.GetString() ?? "";
        if (!text.StartsWith('{')) return text;
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "output") is not { } inner) return text;
            bool failed = root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty("exit_code", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0;
            return failed ? $"{inner}\n(exit code {meta.GetProperty("exit_code").GetInt32()})" : inner;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return text;
        }
    }

    private static string Cut(string text) =>
        text.Length <= MaxRenderedOutput ? text : text[..MaxRenderedOutput] + $"\n… ({text.Length - MaxRenderedOutput:N0} more characters)";

    private static JsonObject Meta(string type) => new() { ["source"] = CodexStore.SourceName, ["type"] = type };

    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}

/// <summary>Text out of Codex's content arrays.</summary>
internal static class CodexContent
{
    /// <summary>The text parts of <c>content</c> joined by blank lines; images named.</summary>
    public static string Text(JsonElement holder)
    {
        if (!holder.TryGetProperty("content", out var content)) return "";
        if (content.ValueKind == JsonValueKind.String) return content.GetString() ?? "";
        if (content.ValueKind != JsonValueKind.Array) return "";
        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            string? piece = CodexMessages.Str(part, "text")
                ?? (CodexMessages.Str(part, "type") is "input_image" or "image" or "Image" ? "[image]" : null);
            if (piece is null) continue;
            if (text.Length > 0) text.Append("\n\n");
            text.Append(piece);
        }
        return text.ToString();
    }

    /// <summary>A reasoning item's summary (and its plain content when there is any; encrypted content is not shown).</summary>
    public static string Reasoning(JsonElement payload)
    {
        var text = new StringBuilder();
        foreach (string field in (string[])["summary", "content"])
        {
            if (!payload.TryGetProperty(field, out var parts) || parts.ValueKind != JsonValueKind.Array) continue;
            foreach (var part in parts.EnumerateArray())
            {
                if (CodexMessages.Str(part, "text") is not { } piece) continue;
                if (text.Length > 0) text.Append('\n');
                text.Append(piece);
            }
        }
        return text.ToString();
    }
}
