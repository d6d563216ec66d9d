using System.Globalization;
using System.Text.Json;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// What the list needs from one rollout, in one pass where only the few line kinds that matter
/// are parsed (the rest are classified by <see cref="CodexLineKind"/> and skipped): session_meta,
/// turn_context (model), messages (count, first real prompt), the last token_count.
/// </summary>
internal sealed record CodexFacts
{
    public string? Id { get; init; }
    public string? Cwd { get; init; }
    public string? Branch { get; init; }
    public string? Model { get; init; }
    public string? Origin { get; init; }
    public string? CliVersion { get; init; }
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? LastActive { get; init; }
    public string? FirstPrompt { get; init; }
    public int MessageCount { get; init; }
    public long Tokens { get; init; }

    /// <summary>Whether any response_item message exists: then the event copies of messages are not shown (they repeat them).</summary>
    public bool HasResponseMessages { get; init; }
    public int BadLines { get; init; }
    public long FirstBadOffset { get; init; } = -1;
    public string? FirstBadReason { get; init; }

    /// <param name="path">The rollout.</param>
    /// <param name="stamped">Told the file's stamp taken before it was read (see <see cref="CodexLines.ReadWhole"/>).</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static CodexFacts Read(string path, WholeLines.Stamped stamped, CancellationToken cancellationToken)
    {
        var facts = new Builder();
        foreach (var line in CodexLines.ReadWhole(path, stamped, cancellationToken))
        {
            var kind = CodexLineKind.Of(line.Bytes.Span);
            if (!kind.Valid)
            {
                facts.Bad(line);
                continue;
            }
            bool wanted = kind.Type is "session_meta" or "turn_context" || kind.IsResponseMessage || kind.IsEventMessage
                || kind.Type == "event_msg" && kind.PayloadType == "token_count";
            if (!wanted) continue;
            try
            {
                using var document = JsonLines.ParseDocument(line, default, out string? repair);
                // A repaired line is read (with replacement characters) and counted damaged; one whose
                // payload cannot be found (a damaged name) is only damaged.
                bool hasPayload = document.RootElement.TryGetProperty("payload", out var payload);
                if (repair is not null || !hasPayload) facts.Bad(line);
                if (hasPayload) facts.Add(kind, document.RootElement, payload);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                facts.Bad(line);
            }
        }
        return facts.Build();
    }

    private sealed class Builder
    {
        private CodexFacts _facts = new();
        private string? _firstResponsePrompt, _firstEventPrompt;
        private int _responseMessages, _eventMessages;
        private DateTimeOffset? _last;

        public void Bad(in Storage.JsonLine line)
        {
            string reason = line.Terminated
                ? string.Create(CultureInfo.InvariantCulture, $"line at byte {line.Offset} is not valid JSON")
                : string.Create(CultureInfo.InvariantCulture, $"last line at byte {line.Offset} is incomplete (the writer stopped mid-line)");
            _facts = _facts with
            {
                BadLines = _facts.BadLines + 1,
                FirstBadOffset = _facts.FirstBadOffset < 0 ? line.Offset : _facts.FirstBadOffset,
                FirstBadReason = _facts.FirstBadReason ?? reason,
            };
        }

        public void Add(CodexLineKind kind, JsonElement line, JsonElement payload)
        {
            if (Timestamps.Parse(CodexMessages.Str(line, "timestamp")) is { } time && (_last is null || time > _last)) _last = time;
            switch (kind.Type)
            {
                case "session_meta" when _facts.Id is null:
                    _facts = _facts with
                    {
                        Id = CodexMessages.Str(payload, "id"),
                        Cwd = CodexMessages.Str(payload, "cwd"),
                        Origin = Origin(payload),
                        CliVersion = CodexMessages.Str(payload, "cli_version"),
                        Started = Timestamps.Parse(CodexMessages.Str(payload, "timestamp")) ?? Timestamps.Parse(CodexMessages.Str(line, "timestamp")),
                        Branch = payload.TryGetProperty("git", out var git) ? CodexMessages.Str(git, "branch") : null,
                    };
                    break;
                case "turn_context":
                    _facts = _facts with
                    {
                        Model = CodexMessages.Str(payload, "model") ?? _facts.Model,
                        Cwd = _facts.Cwd ?? CodexMessages.Str(payload, "cwd"),
                    };
                    break;
                case "event_msg" when kind.PayloadType == "token_count":
                    if (payload.TryGetProperty("info", out var info) && info.ValueKind == JsonValueKind.Object
                        && info.TryGetProperty("total_token_usage", out var usage) && usage.ValueKind == JsonValueKind.Object
                        && usage.TryGetProperty("total_tokens", out var total) && total.TryGetInt64(out long tokens))
                        _facts = _facts with { Tokens = tokens };
                    break;
                default:
                    AddMessage(kind, line);
                    break;
            }
        }

        private void AddMessage(CodexLineKind kind, JsonElement line)
        {
            bool wantText = kind.IsResponseMessage ? _firstResponsePrompt is null : _firstEventPrompt is null;
            var (role, content) = CodexMessages.RoleOf(line, wantText) ?? FromMessage(CodexMessages.ToMessage(line));
            if (role is not (Roles.User or Roles.Assistant)) return;
            if (kind.IsResponseMessage)
            {
                _responseMessages++;
                if (role == Roles.User && _firstResponsePrompt is null && content!.Trim().Length > 0) _firstResponsePrompt = content;
            }
            else
            {
                _eventMessages++;
                if (role == Roles.User && _firstEventPrompt is null && content!.Trim().Length > 0 && !CodexInjected.IsInjected(content))
                    _firstEventPrompt = content;
            }
        }

        private static (string Role, string? Content) FromMessage(Message message) => (message.Role, message.Content);

        public CodexFacts Build()
        {
            bool responses = _responseMessages > 0;
            return _facts with
            {
                HasResponseMessages = responses,
                MessageCount = responses ? _responseMessages : _eventMessages,
                FirstPrompt = responses ? _firstResponsePrompt ?? _firstEventPrompt : _firstEventPrompt,
                LastActive = _last,
            };
        }

        /// <summary>session_meta.source: "cli", "vscode", "exec", … or an object ({"subagent": …}) named by its key.</summary>
        private static string? Origin(JsonElement payload)
        {
            if (!payload.TryGetProperty("source", out var source)) return null;
            return source.ValueKind switch
            {
                JsonValueKind.String => source.GetString(),
                JsonValueKind.Object => source.EnumerateObject().Select(p => p.Name).FirstOrDefault(),
                _ => null,
            };
        }
    }
}
