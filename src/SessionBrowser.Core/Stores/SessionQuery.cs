using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// The reference's list filters for any source: tags (any-match), status, limit; newest activity
/// first. Status also accepts "live", "interrupted" and "damaged", which users see as statuses.
/// </summary>
public sealed record SessionQuery
{
    public static readonly SessionQuery All = new();

    /// <summary>Null = no limit (the command line chooses its own default).</summary>
    public int? Limit { get; init; }

    /// <summary>A session matches when it has any of these tags; empty = no filter.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Status { get; init; }

    public bool IncludeDamaged { get; init; } = true;

    /// <summary>
    /// The stored status every match has, when the filter implies one (an interrupted session is
    /// an active one), so an index can narrow by it before reading any summary; null otherwise.
    /// </summary>
    public string? StoredStatus => Status switch
    {
        null or "" or "live" or "damaged" => null,
        "interrupted" => SessionStatus.Active,
        var status => status.ToLowerInvariant(),
    };

    public bool Matches(SessionSummary session)
    {
        if (!IncludeDamaged && session.Damaged is not null) return false;
        if (Tags.Count > 0 && !Tags.Any(t => session.Tags.Contains(t))) return false;
        if (!string.IsNullOrEmpty(Status))
        {
            bool match = Status switch
            {
                "live" or "interrupted" or "damaged" => SessionStatus.Describes(Status, session),
                // Active is what live and interrupted sessions store; every other word is what the row shows.
                SessionStatus.Active => string.Equals(session.Status, Status, StringComparison.OrdinalIgnoreCase),
                _ => string.Equals(session.DisplayStatus, Status, StringComparison.OrdinalIgnoreCase),
            };
            if (!match) return false;
        }
        return true;
    }

    /// <summary>Filters, sorts by last activity (newest first, unknown times last, then id), and limits.</summary>
    public IReadOnlyList<SessionSummary> Apply(IEnumerable<SessionSummary> sessions)
    {
        var sorted = sessions.Where(Matches)
            .OrderByDescending(s => s.LastActive ?? DateTimeOffset.MinValue)
            .ThenBy(s => s.Id, StringComparer.Ordinal);
        return Limit is int limit ? sorted.Take(Math.Max(0, limit)).ToList() : sorted.ToList();
    }
}
