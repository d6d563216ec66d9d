using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>One session a cleanup would remove, with what the confirmation shows.</summary>
public sealed record CleanupCandidate(SessionSummary Session, TimeSpan Age, long SizeBytes, string Reason);

/// <summary>Why a session is never a cleanup candidate.</summary>
public enum ExemptionKind { Live, Interrupted, Damaged, UnknownAge }

/// <summary>A session that matches the policy's status but is kept, and why.</summary>
public sealed record CleanupExemption(SessionSummary Session, ExemptionKind Kind, string Reason);

public sealed record CleanupPlan(RetentionPolicy Policy, IReadOnlyList<CleanupCandidate> Candidates, IReadOnlyList<CleanupExemption> Exempt)
{
    public long TotalBytes => Candidates.Sum(c => c.SizeBytes);
}

/// <summary>
/// Decides what a retention policy removes. Pure: it only reads the summaries it is given (and
/// sizes through the callback), so the command line, the browser and tests share one rule.
/// Live sessions (a writer holds the lock), interrupted ones (status active, nobody holds the
/// lock: the recovery prompt's business) and damaged ones are never candidates.
/// </summary>
public static class CleanupPlanner
{
    public static CleanupPlan Plan(
        IEnumerable<SessionSummary> sessions, RetentionPolicy policy, DateTimeOffset now, Func<SessionSummary, long> sizeOf)
    {
        if (policy.Validate() is { } error) throw new ArgumentException(error, nameof(policy));

        var exempt = new List<CleanupExemption>();
        var eligible = new List<(SessionSummary Session, DateTimeOffset LastActive)>();
        foreach (var session in sessions)
        {
            if (policy.Status is not null && session.Status != policy.Status) continue;
            if (Exemption(session) is { } exemption)
            {
                exempt.Add(exemption);
                continue;
            }
            eligible.Add((session, (session.LastActive ?? session.CreatedAt)!.Value));
        }

        // Newest first, so index i is "the (i+1)th most recent" for the count limit; id breaks ties
        // so the plan does not depend on listing order.
        eligible.Sort((a, b) =>
        {
            int byTime = b.LastActive.CompareTo(a.LastActive);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.Session.Id, b.Session.Id);
        });

        var cutoff = policy.OlderThan is { } age ? now - age.ToTimeSpan() : (DateTimeOffset?)null;
        var candidates = new List<CleanupCandidate>();
        for (int i = 0; i < eligible.Count; i++)
        {
            var (session, lastActive) = eligible[i];
            var reasons = new List<string>();
            if (cutoff is { } c && lastActive < c) reasons.Add($"inactive for more than {policy.OlderThan}");
            if (policy.MaxCount is { } max && i >= max) reasons.Add($"beyond the {max} most recent");
            if (reasons.Count == 0) continue;
            candidates.Add(new CleanupCandidate(session, now - lastActive, sizeOf(session), string.Join("; ", reasons)));
        }
        // Oldest first reads naturally in a "what goes" list.
        candidates.Reverse();
        return new CleanupPlan(policy, candidates, exempt);
    }

    private static CleanupExemption? Exemption(SessionSummary session)
    {
        if (session.Damaged is not null) return new(session, ExemptionKind.Damaged, $"damaged ({session.Damaged})");
        if (session.Liveness == Liveness.Live) return new(session, ExemptionKind.Live, "live: a process is writing it");
        if (session.Liveness == Liveness.Interrupted || session.Status == SessionStatus.Active)
            return new(session, ExemptionKind.Interrupted, "interrupted: offered by recover, not cleaned up");
        if (session.LastActive is null && session.CreatedAt is null) return new(session, ExemptionKind.UnknownAge, "its age is unknown");
        return null;
    }
}
