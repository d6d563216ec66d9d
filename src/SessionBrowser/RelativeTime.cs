using System.Globalization;

namespace SessionBrowser;

/// <summary>
/// "14 minutes ago", "yesterday", "3 months ago": Humanizer's default wording and thresholds for
/// English, written out because Humanizer's first call builds every culture's formatter and costs
/// ~130 ms, more than half of the browser's first-frame budget and of a <c>list</c>.
/// </summary>
public static class RelativeTime
{
    public static string Describe(DateTimeOffset time, DateTimeOffset now)
    {
        var span = (now - time).Duration();
        bool future = time > now;
        if (span.TotalMilliseconds < 500) return "now";
        if (span.TotalSeconds < 60) return Say(span.Seconds, "second", future);
        if (span.TotalSeconds < 120) return Say(1, "minute", future);
        if (span.TotalMinutes < 60) return Say(span.Minutes, "minute", future);
        if (span.TotalMinutes < 90) return Say(1, "hour", future);
        if (span.TotalHours < 24) return Say(span.Hours, "hour", future);
        if (span.TotalHours < 48)
        {
            // By calendar date: 30 hours back across two midnights is "2 days ago".
            int days = Math.Abs((time.Date - now.Date).Days);
            return Say(days, "day", future);
        }
        if (span.TotalDays < 28) return Say(span.Days, "day", future);
        if (span.TotalDays < 30)
            return now.Date.AddMonths(future ? 1 : -1) == time.Date ? Say(1, "month", future) : Say(span.Days, "day", future);
        if (span.TotalDays < 345) return Say((int)Math.Floor(span.TotalDays / 29.5), "month", future);
        return Say(Math.Max(1, (int)Math.Floor(span.TotalDays / 365)), "year", future);
    }

    private static string Say(int count, string unit, bool future) => (count, unit) switch
    {
        (0, _) => "now",
        (1, "day") => future ? "tomorrow" : "yesterday",
        (1, "hour") => future ? "an hour from now" : "an hour ago",
        (1, "minute") => future ? "a minute from now" : "a minute ago",
        (1, _) => $"one {unit} " + (future ? "from now" : "ago"),
        _ => count.ToString(CultureInfo.InvariantCulture) + $" {unit}s " + (future ? "from now" : "ago"),
    };
}
