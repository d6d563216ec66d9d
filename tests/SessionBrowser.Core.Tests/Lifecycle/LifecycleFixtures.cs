using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Tests.Lifecycle;

/// <summary>Session summaries built by hand, for the pure lifecycle rules.</summary>
internal static class LifecycleFixtures
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SessionSummary Summary(
        string id, string status = SessionStatus.Completed, double daysAgo = 0, Liveness liveness = Liveness.Idle,
        int messages = 0, long tokens = 0, double cost = 0, string? model = "kimi-k2", string? workDir = "/w/app",
        string[]? tags = null, string? damaged = null, bool noTimes = false) => new()
    {
        Ref = new SessionRef("native", id),
        Title = $"Session {id}",
        Status = status,
        Liveness = liveness,
        CreatedAt = noTimes ? null : Now.AddDays(-daysAgo - 1),
        LastActive = noTimes ? null : Now.AddDays(-daysAgo),
        MessageCount = messages,
        TotalTokens = tokens,
        TotalCost = cost,
        Model = model,
        WorkDir = workDir,
        Tags = tags ?? [],
        Damaged = damaged,
        Path = $"/store/{id}",
    };
}
