using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>Sessions, messages, tokens and cost of one group (a day, a model, a tag, a work dir).</summary>
public sealed record StatisticsBucket(string Key, int Sessions, long Messages, long Tokens, double Cost);

/// <summary>
/// The reference's SessionAnalytics figures plus breakdowns. Totals follow its formulas exactly:
/// sums over every readable session, "active" and "completed" by status string, and average cost
/// = total cost / total sessions (0 when there are none). Unlike the reference it does not stop
/// at 1,000 sessions, and damaged sessions (no readable metadata) are counted apart rather than
/// crashing the report.
/// </summary>
public sealed record SessionStatistics
{
    public int TotalSessions { get; init; }
    public int ActiveSessions { get; init; }
    public int CompletedSessions { get; init; }
    public int PausedSessions { get; init; }
    public int CrashedSessions { get; init; }
    /// <summary>Of the active ones: a writer holds the lock right now.</summary>
    public int LiveSessions { get; init; }
    /// <summary>Of the active ones: nobody holds the lock (the recovery prompt's list).</summary>
    public int InterruptedSessions { get; init; }
    public int DamagedSessions { get; init; }
    public long TotalMessages { get; init; }
    public long TotalTokens { get; init; }
    public double TotalCost { get; init; }
    public double AverageCostPerSession { get; init; }

    /// <summary>By local calendar day of last activity, oldest first, days without activity included as zeros.</summary>
    public IReadOnlyList<StatisticsBucket> ByDay { get; init; } = [];
    /// <summary>By model, most tokens first.</summary>
    public IReadOnlyList<StatisticsBucket> ByModel { get; init; } = [];
    /// <summary>By tag (a session counts under each of its tags; "(untagged)" for none), most sessions first.</summary>
    public IReadOnlyList<StatisticsBucket> ByTag { get; init; } = [];
    /// <summary>By work dir, busiest (most sessions, then messages) first.</summary>
    public IReadOnlyList<StatisticsBucket> ByWorkDir { get; init; } = [];

    public const string Untagged = "(untagged)";
    public const string Unknown = "(unknown)";
    private const int MaxFilledDays = 366;

    public static SessionStatistics Compute(IEnumerable<SessionSummary> sessions)
    {
        var readable = new List<SessionSummary>();
        int damaged = 0;
        foreach (var session in sessions)
        {
            if (session.Damaged is not null) damaged++;
            else readable.Add(session);
        }

        int total = readable.Count;
        double cost = readable.Sum(s => s.TotalCost);
        return new SessionStatistics
        {
            TotalSessions = total,
            ActiveSessions = readable.Count(s => s.Status == SessionStatus.Active),
            CompletedSessions = readable.Count(s => s.Status == SessionStatus.Completed),
            PausedSessions = readable.Count(s => s.Status == SessionStatus.Paused),
            CrashedSessions = readable.Count(s => s.Status == SessionStatus.Crashed),
            LiveSessions = readable.Count(s => s.Liveness == Liveness.Live),
            InterruptedSessions = readable.Count(s => s.Liveness == Liveness.Interrupted),
            DamagedSessions = damaged,
            TotalMessages = readable.Sum(s => (long)s.MessageCount),
            TotalTokens = readable.Sum(s => s.TotalTokens),
            TotalCost = cost,
            AverageCostPerSession = total > 0 ? cost / total : 0,
            ByDay = Days(readable),
            ByModel = Group(readable, s => [Name(s.Model)]).OrderByDescending(b => b.Tokens).ThenBy(b => b.Key, StringComparer.Ordinal).ToList(),
            ByTag = Group(readable, s => s.Tags.Count == 0 ? [Untagged] : s.Tags.Distinct()).OrderByDescending(b => b.Sessions).ThenBy(b => b.Key, StringComparer.Ordinal).ToList(),
            ByWorkDir = Group(readable, s => [Name(s.WorkDir)]).OrderByDescending(b => b.Sessions).ThenByDescending(b => b.Messages).ThenBy(b => b.Key, StringComparer.Ordinal).ToList(),
        };
    }

    private static string Name(string? value) => string.IsNullOrWhiteSpace(value) ? Unknown : value;

    private static List<StatisticsBucket> Group(IEnumerable<SessionSummary> sessions, Func<SessionSummary, IEnumerable<string>> keys)
    {
        var buckets = new Dictionary<string, StatisticsBucket>(StringComparer.Ordinal);
        foreach (var session in sessions)
        {
            foreach (string key in keys(session))
            {
                var b = buckets.GetValueOrDefault(key) ?? new StatisticsBucket(key, 0, 0, 0, 0);
                buckets[key] = b with
                {
                    Sessions = b.Sessions + 1,
                    Messages = b.Messages + session.MessageCount,
                    Tokens = b.Tokens + session.TotalTokens,
                    Cost = b.Cost + session.TotalCost,
                };
            }
        }
        return [.. buckets.Values];
    }

    private static List<StatisticsBucket> Days(List<SessionSummary> sessions)
    {
        var dated = sessions.Where(s => s.LastActive is not null).ToList();
        if (dated.Count == 0) return [];
        var byDay = Group(dated, s => [Day(s.LastActive!.Value)]).ToDictionary(b => b.Key);
        var first = DateOnly.Parse(byDay.Keys.Min()!, System.Globalization.CultureInfo.InvariantCulture);
        var last = DateOnly.Parse(byDay.Keys.Max()!, System.Globalization.CultureInfo.InvariantCulture);
        // Zero days make a chart honest, but a stray timestamp from 1970 must not make 20,000 rows.
        if (last.DayNumber - first.DayNumber > MaxFilledDays)
            return [.. byDay.Values.OrderBy(b => b.Key, StringComparer.Ordinal)];
        var days = new List<StatisticsBucket>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            string key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            days.Add(byDay.GetValueOrDefault(key) ?? new StatisticsBucket(key, 0, 0, 0, 0));
        }
        return days;
    }

    private static string Day(DateTimeOffset time) =>
        time.ToLocalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
