using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// What listing needs of one Qwen Code transcript, from one pass over its lines (never the
/// messages themselves): the first record's sessionId, cwd, version and time (what Qwen's own
/// list takes), the last custom_title, the first prompt, model, tokens and message count.
/// Lines that are not JSON are counted as damage, never a reason to drop the session.
/// </summary>
internal sealed class QwenTranscript
{
    public string? SessionId { get; private set; }
    public string? Cwd { get; private set; }
    public string? Version { get; private set; }
    public string? GitBranch { get; private set; }
    public string? StartTime { get; private set; }
    public string? LastTime { get; private set; }
    public string? CustomTitle { get; private set; }
    public string? FirstPrompt { get; private set; }
    public string? Model { get; private set; }
    public string? LastUuid { get; private set; }
    public long Tokens { get; private set; }
    public int MessageCount { get; private set; }
    public List<(long Offset, string Reason)> BadLines { get; } = [];

    /// <summary>Why the file as a whole could not be read, when it could not.</summary>
    public string? Error { get; private set; }

    public static QwenTranscript Read(string path, CancellationToken cancellationToken = default)
    {
        var transcript = new QwenTranscript();
        try
        {
            bool first = true;
            foreach (var line in JsonLines.ReadLines(path, cancellationToken: cancellationToken))
            {
                try
                {
                    using var document = JsonLines.ParseDocument(line, QwenLines.Options, out string? repair);
                    if (repair is not null) transcript.BadLines.Add((line.Offset, repair));
                    var record = document.RootElement;
                    if (record.ValueKind != JsonValueKind.Object)
                    {
                        transcript.BadLines.Add((line.Offset, $"line at byte {line.Offset} is JSON but not an object"));
                        continue;
                    }
                    if (first) transcript.First(record);
                    first = false;
                    transcript.Apply(record);
                }
                catch (JsonException)
                {
                    transcript.BadLines.Add((line.Offset, QwenLines.Unreadable(line)));
                }
            }
            if (transcript.SessionId is null && transcript.BadLines.Count == 0 && first) transcript.Error = "empty transcript";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transcript.Error = $"cannot be read: {e.Message}";
        }
        return transcript;
    }

    /// <summary>Qwen's list takes the session's id, folder, branch and start from the first record.</summary>
    private void First(JsonElement record)
    {
        SessionId = GenAiParts.String(record, "sessionId");
        Cwd = GenAiParts.String(record, "cwd");
        Version = GenAiParts.String(record, "version");
        GitBranch = GenAiParts.String(record, "gitBranch");
        StartTime = GenAiParts.String(record, "timestamp");
    }

    private void Apply(JsonElement record)
    {
        if (GenAiParts.String(record, "timestamp") is { } time) LastTime = time;
        if (GenAiParts.String(record, "uuid") is { } uuid) LastUuid = uuid;
        string? type = GenAiParts.String(record, "type");
        string? subtype = GenAiParts.String(record, "subtype");
        if (type == "system" && subtype == "custom_title"
            && record.TryGetProperty("systemPayload", out var payload) && GenAiParts.String(payload, "customTitle") is { } title)
            CustomTitle = title;
        if (!QwenLines.IsMessage(type)) return;
        MessageCount++;
        if (type == "assistant")
        {
            if (GenAiParts.String(record, "model") is { } model) Model = model;
            if (record.TryGetProperty("usageMetadata", out var usage) && usage.ValueKind == JsonValueKind.Object
                && usage.TryGetProperty("totalTokenCount", out var total) && total.TryGetInt64(out long tokens))
                Tokens += tokens;
        }
        if (FirstPrompt is null && type == "user" && subtype is null && QwenLines.PromptOf(record) is { Length: > 0 } prompt)
            FirstPrompt = prompt;
    }
}
