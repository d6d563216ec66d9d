using System.Text.Json;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>What one line of a transcript is to us: a message of the pane, or something else.</summary>
internal enum ClaudeLineKind
{
    /// <summary>Metadata (titles, modes, costs), progress, attachments, sidechain work: not shown.</summary>
    Other,
    /// <summary>A user, assistant or system line shown in the pane.</summary>
    Message,
}

internal static class ClaudeLines
{
    /// <summary>
    /// Whether a parsed line is shown as a message: user and assistant lines of the main
    /// conversation (not meta injections, not a subagent's sidechain), compaction boundaries,
    /// and system notes that carry text. The summary counts exactly these.
    /// </summary>
    public static ClaudeLineKind Kind(JsonElement line)
    {
        if (line.ValueKind != JsonValueKind.Object || ClaudeJson.True(line, "isSidechain")) return ClaudeLineKind.Other;
        switch (ClaudeJson.String(line, "type"))
        {
            case "user":
                return ClaudeJson.True(line, "isMeta") || !HasContent(line) ? ClaudeLineKind.Other : ClaudeLineKind.Message;
            case "assistant":
                return HasContent(line) ? ClaudeLineKind.Message : ClaudeLineKind.Other;
            case "system":
                return ClaudeJson.String(line, "subtype") == "compact_boundary" || ClaudeJson.String(line, "content") is { Length: > 0 }
                    ? ClaudeLineKind.Message : ClaudeLineKind.Other;
            default:
                return ClaudeLineKind.Other;
        }
    }

    private static bool HasContent(JsonElement line)
    {
        var message = ClaudeJson.Object(line, "message");
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("content", out var content)) return false;
        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!.Length > 0,
            JsonValueKind.Array => content.GetArrayLength() > 0,
            _ => false,
        };
    }
}
