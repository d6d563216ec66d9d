using System.Globalization;
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

    /// <summary>The file's stamp taken before it was read (what a cached transcript is compared by).</summary>
    public FileStamp Stamp { get; private set; }

    /// <summary>Whether the file was read in one piece: a regular file, not a link (then <see cref="Stamp"/> is its last write).</summary>
    public bool ReadWhole { get; private set; }

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
        var facts = new ClaudeLineFacts();
        try
        {
            foreach (var line in WholeLines.Read(path, cancellationToken, transcript.Stamped))
            {
                // Bad UTF-8 or a lone surrogate would throw when a string is read: a repaired copy is read, and the line is damaged.
                var repaired = JsonTextRepair.Repaired(line.Bytes.Span);
                bool read = facts.Read(repaired ?? line.Bytes.Span, wantPrompt: transcript.FirstPrompt is null);
                if (read) transcript.Add(facts);
                if (!read || repaired is not null) transcript.Bad(line.Offset);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            transcript.Error = $"cannot be read: {e.Message}";
        }
        return transcript;
    }

    private void Stamped(FileStamp stamp, bool whole)
    {
        Stamp = stamp;
        ReadWhole = whole;
    }

    private void Bad(long offset)
    {
        if (BadLines++ == 0) FirstBadOffset = offset;
    }

    private void Add(ClaudeLineFacts line)
    {
        switch (line.Type)
        {
            case "custom-title": CustomTitle = Titled(line.CustomTitle) ?? CustomTitle; return;
            case "ai-title": AiTitle = Titled(line.AiTitle) ?? AiTitle; return;
            case "last-prompt": LastPrompt = Titled(line.LastPrompt) ?? LastPrompt; return;
            case "summary": Summary = Titled(line.Summary) ?? Summary; return;
        }
        if (line.IsSidechain) return;
        if (Timestamps.Parse(line.Timestamp) is { } time)
        {
            if (First is null || time < First) First = time;
            if (Last is null || time > Last) Last = time;
        }
        WorkDir ??= line.Cwd is { Length: > 0 } cwd ? cwd : null;
        if (line.GitBranch is { Length: > 0 } branch) GitBranch = branch;
        if (line.Kind != ClaudeLineKind.Message) return;
        MessageCount++;
        if (line.Type == "assistant") AddResponse(line);
        else if (line.Type == "user" && FirstPrompt is null && !line.IsCompactSummary) FirstPrompt = Titled(ClaudeContent.RealPrompt(line.PromptText));
    }

    /// <summary>Every line of a split response carries the usage so far: the last one of a message.id + requestId counts.</summary>
    private void AddResponse(ClaudeLineFacts line)
    {
        if (line.Model is { Length: > 0 } model && model != "<synthetic>") Model = model;
        if (!line.HasUsage) return;
        string key = (line.MessageId ?? line.Uuid ?? _usage.Count.ToString(CultureInfo.InvariantCulture)) + "\n" + line.RequestId;
        _usage[key] = line.Tokens;
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
