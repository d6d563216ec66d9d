using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// Which sessions a cleanup may remove. A session goes when its status matches and it is
/// either inactive longer than <see cref="OlderThan"/> or beyond the <see cref="MaxCount"/>
/// most recently active matching sessions (Gemini's maxAge / maxCount, combined the same way).
/// </summary>
public sealed record RetentionPolicy
{
    /// <summary>The reference's policy: completed sessions inactive for 30 days.</summary>
    public static RetentionPolicy Default { get; } = new()
    {
        OlderThan = new RetentionDuration(30, 'd'),
        Status = SessionStatus.Completed,
    };

    public RetentionDuration? OlderThan { get; init; }

    /// <summary>Keep at most this many matching sessions (the most recently active ones).</summary>
    public int? MaxCount { get; init; }

    /// <summary>Only sessions with this status; null means any status.</summary>
    public string? Status { get; init; }

    /// <summary>The word for "any status" on the command line and in the settings file.</summary>
    public const string AnyStatus = "any";

    /// <summary>Null when the policy can be applied, else the one-line reason it cannot.</summary>
    public string? Validate()
    {
        if (OlderThan is null && MaxCount is null)
            return "the cleanup policy needs an age (--older-than) or a count (--max-count)";
        if (MaxCount is < 1)
            return $"--max-count must be at least 1 (got {MaxCount})";
        if (Status is not null && string.IsNullOrWhiteSpace(Status))
            return "--status must name a status";
        if (Status is SessionStatus.Active or "live" or "interrupted")
            return "active sessions are live or interrupted and are never cleaned up; use recover for interrupted ones";
        if (Status is not null && !SessionStatus.IsKnown(Status))
            return $"unknown status '{Status}' (use {SessionStatus.Completed}, {SessionStatus.Paused}, {SessionStatus.Crashed} or {AnyStatus})";
        return null;
    }

    public override string ToString()
    {
        var parts = new List<string> { Status is null ? "any status" : $"status {Status}" };
        var limits = new List<string>();
        if (OlderThan is { } age) limits.Add($"inactive for more than {age}");
        if (MaxCount is { } count) limits.Add($"beyond the {count} most recent");
        parts.Add(string.Join(" or ", limits));
        return string.Join(", ", parts);
    }
}
