using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using static SessionBrowser.Core.Tests.Lifecycle.LifecycleFixtures;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class CleanupPlannerTests
{
    // Every kind of session a store holds; the expected lists below are worked out by hand.
    private static readonly SessionSummary[] Store =
    [
        Summary("c-new", daysAgo: 2),
        Summary("c-29", daysAgo: 29.9),
        Summary("c-31", daysAgo: 31),
        Summary("c-90", daysAgo: 90),
        Summary("c-400", daysAgo: 400),
        Summary("p-60", SessionStatus.Paused, daysAgo: 60),
        Summary("x-45", SessionStatus.Crashed, daysAgo: 45),
        Summary("live", SessionStatus.Active, daysAgo: 100, liveness: Liveness.Live),
        Summary("intr", SessionStatus.Active, daysAgo: 100, liveness: Liveness.Interrupted),
        Summary("dmg", daysAgo: 100, damaged: "metadata.json: not JSON"),
        Summary("notime", noTimes: true),
        Summary("live-c", SessionStatus.Completed, daysAgo: 100, liveness: Liveness.Live),
    ];

    private static CleanupPlan Plan(RetentionPolicy policy) => CleanupPlanner.Plan(Store, policy, Now, s => s.Id.Length * 100L);

    private static string[] Ids(CleanupPlan plan) => plan.Candidates.Select(c => c.Session.Id).ToArray();

    [Fact]
    public void Default_policy_takes_completed_sessions_inactive_30_days_oldest_first()
    {
        var plan = Plan(RetentionPolicy.Default);
        Assert.Equal(["c-400", "c-90", "c-31"], Ids(plan));
        Assert.Equal(TimeSpan.FromDays(400), plan.Candidates[0].Age);
        Assert.Equal(500, plan.Candidates[0].SizeBytes);
        Assert.Equal(1300, plan.TotalBytes);
        Assert.All(plan.Candidates, c => Assert.Contains("30d", c.Reason));
    }

    [Fact]
    public void Live_interrupted_damaged_and_undated_sessions_are_never_candidates()
    {
        var everything = RetentionPolicy.Default with { Status = null, OlderThan = new RetentionDuration(1, 'h'), MaxCount = 1 };
        var plan = Plan(everything);
        Assert.DoesNotContain(plan.Candidates, c => c.Session.Id is "live" or "intr" or "dmg" or "notime" or "live-c");
        Assert.Equal(["live", "intr", "dmg", "notime", "live-c"], plan.Exempt.Select(e => e.Session.Id));
        Assert.Equal([ExemptionKind.Live, ExemptionKind.Interrupted, ExemptionKind.Damaged, ExemptionKind.UnknownAge, ExemptionKind.Live],
            plan.Exempt.Select(e => e.Kind));
        Assert.Contains("live", plan.Exempt[0].Reason);
        Assert.Contains("interrupted", plan.Exempt[1].Reason);
        Assert.Contains("damaged", plan.Exempt[2].Reason);
    }

    [Fact]
    public void Any_status_with_an_age_limit()
    {
        var plan = Plan(new RetentionPolicy { OlderThan = new RetentionDuration(6, 'w') });
        // 42 days: c-400, c-90, p-60, x-45 (c-31 is younger)
        Assert.Equal(["c-400", "c-90", "p-60", "x-45"], Ids(plan));
    }

    [Fact]
    public void Max_count_keeps_the_most_recent_matching_sessions()
    {
        var plan = Plan(new RetentionPolicy { MaxCount = 2, Status = SessionStatus.Completed });
        // completed, eligible, newest first: c-new, c-29, c-31, c-90, c-400 -> keep two
        Assert.Equal(["c-400", "c-90", "c-31"], Ids(plan));
        Assert.All(plan.Candidates, c => Assert.Contains("beyond the 2 most recent", c.Reason));
    }

    [Fact]
    public void Age_and_count_combine_as_either()
    {
        var plan = Plan(new RetentionPolicy { OlderThan = new RetentionDuration(2, 'm'), MaxCount = 4, Status = SessionStatus.Completed });
        // age 60 days takes c-90, c-400; count 4 takes c-400 too: union
        Assert.Equal(["c-400", "c-90"], Ids(plan));
        Assert.Contains(";", plan.Candidates[0].Reason);
    }

    [Fact]
    public void Status_filter()
    {
        Assert.Equal(["x-45"], Ids(Plan(RetentionPolicy.Default with { Status = SessionStatus.Crashed })));
        Assert.Equal(["p-60"], Ids(Plan(RetentionPolicy.Default with { Status = SessionStatus.Paused })));
    }

    [Theory]
    [InlineData(null, null, "an age")]
    [InlineData(null, 0, "at least 1")]
    [InlineData("30d", -3, "at least 1")]
    public void Invalid_policies_are_errors(string? age, int? count, string reason)
    {
        var policy = new RetentionPolicy { OlderThan = age is null ? null : RetentionDuration.Parse(age), MaxCount = count };
        Assert.Contains(reason, policy.Validate());
        Assert.Throws<ArgumentException>(() => Plan(policy));
    }

    [Fact]
    public void Active_status_is_an_error_not_an_empty_plan()
    {
        var policy = RetentionPolicy.Default with { Status = SessionStatus.Active };
        Assert.Contains("never cleaned up", policy.Validate());
    }
}
