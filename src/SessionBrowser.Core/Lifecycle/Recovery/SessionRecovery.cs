using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// What the crash-recovery prompt shows for one interrupted session (status active, nobody
/// holds the lock): its title, last activity, progress, current task, latest snapshot, and
/// who held the lock last (from the lock file; null when the writer left no record).
/// </summary>
public sealed record InterruptedSession(
    SessionSummary Session,
    int? LatestSnapshotStep,
    string? LatestSnapshotTimestamp,
    LockHolder? LastHolder)
{
    public string Id => Session.Id;
    public string Title => Session.Title;
    public string? Description => Session.Description;
    public DateTimeOffset? LastActive => Session.LastActive;
    public double Progress => Session.Progress;
    public string? CurrentTask => Session.CurrentTask;
}

/// <summary>What resuming needs: the session, its latest readable snapshot (the state to continue from) and the command.</summary>
public sealed record ResumeInfo(SessionSummary Session, Snapshot? LatestSnapshot, ResumeCommand? Command);

/// <summary>
/// The reference's SessionRecovery for the native store: finds interrupted sessions and offers
/// resume, mark crashed and ignore. "Ignore" is remembered per store in
/// <c>.recovery-ignore.json</c> in the store root, tied to the session's last activity: if the
/// session is resumed and interrupted again later, it is asked about again.
/// </summary>
public sealed class SessionRecovery(NativeStore store, TimeProvider? clock = null)
{
    public const string IgnoreFile = ".recovery-ignore.json";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private string IgnorePath => Path.Combine(store.Root, IgnoreFile);

    /// <summary>Interrupted sessions, newest activity first; ignored ones only when asked for.</summary>
    public IReadOnlyList<InterruptedSession> FindInterrupted(bool includeIgnored = false, CancellationToken cancellationToken = default) =>
        Interrupted(store.List(cancellationToken), includeIgnored);

    /// <summary>
    /// <see cref="FindInterrupted(bool, CancellationToken)"/> among <paramref name="candidateIds"/> only:
    /// the sessions a search index has as active (only those can be interrupted), each read again
    /// now, so 10,000 sessions cost a few hundred reads, not 10,000.
    /// </summary>
    public IReadOnlyList<InterruptedSession> FindInterrupted(IEnumerable<string> candidateIds, bool includeIgnored = false,
        CancellationToken cancellationToken = default) =>
        Interrupted(candidateIds.Select(id =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return store.Find(id);
        }).OfType<SessionSummary>(), includeIgnored);

    private List<InterruptedSession> Interrupted(IEnumerable<SessionSummary> sessions, bool includeIgnored)
    {
        var ignored = includeIgnored ? [] : ReadIgnored();
        return new SessionQuery { Status = "interrupted", IncludeDamaged = false }
            .Apply(sessions)
            .Where(s => !(ignored.TryGetValue(s.Id, out var entry) && entry.LastActive == s.Metadata?.LastActive))
            .Select(Describe)
            .ToList();
    }

    /// <summary>The prompt's details for one session (whether or not it is interrupted).</summary>
    public InterruptedSession Describe(SessionSummary session)
    {
        var latest = store.ListSnapshots(session.Id).LastOrDefault(s => s.Label is null);
        return new InterruptedSession(session, latest?.Step, latest?.Timestamp, store.ProbeLock(session.Id).LastHolder);
    }

    /// <summary>The reference's recover_session: the session, its latest snapshot and how to resume it. Changes nothing.</summary>
    public ResumeInfo Resume(string id)
    {
        var session = store.Find(id) ?? throw new KeyNotFoundException($"no native session {id}");
        if (session.Damaged is not null) throw new SessionDamagedException(id, session.Damaged);
        return new ResumeInfo(session, store.LatestSnapshot(id), store.ResumeCommandFor(id));
    }

    /// <summary>Marks the session crashed, so it is no longer offered (a live session is refused).</summary>
    public void MarkCrashed(string id)
    {
        using var writer = store.TryOpenWriter(id) ?? throw SessionTrash.Live(store.Find(id)!, store.ProbeLock(id).LastHolder);
        writer.Update(m => m.Status = SessionStatus.Crashed, touch: false);
    }

    /// <summary>"Don't ask again" for this session (until it has new activity).</summary>
    public void Ignore(string id)
    {
        var session = store.Find(id) ?? throw new KeyNotFoundException($"no native session {id}");
        var ignored = ReadIgnored();
        ignored[id] = (session.Metadata?.LastActive ?? "", Timestamps.Now(_clock));
        WriteIgnored(ignored);
    }

    public void Unignore(string id)
    {
        SessionIds.Validate(id);
        var ignored = ReadIgnored();
        if (ignored.Remove(id)) WriteIgnored(ignored);
    }

    /// <summary>Ids the user said not to ask about again.</summary>
    public IReadOnlyCollection<string> Ignored() => ReadIgnored().Keys;

    private Dictionary<string, (string LastActive, string IgnoredAt)> ReadIgnored()
    {
        var result = new Dictionary<string, (string LastActive, string IgnoredAt)>(StringComparer.Ordinal);
        if (JsonFile.TryRead(IgnorePath).Node is JsonObject { } obj && obj["ignored"] is JsonArray list)
        {
            foreach (var entry in list.OfType<JsonObject>())
                if (NativeJson.String(entry, "id") is { } id && SessionIds.IsValid(id))
                    result[id] = (NativeJson.String(entry, "last_active") ?? "", NativeJson.String(entry, "ignored_at") ?? "");
        }
        return result;
    }

    private void WriteIgnored(Dictionary<string, (string LastActive, string IgnoredAt)> ignored)
    {
        var list = new JsonArray();
        foreach (var (id, entry) in ignored.OrderBy(p => p.Key, StringComparer.Ordinal))
            list.Add((JsonNode?)new JsonObject { ["id"] = id, ["last_active"] = entry.LastActive, ["ignored_at"] = entry.IgnoredAt });
        Directory.CreateDirectory(store.Root);
        JsonFile.Write(IgnorePath, new JsonObject { ["ignored"] = list });
    }
}
