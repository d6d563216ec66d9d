using System.Globalization;
using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// What a transcript says about its session, from one pass over its lines: the title
/// candidates in Claude's order, work dir, branch, model, tokens (a response split over several
/// lines that share message.id and requestId counted once), message count, first and last time.
/// Lines that are not JSON are counted as damaged, never fatal.
/// </summary>
internal sealed class ClaudeTranscript
{
    public string? CustomTitle { get; private set; }
    public string? AiTitle { get; private set; }
    public string? LastPrompt { get; private set; }
    public string? Summary { get; private set; }
    public string? FirstPrompt { get; private set; }
    public string? WorkDir { get; private set; }
    public string? GitBranch { get; private set; }
    public string? Model { get; private set; }
    public int MessageCount { get; private set; }
    public DateTimeOffset? First { get; private set; }
    public DateTimeOffset? Last { get; private set; }
    public int BadLines { get; private set; }
    public long FirstBadOffset { get; private set; } = -1;
    public string? Error { get; private set; }

    private readonly Dictionary<string, long> _usage = new(StringComparer.Ordinal);

    public long TotalTokens => _usage.Values.Sum();

    /// <summary>Title by Claude's order: custom-title, ai-title, last-prompt, summary, first real prompt.</summary>
    public string? Title => CustomTitle ?? AiTitle ?? LastPrompt ?? Summary ?? FirstPrompt;

    public string? Damage =>
        Error ?? (BadLines switch
        {
            0 => null,
            1 => string.Create(CultureInfo.InvariantCulture, $"an unreadable line at byte {FirstBadOffset} (shown as damaged)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{BadLines} unreadable lines (the first at byte {FirstBadOffset})"),
        });

    public static ClaudeTranscript Read(string path, CancellationToken cancellationToken)
    {
        var transcript = new ClaudeTranscript();
        try
        {
            foreach (var line in JsonLines.ReadLines(path, 0, cancellationToken))
            {
                JsonDocument document;
                string? damage;
                try
                {
                    document = JsonLines.ParseDocument(line, ClaudeJson.Options, out damage);
                }
                catch (JsonException)
                {
                    transcript.Bad(line.Offset);
                    continue;
                }
                using (document)
                {
                    // A repaired line (invalid text replaced) is still read, and still counts as damaged.
                    if (damage is not null) transcript.Bad(line.Offset);
                    if (document.RootElement.ValueKind != JsonValueKind.Object) transcript.Bad(line.Offset);
                    else transcript.Add(document.RootElement);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transcript.Error = $"cannot be read: {e.Message}";
        }
        return transcript;
    }

    private void Bad(long offset)
    {
        if (BadLines++ == 0) FirstBadOffset = offset;
    }

    private void Add(JsonElement line)
    {
        string? type = ClaudeJson.String(line, "type");
        switch (type)
        {
            case "custom-title": CustomTitle = Titled(ClaudeJson.String(line, "customTitle")) ?? CustomTitle; return;
            case "ai-title": AiTitle = Titled(ClaudeJson.String(line, "aiTitle")) ?? AiTitle; return;
            case "last-prompt": LastPrompt = Titled(ClaudeJson.String(line, "lastPrompt")) ?? LastPrompt; return;
            case "summary": Summary = Titled(ClaudeJson.String(line, "summary")) ?? Summary; return;
        }
        if (ClaudeJson.True(line, "isSidechain")) return;
        if (Timestamps.Parse(ClaudeJson.String(line, "timestamp")) is { } time)
        {
            if (First is null || time < First) First = time;
            if (Last is null || time > Last) Last = time;
        }
        WorkDir ??= ClaudeJson.String(line, "cwd") is { Length: > 0 } cwd ? cwd : null;
        if (ClaudeJson.String(line, "gitBranch") is { Length: > 0 } branch) GitBranch = branch;
        if (ClaudeLines.Kind(line) != ClaudeLineKind.Message) return;
        MessageCount++;
        var message = ClaudeJson.Object(line, "message");
        if (type == "assistant") AddResponse(line, message);
        else if (type == "user" && FirstPrompt is null && !ClaudeJson.True(line, "isCompactSummary")) FirstPrompt = Titled(ClaudeContent.PromptText(message));
    }

    /// <summary>Every line of a split response carries the usage so far: the last one of a message.id + requestId counts.</summary>
    private void AddResponse(JsonElement line, JsonElement message)
    {
        if (ClaudeJson.String(message, "model") is { Length: > 0 } model && model != "<synthetic>") Model = model;
        var usage = ClaudeJson.Object(message, "usage");
        if (usage.ValueKind != JsonValueKind.Object) return;
        long tokens = ClaudeJson.Number(usage, "input_tokens") + ClaudeJson.Number(usage, "cache_creation_input_tokens")
            + ClaudeJson.Number(usage, "cache_read_input_tokens") + ClaudeJson.Number(usage, "output_tokens");
        string key = (ClaudeJson.String(message, "id") ?? ClaudeJson.String(line, "uuid") ?? _usage.Count.ToString(CultureInfo.InvariantCulture))
            + "\n" + ClaudeJson.String(line, "requestId");
        _usage[key] = tokens;
    }

    /// <summary>One line of at most 200 characters, as Claude's picker shows; blank is no title.</summary>
    private static string? Titled(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (line.Length <= 200) return line;
        return line[..(char.IsHighSurrogate(line[199]) ? 199 : 200)];
    }
}
