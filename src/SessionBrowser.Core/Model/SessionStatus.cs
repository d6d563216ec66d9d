namespace SessionBrowser.Core.Model;

/// <summary>
/// The status strings of FORMATS.md §1. Status stays a string everywhere because stores may
/// hold values we do not know; those are shown as they are, never rejected.
/// </summary>
public static class SessionStatus
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Crashed = "crashed";

    public static bool IsKnown(string? status) =>
        status is Active or Paused or Completed or Crashed;

    /// <summary>The stored statuses, for error messages that list what is valid.</summary>
    public static readonly IReadOnlyList<string> Known = [Active, Paused, Completed, Crashed];

    /// <summary>
    /// The words a list row shows (<see cref="SessionSummary.DisplayStatus"/>), which a status
    /// filter accepts; "active" stays accepted and means live or interrupted.
    /// </summary>
    public static readonly IReadOnlyList<string> Shown = ["live", "interrupted", Paused, Completed, Crashed, "damaged"];

    /// <summary>
    /// The words that say what a session is at this moment rather than what its files store: a
    /// lock held (live), a lock abandoned (interrupted), unreadable (damaged).
    /// </summary>
    public static readonly IReadOnlyList<string> OfTheMoment = ["live", "interrupted", "damaged"];

    /// <summary>Every word a search's <c>status:</c> accepts: the stored statuses and those of the moment.</summary>
    public static readonly IReadOnlyList<string> Searchable = [.. Known, .. OfTheMoment];

    /// <summary>
    /// Whether a search's status word describes the session: a word of the moment by the session's
    /// state now, a stored status by what the session stores (a paused session that is damaged
    /// is still found by "paused").
    /// </summary>
    public static bool Describes(string word, SessionSummary session) => word.ToLowerInvariant() switch
    {
        "live" => session.Liveness == Liveness.Live,
        "interrupted" => session.Liveness == Liveness.Interrupted,
        "damaged" => session.Damaged is not null,
        var stored => string.Equals(session.Status, stored, StringComparison.OrdinalIgnoreCase),
    };
}

/// <summary>Whether a process holds the session's lock right now.</summary>
public enum Liveness
{
    /// <summary>Nobody holds the lock and the status does not claim activity.</summary>
    Idle,
    /// <summary>Another process holds the lock: the session is being written.</summary>
    Live,
    /// <summary>Status is active but nobody holds the lock: the writer died.</summary>
    Interrupted,
}
