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
