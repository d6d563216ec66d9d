using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// One Kimi CLI session as a list row: the title by Kimi's rule, times and tokens from
/// wire.jsonl (context.jsonl's time when there is no wire), the message count from
/// context.jsonl, the work dir from kimi.json. Null for a session Kimi itself does not list
/// (no custom title, no wire records, no messages): an empty session it made at start-up.
/// </summary>
internal static class KimiSessionReader
{
    /// <summary>Kimi CLI keeps no status: a session is a conversation that can go on, or archived.</summary>
    public const string OpenStatus = SessionStatus.Paused;
    public const string ArchivedStatus = "archived";

    public static SessionSummary? Read(KimiSessionEntry entry, KimiWorkDirs workDirs, CancellationToken cancellationToken)
    {
        var state = entry.StatePath is { } statePath ? KimiState.Read(statePath) : KimiState.Default;
        var wire = entry.WirePath is { } wirePath ? KimiWire.Read(wirePath, cancellationToken) : KimiWire.Empty;
        bool hasContext = File.Exists(entry.ContextPath);
        int messages = hasContext ? KimiContext.Count(entry.ContextPath, cancellationToken) : 0;
        if (state.CustomTitle is null && wire.Records == 0 && messages == 0 && hasContext) return null;

        DateTimeOffset? contextTime = hasContext ? File.GetLastWriteTimeUtc(entry.ContextPath) : null;
        string? workDir = workDirs.PathOf(entry.Hash);
        string? damage = !hasContext ? $"{KimiLayout.ContextFile} is missing (only {KimiLayout.WireFile} is left)" : state.Problem;
        return new SessionSummary
        {
            Ref = new SessionRef(KimiStore.SourceName, entry.Id),
            Title = KimiContent.Title(state.CustomTitle, wire.FirstInput),
            Status = state.Archived ? ArchivedStatus : OpenStatus,
            CreatedAt = wire.First ?? contextTime,
            LastActive = wire.Last ?? contextTime,
            MessageCount = messages,
            TotalTokens = wire.Tokens,
            WorkDir = workDir,
            Description = workDir is null
                ? $"work dir unknown: {KimiLayout.MetadataFile} does not name the folder {entry.Hash}" + (workDirs.Problem is { } p ? $" ({p})" : "")
                : null,
            Damaged = damage,
            Path = entry.Path,
        };
    }
}
