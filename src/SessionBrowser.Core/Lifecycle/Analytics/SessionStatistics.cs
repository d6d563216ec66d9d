using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>Sessions, messages, tokens and cost of one group (a day, a model, a tag, a work dir).</summary>
public sealed record StatisticsBucket(string Key, int Sessions, long Messages, long Tokens, double Cost);

/// <summary>
/// Days of activity for a chart: <see cref="Days"/> consecutive days (zeros included) ending on
/// <see cref="End"/>, which is today unless <see cref="EndsToday"/> is false: then nothing was
/// active in the days up to today and they end on the last active day instead.
/// </summary>
public sealed record RecentActivity(DateOnly End, bool EndsToday, IReadOnlyList<StatisticsBucket> Days)
{
    /// <summary>A chart's title: "last 14 days", or "14 days up to the last active day, 2025-01-02".</summary>
    public string Describe() => EndsToday
        ? $"last {Days.Count} days"
        : $"{Days.Count} days up to the last active day, {End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}

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

    /// <summary>
    /// The <paramref name="count"/> days ending <paramref name="today"/> (the local calendar day),
    /// or, when no session was active in them (a store last used long ago, or times ahead of the
    /// clock), the <paramref name="count"/> days ending on the last active day.
    /// </summary>
    public RecentActivity RecentDays(DateOnly today, int count)
    {
        var byKey = ByDay.ToDictionary(b => b.Key, StringComparer.Ordinal);
        DateOnly end = today;
        if (ByDay.Count > 0 && DateOnly.TryParse(ByDay[^1].Key, System.Globalization.CultureInfo.InvariantCulture, out var last)
            && (last <= today.AddDays(-count) || last > today))
            end = last;
        var days = new List<StatisticsBucket>(count);
        for (var day = end.AddDays(1 - count); day <= end; day = day.AddDays(1))
        {
            string key = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            days.Add(byKey.GetValueOrDefault(key) ?? new StatisticsBucket(key, 0, 0, 0, 0));
        }
        return new RecentActivity(end, end == today, days);
    }

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
