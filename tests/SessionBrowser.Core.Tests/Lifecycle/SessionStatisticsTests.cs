using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using static SessionBrowser.Core.Tests.Lifecycle.LifecycleFixtures;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class SessionStatisticsTests
{
    private static readonly SessionSummary[] Store =
    [
        Summary("a", SessionStatus.Completed, daysAgo: 0, messages: 10, tokens: 1000, cost: 0.50, model: "kimi-k2", workDir: "/w/app", tags: ["bug", "api"]),
        Summary("b", SessionStatus.Completed, daysAgo: 2, messages: 4, tokens: 300, cost: 0.25, model: "gpt-4o", workDir: "/w/app", tags: ["bug"]),
        Summary("c", SessionStatus.Active, daysAgo: 2, liveness: Liveness.Interrupted, messages: 7, tokens: 700, cost: 1.00, model: "kimi-k2", workDir: "/w/lib"),
        Summary("d", SessionStatus.Active, daysAgo: 0, liveness: Liveness.Live, messages: 1, tokens: 50, cost: 0.05, model: "kimi-k2", workDir: "/w/app"),
        Summary("e", SessionStatus.Paused, daysAgo: 4, messages: 2, tokens: 20, cost: 0.0, model: null, workDir: null, tags: ["api"]),
        Summary("f", SessionStatus.Crashed, daysAgo: 4, messages: 3, tokens: 30, cost: 0.20, model: "gpt-4o", workDir: "/w/lib"),
        Summary("g", "archived", daysAgo: 1, messages: 5, tokens: 5, cost: 0.0),
        Summary("z", damaged: "metadata.json: missing"),
    ];

    [Fact]
    public void Totals_follow_the_reference_formulas()
    {
        var stats = SessionStatistics.Compute(Store);
        var readable = Store.Where(s => s.Damaged is null).ToList();
        // The reference: len(sessions), sums of message_count/total_tokens/total_cost, counts by status,
        // total_cost / total_sessions.
        Assert.Equal(7, stats.TotalSessions);
        Assert.Equal(2, stats.ActiveSessions);
        Assert.Equal(2, stats.CompletedSessions);
        Assert.Equal(32, stats.TotalMessages);
        Assert.Equal(2105, stats.TotalTokens);
        Assert.Equal(2.00, stats.TotalCost, 10);
        Assert.Equal(2.00 / 7, stats.AverageCostPerSession, 10);
        Assert.Equal(readable.Sum(s => s.TotalCost) / readable.Count, stats.AverageCostPerSession, 10);
        Assert.Equal(1, stats.PausedSessions);
        Assert.Equal(1, stats.CrashedSessions);
        Assert.Equal(1, stats.LiveSessions);
        Assert.Equal(1, stats.InterruptedSessions);
        Assert.Equal(1, stats.DamagedSessions);
    }

    [Fact]
    public void Empty_store_has_zero_average()
    {
        var stats = SessionStatistics.Compute([]);
        Assert.Equal(0, stats.TotalSessions);
        Assert.Equal(0, stats.AverageCostPerSession);
        Assert.Empty(stats.ByDay);
    }

    [Fact]
    public void By_model_most_tokens_first_with_unknown_bucket()
    {
        var stats = SessionStatistics.Compute(Store);
        Assert.Equal(
            [new StatisticsBucket("kimi-k2", 4, 23, 1755, 1.55), new StatisticsBucket("gpt-4o", 2, 7, 330, 0.45), new StatisticsBucket("(unknown)", 1, 2, 20, 0)],
            stats.ByModel.Select(b => b with { Cost = Math.Round(b.Cost, 10) }));
    }

    [Fact]
    public void By_tag_counts_a_session_under_each_tag()
    {
        var stats = SessionStatistics.Compute(Store);
        Assert.Equal(["(untagged)", "api", "bug"], stats.ByTag.Select(b => b.Key));
        Assert.Equal([4, 2, 2], stats.ByTag.Select(b => b.Sessions));
        Assert.Equal(12, stats.ByTag.Single(b => b.Key == "api").Messages);
    }

    [Fact]
    public void By_workdir_busiest_first()
    {
        var stats = SessionStatistics.Compute(Store);
        Assert.Equal(["/w/app", "/w/lib", "(unknown)"], stats.ByWorkDir.Select(b => b.Key));
        // g has the fixture's default work dir /w/app
        Assert.Equal([4, 2, 1], stats.ByWorkDir.Select(b => b.Sessions));
    }

    [Fact]
    public void By_day_fills_quiet_days_with_zeros()
    {
        var stats = SessionStatistics.Compute(Store);
        string Day(int daysAgo) => Now.AddDays(-daysAgo).ToLocalTime().ToString("yyyy-MM-dd");
        Assert.Equal([Day(4), Day(3), Day(2), Day(1), Day(0)], stats.ByDay.Select(b => b.Key));
        Assert.Equal([2, 0, 2, 1, 2], stats.ByDay.Select(b => b.Sessions));
        Assert.Equal(stats.TotalMessages, stats.ByDay.Sum(b => b.Messages));
    }

    [Fact]
    public void A_stray_old_timestamp_does_not_make_thousands_of_days()
    {
        var stats = SessionStatistics.Compute([Summary("old", daysAgo: 20_000), Summary("new", daysAgo: 0)]);
        Assert.Equal(2, stats.ByDay.Count);
    }

    private static DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(time.LocalDateTime);

    [Fact]
    public void Recent_days_end_today_with_the_quiet_days_as_zeros()
    {
        var today = Day(Now);
        var recent = SessionStatistics.Compute(Store).RecentDays(today.AddDays(3), 14);
        Assert.True(recent.EndsToday);
        Assert.Equal("last 14 days", recent.Describe());
        Assert.Equal(14, recent.Days.Count);
        Assert.Equal(today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), recent.Days[^1].Key);
        Assert.Equal(0, recent.Days[^1].Sessions);
        Assert.Equal(2, recent.Days[^4].Sessions); // a and d, active on the day of Now
    }

    [Fact]
    public void Recent_days_of_a_store_quiet_for_longer_end_on_its_last_active_day_and_say_so()
    {
        var today = Day(Now);
        var recent = SessionStatistics.Compute(Store).RecentDays(today.AddDays(400), 14);
        Assert.False(recent.EndsToday);
        Assert.Equal(today, recent.End);
        Assert.Equal($"14 days up to the last active day, {today:yyyy-MM-dd}", recent.Describe());
        Assert.Equal(2, recent.Days[^1].Sessions);
    }

    [Fact]
    public void Recent_days_of_times_ahead_of_the_clock_end_on_the_last_active_day()
    {
        var recent = SessionStatistics.Compute(Store).RecentDays(Day(Now).AddDays(-30), 14);
        Assert.Equal(Day(Now), recent.End);
        Assert.False(recent.EndsToday);
    }
}
