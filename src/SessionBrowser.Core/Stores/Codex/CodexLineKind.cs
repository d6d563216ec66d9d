using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// What a rollout line is, read with a forward-only reader that skips every value it does not
/// need (tool outputs can be megabytes): the record type, the payload's type, a message's role and
/// an event item's type. Lets the summary, the message offsets and the viewer decide which lines
/// to parse without parsing them. Key order does not matter.
/// </summary>
internal readonly record struct CodexLineKind(string? Type, string? PayloadType, string? Role, string? ItemType, bool Valid)
{
    public static readonly CodexLineKind Invalid = new(null, null, null, null, false);

    // The names every rollout line carries, read without a new string each (KnownStrings).
    private static readonly KnownStrings.Known Types = new("response_item", "event_msg", "turn_context", "session_meta", "compacted");
    private static readonly KnownStrings.Known PayloadTypes = new("message", "function_call", "function_call_output", "reasoning", "token_count",
        "agent_message", "user_message", "item_completed", "custom_tool_call", "custom_tool_call_output", "local_shell_call", "web_search_call",
        "task_started", "task_complete");
    private static readonly KnownStrings.Known MessageRoles = new("assistant", "user", "developer", "system");
    private static readonly KnownStrings.Known ItemTypes = new("UserMessage", "AgentMessage");

    public bool IsResponseMessage => Type == "response_item" && PayloadType == "message";

    /// <summary>An event that repeats a message for the UI (both event styles).</summary>
    public bool IsEventMessage => Type == "event_msg" &&
        (PayloadType is "user_message" or "agent_message" || PayloadType == "item_completed" && ItemType is "UserMessage" or "AgentMessage");

    /// <summary>response_item types shown in the viewer; unknown ones are ignored like the format says.</summary>
    public bool IsShownResponseItem => Type == "response_item" && PayloadType is "message" or "reasoning" or "function_call"
        or "function_call_output" or "custom_tool_call" or "custom_tool_call_output" or "local_shell_call" or "web_search_call";

    /// <summary>Whether the line becomes a record of the viewer; events only when the file has no response_item messages.</summary>
    public bool IsRecord(bool eventsShown) => !Valid || IsShownResponseItem || Type == "compacted" || eventsShown && IsEventMessage;

    public static CodexLineKind Of(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Invalid;
            string? type = null, payloadType = null, role = null, itemType = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String ? Types.Current(ref reader) : null;
                }
                else if (reader.ValueTextEquals("payload"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject) ReadPayload(ref reader, ref payloadType, ref role, ref itemType);
                    else reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            // Reaching the end proves the line is whole JSON; a torn line throws above.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read()
                ? new CodexLineKind(type, payloadType, role, itemType, true)
                : Invalid;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Invalid;
        }
    }

    private static void ReadPayload(ref Utf8JsonReader reader, ref string? type, ref string? role, ref string? itemType)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8)) type = PayloadTypes.Read(ref reader);
            else if (reader.ValueTextEquals("role"u8)) role = MessageRoles.Read(ref reader);
            else if (reader.ValueTextEquals("item"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("type"u8)) itemType = ItemTypes.Read(ref reader);
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }
}
