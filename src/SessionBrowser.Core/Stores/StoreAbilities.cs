using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

// What a source can do beyond listing and reading is said by the interfaces it implements, never
// by its type: callers ask `store is IRenamableStore renamable` (see StoreAbilities.As) and offer
// the key or command only then; "rename is not possible for opencode sessions" comes from
// StoreAbilities.Missing, not from a type check. Only a source's own folder and its registration
// line name its concrete type.

/// <summary>
/// A source whose sessions can be moved to the trash. The trash calls, in order:
/// <see cref="Claim"/> (hold off writers while it works), <see cref="PlanDelete"/> (what goes),
/// moves <see cref="DeletePlan.Files"/> into the entry, then <see cref="RemoveRecords"/> (index
/// lines, database rows: written first into the entry's keep folder so undo is exact). Undo puts
/// the files back and calls <see cref="RestoreRecords"/> with the same keep folder.
/// </summary>
public interface IDeletableStore
{
    /// <summary>
    /// Everything that belongs to the session, for the confirmation and the trash: files and folders
    /// (moved, links as links) and records inside shared files (described, removed by <see cref="RemoveRecords"/>).
    /// Throws <see cref="SessionRefusedException"/> when the session cannot be deleted now (live, locked by its agent).
    /// </summary>
    DeletePlan PlanDelete(string id);

    /// <summary>
    /// Held while the session is deleted or restored, so its agent (or another of our processes)
    /// cannot start writing it meanwhile; null when the source has no such lock. Throws
    /// <see cref="SessionRefusedException"/> when the agent holds it.
    /// </summary>
    IDisposable? Claim(string id) => null;

    /// <summary>
    /// True when a <see cref="Claim"/> held (not null) proves that no writer is at work, so a row a
    /// listing read moments ago need not be read again before its session is deleted (native: the
    /// claim is its writers' own lock). False for sources whose liveness has other signs.
    /// </summary>
    bool ClaimExcludesWriters => false;

    /// <summary>
    /// Removes the session's records that live inside shared files or databases, after its files
    /// were moved. Everything undo needs is written into <paramref name="keepFolder"/> first.
    /// </summary>
    void RemoveRecords(string id, string keepFolder) { }

    /// <summary>
    /// <see cref="RemoveRecords(string, string)"/> for many sessions at once (a cleanup): a source
    /// whose records share one file changes it once here.
    /// </summary>
    void RemoveRecords(IReadOnlyList<(string Id, string KeepFolder)> sessions)
    {
        foreach (var (id, keepFolder) in sessions) RemoveRecords(id, keepFolder);
    }

    /// <summary>Puts back what <see cref="RemoveRecords"/> kept, after the files were restored.</summary>
    void RestoreRecords(string id, string keepFolder) { }

    /// <summary>
    /// Whether <paramref name="path"/> (absolute) is a place this source keeps sessions in: the
    /// trash writes nowhere else on restore, whatever a trash record says.
    /// </summary>
    bool Owns(string path);
}

/// <summary>What a delete takes: paths that move to the trash, and records removed from shared files (described for the user).</summary>
public sealed record DeletePlan(IReadOnlyList<string> Files, IReadOnlyList<string> Records)
{
    public static DeletePlan OfFiles(IReadOnlyList<string> files) => new(files, []);
}

/// <summary>A source whose sessions can be given a title the agent itself then shows.</summary>
public interface IRenamableStore
{
    /// <summary>Sets the title the way the agent does (an appended line, an atomic rewrite, a transaction).</summary>
    void Rename(string id, string title);
}

/// <summary>A source whose sessions carry tags.</summary>
public interface ITaggableStore
{
    /// <summary>Applies <paramref name="change"/> to the session's tags as stored now (under its lock) and returns the tags saved.</summary>
    IReadOnlyList<string> ChangeTags(string id, Func<IReadOnlyList<string>, IReadOnlyList<string>> change);
}

/// <summary>A source with snapshots (or checkpoints) per session.</summary>
public interface ISnapshotStore
{
    /// <summary>Snapshots (or checkpoints) in step order.</summary>
    IReadOnlyList<SnapshotInfo> ListSnapshots(string id);

    /// <summary>What snapshot <paramref name="step"/> holds, as the timeline shows it; null when it is gone. Throws <see cref="InvalidDataException"/> when it is damaged.</summary>
    JsonNode? SnapshotState(string id, int step);
}

/// <summary>
/// A source whose sessions can turn live without their files changing (a writer takes the
/// session's lock): a cached list row of such a session is read again before it is trusted.
/// </summary>
public interface ILiveSessions
{
    /// <summary>Whether a writer may hold the session right now (cheap: a lock probe, no file read).</summary>
    bool MayBeLive(string id);
}

/// <summary>
/// A source whose list rows hold values of the moment (who runs a session now, what its agent
/// deletes at its next start): the index keeps the facts they come from (e.g.
/// <see cref="SessionSummary.WrittenAt"/>), never the values as they were, and a row read from
/// it is brought to this moment here, so a warm list is right tomorrow without reading a file.
/// </summary>
public interface IMomentarySummaries
{
    /// <summary>Reads once what every row shares (running processes, settings, the time); the function then costs a row a lookup.</summary>
    Func<SessionSummary, SessionSummary> AtThisMoment();
}

/// <summary>
/// A source whose agent deletes old sessions by itself (Claude's cleanupPeriodDays, Gemini's
/// retention): what the policy is, so the list can flag sessions at risk and <c>at-risk</c> can list them.
/// </summary>
public interface IRetentionAware
{
    /// <summary>The agent's policy as a person reads it ("Claude deletes sessions older than 30 days at start-up"); null when it deletes nothing.</summary>
    string? RetentionPolicy { get; }
}

/// <summary>A session the source will not let us change now, and why, in words for the user.</summary>
public class SessionRefusedException(string message) : InvalidOperationException(message);

/// <summary>A live session (its agent or another process is writing it) was asked to be changed, deleted or rewound.</summary>
public sealed class LiveSessionException(string message) : SessionRefusedException(message);

/// <summary>Asking a store for an ability, with the user's words when it has none.</summary>
public static class StoreAbilities
{
    /// <summary>The ability, or a <see cref="SessionRefusedException"/> saying "rename is not possible for opencode sessions".</summary>
    public static T Require<T>(this ISessionStore store, string action) where T : class =>
        store as T ?? throw new SessionRefusedException(Missing(store, action));

    /// <summary>The session's snapshots (or checkpoints) in step order; none for a source without them.</summary>
    public static IReadOnlyList<SnapshotInfo> Snapshots(this ISessionStore store, string id) =>
        store is ISnapshotStore snapshots ? snapshots.ListSnapshots(id) : [];

    /// <summary>"rename is not possible for opencode sessions".</summary>
    public static string Missing(ISessionStore store, string action) => $"{action} is not possible for {store.Source} sessions";
}
