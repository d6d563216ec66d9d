namespace SessionBrowser.Core.Model;

/// <summary>
/// One row of the session list, the same shape for every source. Built from metadata
/// (plus, for the title, the first user message when there is no description).
/// </summary>
public sealed record SessionSummary
{
    public required SessionRef Ref { get; init; }
    public string Id => Ref.Id;
    public string Source => Ref.Source;

    /// <summary>Description, else the first user message (one line), else "(untitled)".</summary>
    public required string Title { get; init; }
    public string Status { get; init; } = SessionStatus.Paused;
    public Liveness Liveness { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? LastActive { get; init; }
    public int MessageCount { get; init; }
    public long TotalTokens { get; init; }
    public double TotalCost { get; init; }
    public int TotalSteps { get; init; }
    public double Progress { get; init; }
    public string? CurrentTask { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? WorkDir { get; init; }

    /// <summary>The git branch the agent was on, when its files say (Claude, Codex).</summary>
    public string? GitBranch { get; init; }
    public string? Model { get; init; }
    public string? Description { get; init; }

    /// <summary>
    /// The one word a person needs for the session's state: damage and the lock outrank the
    /// status field (a session that claims "active" while nobody writes it is interrupted).
    /// </summary>
    public string DisplayStatus =>
        Damaged is not null ? "damaged"
        : Liveness == Liveness.Live ? "live"
        : Liveness == Liveness.Interrupted ? "interrupted"
        : string.IsNullOrWhiteSpace(Status) ? "unknown" : Status;

    /// <summary>Null when the session reads fine; otherwise why it does not.</summary>
    public string? Damaged { get; init; }

    /// <summary>
    /// Null, or why the agent that owns the session will delete it by itself soon (Gemini's
    /// retention runs silently at its next start), so the user can copy it first.
    /// </summary>
    public string? DeletionWarning { get; init; }

    /// <summary>
    /// When the session's file was last written, for sources whose agent goes by it (Claude's
    /// retention, a recent write counting as live): the fact those values are computed from when
    /// a row is read from the index (see IMomentarySummaries). Null when the source keeps none.
    /// </summary>
    public DateTimeOffset? WrittenAt { get; init; }

    /// <summary>A session whose files could not be made sense of: listed as damaged, with why, so the others still list.</summary>
    public static SessionSummary Unreadable(string source, string id, string path, Exception error) => new()
    {
        Ref = new SessionRef(source, id),
        Title = id,
        Path = path,
        Damaged = $"cannot be read: {error.Message}",
    };

    /// <summary>The folder or file that holds the session.</summary>
    public required string Path { get; init; }

    /// <summary>The native metadata as read, when the source is native and it was readable.</summary>
    public SessionMetadata? Metadata { get; init; }
}
