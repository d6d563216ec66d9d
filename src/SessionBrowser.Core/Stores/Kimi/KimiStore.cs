using System.Collections.Concurrent;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// Kimi CLI's sessions (AGENT-FORMATS.md, Kimi CLI): <c>${KIMI_SHARE_DIR:-~/.kimi}/sessions/
/// &lt;md5 of the work dir&gt;/&lt;uuid&gt;/</c> with context.jsonl (the messages), wire.jsonl (times,
/// tokens, the first prompt) and state.json (custom title, archived), plus the legacy
/// <c>&lt;uuid&gt;.jsonl</c> files. Listed by Kimi's rules: its title rule, and sessions Kimi
/// considers empty hidden. This folder is also the native store's default; the two never claim
/// the same folder (see <see cref="KimiLayout.IsWorkDirFolder"/>).
/// Writes only what Kimi's own web server writes: custom_title (rename) and, on delete,
/// last_session_id in kimi.json; the session folder itself goes to our trash.
/// </summary>
public sealed class KimiStore : ISessionStore, IStampedStore, ISeekableMessages, IRenamableStore, IDeletableStore, IProjectSessions
{
    public const string SourceName = "kimi";

    /// <summary>Kimi CLI holds no lock: a session written to this recently is taken to be running.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (object Key, SessionSummary? Summary)> _summaries = new(StringComparer.Ordinal);
    private volatile Dictionary<string, KimiSessionEntry> _entries = new(StringComparer.Ordinal);

    public KimiStore(string home, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(home);
        SessionsDir = Path.Combine(Root, KimiLayout.SessionsFolder);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>$KIMI_SHARE_DIR, else ~/.kimi: where Kimi CLI keeps kimi.json and sessions/.</summary>
    public static string DefaultHome(Func<string, string?> environment, string userHome) =>
        environment(KimiLayout.ShareDirVariable) is { Length: > 0 } share ? share : Path.Combine(userHome, ".kimi");

    /// <summary>The store at the default home; null when Kimi CLI has no sessions folder there and no folder was named.</summary>
    public static KimiStore? OpenDefault(Func<string, string?> environment, string userHome, TimeProvider? clock = null)
    {
        var store = new KimiStore(DefaultHome(environment, userHome), clock);
        return Directory.Exists(store.SessionsDir) || environment(KimiLayout.ShareDirVariable) is { Length: > 0 } ? store : null;
    }

    public string Source => SourceName;

    /// <summary>The share folder (kimi.json and sessions/).</summary>
    public string Root { get; }

    public string SessionsDir { get; }

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default)
    {
        var entries = Scan();
        var workDirs = KimiWorkDirs.Load(Root);
        var rows = new SessionSummary?[entries.Count];
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            i => rows[i] = Row(entries[i], workDirs, cancellationToken));
        return [.. rows.OfType<SessionSummary>()];
    }

    public SessionSummary? Find(string id) => EntryOf(id) is { } entry ? Row(entry, KimiWorkDirs.Load(Root), CancellationToken.None) : null;

    /// <summary>The session's row, or a damaged one when its files cannot be read (a FIFO for wire.jsonl, say): the same in a list and a lookup.</summary>
    private SessionSummary? Row(KimiSessionEntry entry, KimiWorkDirs workDirs, CancellationToken cancellationToken) =>
        ReadFailures.OrDamaged(() => Summary(entry, workDirs, cancellationToken), e => SessionSummary.Unreadable(Source, entry.Id, entry.Path, e));

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        ReadMessages(id, 0, 0, cancellationToken);

    public IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default) =>
        EntryOf(id) is { } entry ? KimiContext.Read(entry.ContextPath, fromOffset, firstIndex, cancellationToken) : [];

    public IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        EntryOf(id) is { } entry ? KimiContext.Offsets(entry.ContextPath, fromOffset, cancellationToken) : [];

    /// <summary><c>kimi -w WORKDIR -r ID</c> in the work dir; none when kimi.json does not say which folder it was.</summary>
    public ResumeCommand? ResumeCommandFor(string id)
    {
        if (Find(id) is not { WorkDir: { } workDir } || EntryOf(id) is not { } entry) return null;
        return new ResumeCommand(["kimi", "-w", workDir, "-r", entry.KimiId], workDir);
    }

    /// <summary>Kimi's own rule for a folder: the sessions kept under the md5 of its path (found even when kimi.json forgot it).</summary>
    public Func<SessionSummary, bool> ProjectFilter(string projectDir)
    {
        string hash = KimiLayout.HashOf(ProjectFolder.NormalizeDir(projectDir));
        return session => HashOfSession(session.Path) == hash;
    }

    // ---- stamps ----------------------------------------------------------------------------------

    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default)
    {
        var workDirs = KimiWorkDirs.Load(Root);
        var kimiJson = KimiWorkDirs.StampOf(Root);
        var stamps = new List<SessionStamp>();
        foreach (var entry in Scan())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stamp = StampOf(entry, workDirs, kimiJson);
            // A session last read as empty, unchanged since, is not listed: leave it out here too.
            if (_summaries.TryGetValue(entry.Path, out var known) && known.Summary is null && Equals(known.Key, KeyOf(entry, workDirs))) continue;
            stamps.Add(stamp);
        }
        return stamps;
    }

    public SessionStamp? StampOf(string id) =>
        EntryOf(id) is { } entry ? StampOf(entry, KimiWorkDirs.Load(Root), KimiWorkDirs.StampOf(Root)) : null;

    /// <summary>
    /// Head: the three files combined (a summary reads all of them); kimi.json too for a folder it
    /// does not name yet (the work dir appears when Kimi adds it). Messages: context.jsonl.
    /// </summary>
    private static SessionStamp StampOf(KimiSessionEntry entry, KimiWorkDirs workDirs, FileStamp kimiJson)
    {
        var (context, wire, state) = entry.Stamps();
        var head = Combine(Combine(context, wire), state);
        if (workDirs.PathOf(entry.Hash) is null) head = Combine(head, kimiJson);
        return new SessionStamp(entry.Id, head, context);
    }

    /// <summary>Two stamps as one: a change to either changes it (all the index compares is equality).</summary>
    private static FileStamp Combine(FileStamp a, FileStamp b) =>
        new(a.Length * 1_000_003 + b.Length, Math.Max(a.LastWriteTicks, b.LastWriteTicks));

    // ---- summaries -------------------------------------------------------------------------------

    private object KeyOf(KimiSessionEntry entry, KimiWorkDirs workDirs) => (entry.Stamps(), workDirs.PathOf(entry.Hash), workDirs.Problem);

    /// <summary>The row (cached while the files are unchanged), with liveness from the clock; null for a session Kimi would not list.</summary>
    private SessionSummary? Summary(KimiSessionEntry entry, KimiWorkDirs workDirs, CancellationToken cancellationToken)
    {
        var key = KeyOf(entry, workDirs);
        SessionSummary? summary;
        if (_summaries.TryGetValue(entry.Path, out var cached) && Equals(cached.Key, key)) summary = cached.Summary;
        else _summaries[entry.Path] = (key, summary = KimiSessionReader.Read(entry, workDirs, cancellationToken));
        if (summary is null) return null;
        var (context, wire, _) = entry.Stamps();
        long lastWrite = Math.Max(context.LastWriteTicks, wire.LastWriteTicks);
        bool live = _clock.GetUtcNow().UtcTicks - lastWrite < LiveWindow.Ticks;
        return summary with { Liveness = live ? Liveness.Live : Liveness.Idle };
    }

    // ---- entries ---------------------------------------------------------------------------------

    private List<KimiSessionEntry> Scan()
    {
        var entries = KimiSessionEntry.All(SessionsDir);
        _entries = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        return entries;
    }

    /// <summary>The entry of an id: from the last scan while its files are still there, else from a new scan.</summary>
    private KimiSessionEntry? EntryOf(string id)
    {
        if (_entries.TryGetValue(id, out var known) && (known.Legacy ? File.Exists(known.Path) && !Directory.Exists(Path.ChangeExtension(known.Path, null)) : Directory.Exists(known.Path)))
            return known;
        return Scan().FirstOrDefault(e => e.Id == id);
    }

    private string? HashOfSession(string sessionPath)
    {
        string? workDir = Path.GetDirectoryName(sessionPath);
        return workDir is not null && Path.GetDirectoryName(workDir) == SessionsDir ? Path.GetFileName(workDir) : null;
    }

    // ---- rename ----------------------------------------------------------------------------------

    /// <summary>custom_title in state.json, the field Kimi's own rename sets; every other byte of the file stays.</summary>
    public void Rename(string id, string title)
    {
        var entry = EntryOf(id) ?? throw new KeyNotFoundException($"no {SourceName} session {id}");
        if (entry.StatePath is not { } state)
            throw new SessionRefusedException($"session {id} is in Kimi CLI's old one-file form; open it in Kimi CLI once (it moves it into a folder), then rename it");
        KimiState.SetTitle(state, title);
    }

    // ---- delete ----------------------------------------------------------------------------------

    public DeletePlan PlanDelete(string id)
    {
        var entry = EntryOf(id) ?? throw new KeyNotFoundException($"no {SourceName} session {id}");
        if (Find(id) is { Liveness: Liveness.Live })
            throw new SessionRefusedException($"session {id} was written less than {LiveWindow.TotalSeconds:0} seconds ago: Kimi CLI may be running it; try again when it has finished");
        _planned[id] = entry;
        return new DeletePlan([entry.Path], KimiLastSession.Describe(Root, entry.KimiId, entry.Hash));
    }

    // The trash removes the records after the folder moved: which work dir it was is remembered from the plan.
    private readonly ConcurrentDictionary<string, KimiSessionEntry> _planned = new(StringComparer.Ordinal);

    public void RemoveRecords(string id, string keepFolder)
    {
        if (_planned.TryRemove(id, out var entry)) KimiLastSession.Remove(Root, entry.KimiId, entry.Hash, keepFolder);
    }

    public void RestoreRecords(string id, string keepFolder) => KimiLastSession.Restore(Root, KimiIdOf(id), keepFolder);

    /// <summary>Only inside sessions/: the trash puts nothing back anywhere else.</summary>
    public bool Owns(string path)
    {
        string relative = Path.GetRelativePath(SessionsDir, Path.GetFullPath(path));
        return relative != "." && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>The uuid part of one of our ids ("uuid" or "uuid.hash8"); the session is gone by the time records are removed.</summary>
    private static string KimiIdOf(string id) => id.Length > 37 && id[36] == '.' ? id[..36] : id;
}
