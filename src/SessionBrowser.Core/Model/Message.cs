using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Model;

/// <summary>
/// One message of a session. Role is any string (user, assistant, system, tool, or a
/// source's own); Content is Markdown. Timestamp is the raw string from the file.
/// </summary>
public sealed record Message(string Role, string Content, string? Timestamp, JsonObject? Metadata = null)
{
    public DateTimeOffset? Time => Timestamps.Parse(Timestamp);
}

/// <summary>Well-known role names.</summary>
public static class Roles
{
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string System = "system";
    public const string Tool = "tool";

    /// <summary>An agent's reasoning shown apart from its answer (Claude's thinking blocks); collapsed like tool output.</summary>
    public const string Thinking = "thinking";

    /// <summary>Roles whose long messages start collapsed: tool output and thinking.</summary>
    public static bool IsCollapsible(string role) => role is Tool or Thinking;
}

/// <summary>
/// A message as read from a file: its position (0-based among good messages) and the byte
/// offset of its line, so an index or a viewer can come back to it without reading the rest.
/// A line that could not be read becomes a record with <see cref="Damage"/> set.
/// </summary>
public sealed record MessageRecord(int Index, long Offset, Message? Message, string? Damage = null);
