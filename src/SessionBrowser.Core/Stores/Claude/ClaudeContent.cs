using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// A transcript line as our <see cref="Message"/>: a user prompt → user; tool results → tool;
/// an assistant line → assistant when it has text, thinking when it only thinks, tool when it
/// only calls tools; a compaction boundary and the summary after it → system, shown as a
/// divider. Images are named, not drawn. The raw line's ids stay in Metadata.
/// </summary>
internal static class ClaudeContent
{
    public const string CompactedDivider = "──────── conversation compacted ────────";

    /// <summary>Prompts Claude itself writes into the conversation (slash commands, their output, interruptions): not a real first prompt.</summary>
    private static readonly string[] InjectedPrefixes =
        ["<command-", "<local-command-", "<bash-", "<system-reminder>", "Caveat: ", "[Request interrupted"];

    /// <summary>The text, unless it is blank or text Claude injected rather than a person typed.</summary>
    public static string? RealPrompt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string trimmed = text.TrimStart();
        return InjectedPrefixes.Any(p => trimmed.StartsWith(p, StringComparison.Ordinal)) ? null : text;
    }

    public static Message ToMessage(JsonElement line)
    {
        string? type = ClaudeJson.String(line, "type");
        string? time = ClaudeJson.String(line, "timestamp");
        var message = ClaudeJson.Object(line, "message");
        var metadata = Metadata(line, message);
        if (type == "system")
        {
            string body = ClaudeJson.String(line, "subtype") == "compact_boundary"
                ? CompactedDivider + Tokens(ClaudeJson.Object(line, "compactMetadata"))
                : ClaudeJson.String(line, "content") ?? "";
            return new Message(Roles.System, body, time, metadata);
        }
        if (type == "user" && ClaudeJson.True(line, "isCompactSummary"))
            return new Message(Roles.System, CompactedDivider + "\n\n" + Blocks(message, out _).TrimEnd(), time, metadata);

        string text = Blocks(message, out var kinds);
        string role = type switch
        {
            "user" => kinds.HasFlag(BlockKinds.Text) || kinds.HasFlag(BlockKinds.Image) ? Roles.User : Roles.Tool,
            "assistant" => kinds.HasFlag(BlockKinds.Text) ? Roles.Assistant
                : kinds == BlockKinds.Thinking ? Roles.Thinking : Roles.Tool,
            _ => type ?? "unknown",
        };
        return new Message(role, text.TrimEnd(), time, metadata);
    }

    private static string Tokens(JsonElement compact) =>
        ClaudeJson.Number(compact, "preTokens") is > 0 and var tokens ? $"\n\n({tokens:N0} tokens before)" : "";

    [Flags]
    private enum BlockKinds { None = 0, Text = 1, Thinking = 2, ToolUse = 4, ToolResult = 8, Image = 16 }

    private static string Blocks(JsonElement message, out BlockKinds kinds)
    {
        kinds = BlockKinds.None;
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content)) return "";
        if (content.ValueKind == JsonValueKind.String)
        {
            kinds = BlockKinds.Text;
            return content.GetString()!;
        }
        if (content.ValueKind != JsonValueKind.Array) return "";
        var text = new StringBuilder();
        foreach (var block in content.EnumerateArray())
        {
            switch (ClaudeJson.String(block, "type"))
            {
                case "text":
                    kinds |= BlockKinds.Text;
                    text.Append(ClaudeJson.String(block, "text")).Append("\n\n");
                    break;
                case "thinking":
                    kinds |= BlockKinds.Thinking;
                    AppendThinking(text, ClaudeJson.String(block, "thinking") ?? "");
                    break;
                case "redacted_thinking":
                    kinds |= BlockKinds.Thinking;
                    text.Append("*(thinking redacted)*\n\n");
                    break;
                case "tool_use":
                    kinds |= BlockKinds.ToolUse;
                    text.Append("**Tool:** `").Append(ClaudeJson.String(block, "name") ?? "tool").Append("`\n\n");
                    if (block.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any())
                        FencedBlock.Append(text, "json", IndentedJson.Of(input));
                    break;
                case "tool_result":
                    kinds |= BlockKinds.ToolResult;
                    text.Append(ClaudeJson.True(block, "is_error") ? "**Tool error:**\n\n" : "**Tool result:**\n\n");
                    FencedBlock.Append(text, "", ResultText(block));
                    break;
                case "image":
                    kinds |= BlockKinds.Image;
                    text.Append(ImageName(block)).Append("\n\n");
                    break;
                case "document":
                    kinds |= BlockKinds.Image;
                    text.Append("[document: ").Append(ClaudeJson.String(block, "title") ?? MediaType(block)).Append("]\n\n");
                    break;
            }
        }
        return text.ToString();
    }

    private static void AppendThinking(StringBuilder text, string thinking)
    {
        if (thinking.Length == 0) return;
        text.Append("> *Thinking:* ").Append(thinking.Trim().ReplaceLineEndings("\n> ")).Append("\n\n");
    }

    private static string ImageName(JsonElement block) => $"[image: {MediaType(block)}]";

    private static string MediaType(JsonElement block) =>
        ClaudeJson.String(ClaudeJson.Object(block, "source"), "media_type") ?? "unknown type";

    /// <summary>A tool_result's content: a string, or blocks of text and images.</summary>
    private static string ResultText(JsonElement block)
    {
        if (!block.TryGetProperty("content", out var content)) return "";
        if (content.ValueKind == JsonValueKind.String) return content.GetString()!;
        if (content.ValueKind != JsonValueKind.Array) return content.ValueKind == JsonValueKind.Null ? "" : content.GetRawText();
        return string.Join("\n", content.EnumerateArray().Select(part => ClaudeJson.String(part, "type") switch
        {
            "text" => ClaudeJson.String(part, "text") ?? "",
            "image" => ImageName(part),
            _ => "",
        }).Where(t => t.Length > 0));
    }

    private static JsonObject Metadata(JsonElement line, JsonElement message)
    {
        var metadata = new JsonObject { ["source"] = ClaudeStore.SourceName };
        if (ClaudeJson.String(line, "uuid") is { } uuid) metadata["uuid"] = uuid;
        if (ClaudeJson.String(message, "model") is { } model) metadata["model"] = model;
        if (ClaudeJson.String(message, "id") is { } id) metadata["message_id"] = id;
        return metadata;
    }

}
