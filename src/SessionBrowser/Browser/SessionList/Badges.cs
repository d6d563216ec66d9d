using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>
/// The one word the list shows for a session's state. Damage and the lock outrank the status
/// field: a session that claims "active" while nobody writes it is interrupted, not active.
/// </summary>
public static class Badges
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Crashed = "crashed";
    public const string Interrupted = "interrupted";
    public const string Live = "live";
    public const string Damaged = "damaged";

    /// <summary>The filter cycle order.</summary>
    public static readonly IReadOnlyList<string> All = [Active, Paused, Completed, Crashed, Interrupted, Live, Damaged];

    public static string Of(SessionSummary s) => s.DisplayStatus;

    /// <summary>Status filters match the badge, and "active" also matches live sessions.</summary>
    public static bool Matches(SessionSummary s, string filter)
    {
        var badge = Of(s);
        return badge == filter || (filter == Active && badge == Live);
    }
}
