using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// A session's messages and their parts as opencode's TUI shows them: a user message's text
/// (synthetic text opencode adds itself left out, attached files named), and each part of an
/// assistant message in order: text as the answer, reasoning as collapsed thinking, a tool call
/// with its input and its output (or error) as one collapsed tool message. Step markers,
/// snapshots and patches are bookkeeping and not shown. A message or part whose <c>data</c> is not
/// JSON becomes a damaged record; the others still read. Offsets are record numbers (a database
/// has no byte offsets).
/// </summary>
internal static class OpenCodeMessages
{
    public static IEnumerable<MessageRecord> Read(SqliteConnection connection, string id, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.id, m.time_created, m.data, p.id, p.data
            FROM message m LEFT JOIN part p ON p.message_id = m.id
            WHERE m.session_id = $id
            ORDER BY m.time_created, m.id, p.id
            """;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        int index = 0;
        long offset = 0;
        string? current = null;
        OpenCodeMessage? message = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool more = reader.Read();
            string? messageId = more ? reader.GetString(0) : null;
            if (messageId != current && message is not null)
            {
                foreach (var record in message.Finish())
                {
                    yield return record.Message is null
                        ? new MessageRecord(index, offset++, null, record.Damage)
                        : new MessageRecord(index++, offset++, record.Message);
                }
                message = null;
            }
            if (!more) yield break;
            if (messageId != current)
            {
                current = messageId;
                message = new OpenCodeMessage(messageId!, reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
            }
            if (!reader.IsDBNull(3)) message!.Add(reader.GetString(3), reader.IsDBNull(4) ? "" : reader.GetString(4));
        }
    }
}

/// <summary>One message row and its parts, turned into records when all its parts are in.</summary>
internal sealed class OpenCodeMessage
{
    private readonly string _id;
    private readonly string _timestamp;
    private readonly JsonElement? _data;
    private readonly List<(Message? Message, string? Damage)> _records = [];
    private readonly StringBuilder _userText = new();

    public OpenCodeMessage(string id, long created, string data)
    {
        _id = id;
        _timestamp = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(created, 0, 253402300799999))
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _data = Parse(data);
        if (_data is not { ValueKind: JsonValueKind.Object }) _records.Add((null, $"message {id}: its data is not a JSON object"));
    }

    private string Role => _data is { ValueKind: JsonValueKind.Object } data && String(data, "role") is { } role ? role : "unknown";

    private bool IsUser => Role == Roles.User;

    public void Add(string partId, string json)
    {
        if (Parse(json) is not { ValueKind: JsonValueKind.Object } part)
        {
            _records.Add((null, $"part {partId} of message {_id}: its data is not a JSON object"));
            return;
        }
        switch (String(part, "type"))
        {
            case "text" when part.TryGetProperty("synthetic", out var synthetic) && synthetic.ValueKind == JsonValueKind.True:
                break;
            case "text" when IsUser:
                AppendUser(String(part, "text"));
                break;
            case "text":
                if (String(part, "text") is { } said && said.Trim().Length > 0) Say(Role, said.Trim());
                break;
            case "file":
                AppendUser("[file: " + (String(part, "filename") ?? String(part, "url") ?? "?") + "]");
                break;
            case "reasoning":
                if (String(part, "text") is { } thought && thought.Trim().Length > 0) Say(Roles.Thinking, thought.Trim());
                break;
            case "tool":
                Say(Roles.Tool, ToolText(part));
                break;
            case "subtask":
                Say(Roles.User, "**Subtask** (" + (String(part, "agent") ?? "agent") + "): " + (String(part, "description") ?? String(part, "prompt") ?? ""));
                break;
        }
    }

    /// <summary>The message's records: the user's words first (as one message), then each shown part.</summary>
    public IEnumerable<(Message? Message, string? Damage)> Finish()
    {
        if (_userText.Length > 0) yield return (Make(Roles.User, _userText.ToString().TrimEnd()), null);
        foreach (var record in _records) yield return record;
    }

    private void AppendUser(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        if (!IsUser)
        {
            Say(Role, text.Trim());
            return;
        }
        _userText.Append(text.Trim()).Append("\n\n");
    }

    private void Say(string role, string content) => _records.Add((Make(role, content), null));

    private Message Make(string role, string content)
    {
        var metadata = new JsonObject { ["source"] = OpenCodeStore.SourceName, ["opencode_message"] = _id };
        if (_data is { ValueKind: JsonValueKind.Object } data && String(data, "modelID") is { } model) metadata["model"] = model;
        return new Message(role, content, _timestamp, metadata);
    }

    /// <summary>"**Tool:** `read`", the input as JSON, then the output or the error.</summary>
    private static string ToolText(JsonElement part)
    {
        var text = new StringBuilder();
        text.Append("**Tool:** `").Append(String(part, "tool") ?? "tool").Append('`');
        part.TryGetProperty("state", out var state);
        if (String(state, "status") is { } status) text.Append(" (").Append(status).Append(')');
        text.Append("\n\n");
        if (state.ValueKind == JsonValueKind.Object && state.TryGetProperty("input", out var input)
            && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any())
            FencedBlock.Append(text, "json", IndentedJson.Of(input));
        if (String(state, "output") is { Length: > 0 } output) FencedBlock.Append(text, "", output);
        else if (String(state, "error") is { Length: > 0 } error) text.Append("Error: ").Append(error).Append("\n\n");
        return text.ToString().TrimEnd();
    }

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement obj, string name) => GenAiParts.String(obj, name);
}
