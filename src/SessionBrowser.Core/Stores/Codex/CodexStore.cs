using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// Codex CLI's sessions (AGENT-FORMATS.md, Codex) behind <see cref="ISessionStore"/>: every rollout
/// under <c>sessions/</c> and <c>archived_sessions/</c> (plain or zstd), named as Codex names them
/// (<c>session_index.jsonl</c>, else the first real prompt), exec sessions included and tagged.
/// Rollouts are never written: a rename appends to the name index, a delete moves the files to our
/// trash and takes the session's index lines and database rows out with a copy kept for undo.
/// </summary>
public sealed class CodexStore : ISessionStore, IStampedStore, ISeekableMessages, IRenamableStore, IDeletableStore, IBatchFind
{
    public const string SourceName = "codex";

    /// <summary>Overrides where Codex's folder is (tests, other accounts), over $CODEX_HOME.</summary>
    public const string HomeVariable = "SESSION_BROWSER_CODEX_HOME";

    public const string ArchivedStatus = "archived";

    private readonly CodexHome _home;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, CodexFacts Facts)> _facts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Dictionary<string, CodexHome.Rollout> _rollouts = new(StringComparer.Ordinal);
    private (FileStamp Stamp, Dictionary<string, CodexNames.Entry> Names)? _names;

    public CodexStore(string home, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(home);
        _home = new CodexHome(Root);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>$SESSION_BROWSER_CODEX_HOME, else where Codex looks: $CODEX_HOME, else ~/.codex.</summary>
    public static string DefaultHome(Func<string, string?> environment, string userHome) =>
        environment(HomeVariable) is { Length: > 0 } home ? home
        : environment("CODEX_HOME") is { Length: > 0 } codexHome ? codexHome
        : Path.Combine(userHome, ".codex");

    /// <summary>The store at the default home; null when Codex has never run here and no home was named.</summary>
    public static CodexStore? OpenDefault(Func<string, string?> environment, string userHome, TimeProvider? clock = null)
    {
        var store = new CodexStore(DefaultHome(environment, userHome), clock);
        return store.Exists || environment(HomeVariable) is { Length: > 0 } ? store : null;
    }

    public string Source => SourceName;
    public string Root { get; }

    public bool Exists => Directory.Exists(_home.Sessions) || Directory.Exists(_home.Archived);

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default)
    {
        var rollouts = Rescan(cancellationToken);
        var names = Names();
        var locked = _home.LockedIds();
        var summaries = new SessionSummary[rollouts.Count];
        Parallel.For(0, rollouts.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => summaries[i] = ReadFailures.OrDamaged(() => Summarize(rollouts[i], names, locked.Contains(rollouts[i].Id), cancellationToken),
                e => SessionSummary.Unreadable(Source, rollouts[i].Id, rollouts[i].Path, e)));
        return summaries;
    }

    public SessionSummary? Find(string id) => FindWith(id, Names(), _home.LockedIds());

    /// <summary>Find with the name index and the writer locks read once for the whole batch, as <see cref="List"/> reads them.</summary>
    public ISessionFinder OpenFinder()
    {
        var names = Names();
        var locked = _home.LockedIds();
        return new SummaryFinder(id => FindWith(id, names, locked));
    }

    private SessionSummary? FindWith(string id, Dictionary<string, CodexNames.Entry> names, IReadOnlySet<string> locked) =>
        RolloutOf(id) is { } rollout ? Summarize(rollout, names, locked.Contains(id), CancellationToken.None) : null;

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        ReadMessages(id, 0, 0, cancellationToken);

    public IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default)
    {
        if (RolloutOf(id) is not { } rollout) yield break;
        bool events = !FactsOf(rollout, cancellationToken).HasResponseMessages;
        int index = firstIndex;
        foreach (var line in CodexLines.Read(rollout.Path, fromOffset, cancellationToken))
        {
            var kind = CodexLineKind.Of(line.Bytes.Span);
            if (!kind.IsRecord(events)) continue;
            if (!kind.Valid)
            {
                yield return new MessageRecord(index, line.Offset, null, Damage(line));
                continue;
            }
            Message message;
            string? repair;
            using (var document = JsonLines.ParseDocument(line, default, out repair))
                message = CodexMessages.ToMessage(document.RootElement);
            yield return new MessageRecord(index++, line.Offset, message, repair);
        }
    }

    public IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default)
    {
        if (RolloutOf(id) is not { } rollout) return [];
        bool events = !FactsOf(rollout, cancellationToken).HasResponseMessages;
        var offsets = new List<long>();
        foreach (var line in CodexLines.Read(rollout.Path, fromOffset, cancellationToken))
            if (CodexLineKind.Of(line.Bytes.Span).IsRecord(events)) offsets.Add(line.Offset);
        return offsets;
    }

    public ResumeCommand? ResumeCommandFor(string id)
    {
        if (Find(id) is not { } session) return null;
        return session.WorkDir is { } cwd
            ? new ResumeCommand(["codex", "resume", id, "-C", cwd], cwd)
            : new ResumeCommand(["codex", "resume", id], null);
    }

    // Stamps: Head covers what the summary is built from (the rollout and the session's latest
    // name entry and archived state, folded into the length so a rename alone re-reads the summary);
    // Messages is the rollout itself.
    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default)
    {
        var rollouts = Rescan(cancellationToken);
        var names = Names();
        var stamps = new SessionStamp[rollouts.Count];
        for (int i = 0; i < stamps.Length; i++) stamps[i] = StampOf(rollouts[i], rollouts[i].Stamp, names);
        return stamps;
    }

    public SessionStamp? StampOf(string id) => RolloutOf(id) is { } rollout ? StampOf(rollout, FileStamp.Of(rollout.Path), Names()) : null;

    private static SessionStamp StampOf(CodexHome.Rollout rollout, FileStamp file, Dictionary<string, CodexNames.Entry> names)
    {
        if (file == FileStamp.Missing) return new SessionStamp(rollout.Id, file, file);
        var entry = names.GetValueOrDefault(rollout.Id);
        if (entry is null && !rollout.Archived) return new SessionStamp(rollout.Id, file, file);
        ulong hash = 14695981039346656037UL;
        if (entry is not null) hash = Hash(Hash(Hash(hash, entry.Name), "\n"), entry.UpdatedAt);
        if (rollout.Archived) hash = Hash(hash, "\narchived");
        return new SessionStamp(rollout.Id, new FileStamp(file.Length ^ (long)((hash & 0x3FFF_FFFF) << 32), file.LastWriteTicks), file);
    }

    /// <summary>FNV-1a continued over <paramref name="text"/>.</summary>
    private static ulong Hash(ulong hash, string? text)
    {
        foreach (char c in text ?? "") hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }

    public void Rename(string id, string title)
    {
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("the title is empty");
        if (RolloutOf(id) is null) throw new SessionRefusedException($"no Codex session {id}");
        CodexNames.Append(_home.Index, id, title.Trim(), _clock.GetUtcNow());
    }

    public DeletePlan PlanDelete(string id)
    {
        if (RolloutOf(id) is not { } rollout) throw new SessionRefusedException($"no Codex session {id}");
        if (FileLock.IsHeld(_home.LockOf(id))) throw Live(id);
        var records = new List<string>();
        int lines = CodexNames.Read(_home.Index).ContainsKey(id) ? CountIndexLines(id) : 0;
        if (lines > 0) records.Add(string.Create(CultureInfo.InvariantCulture, $"{lines} line(s) of {CodexHome.IndexFile}"));
        foreach (string database in (string[])[_home.State, _home.History])
            if (CodexDatabase.CountRows(database, id) is > 0 and int rows)
                records.Add(string.Create(CultureInfo.InvariantCulture, $"{rows} row(s) in {Path.GetFileName(database)}"));
        return new DeletePlan([rollout.Path, .. _home.SnapshotsOf(id)], records);
    }

    /// <summary>Codex's writer lock, taken while we move the session (only when Codex has made one: we never add files to its folders).</summary>
    public IDisposable? Claim(string id)
    {
        string path = _home.LockOf(id);
        if (!File.Exists(path)) return null;
        return FileLock.TryAcquire(path) ?? throw Live(id);
    }

    public void RemoveRecords(string id, string keepFolder)
    {
        Directory.CreateDirectory(keepFolder);
        CodexDatabase.Remove(_home.State, id, Path.Combine(keepFolder, "state_5.rows.json"));
        CodexDatabase.Remove(_home.History, id, Path.Combine(keepFolder, "thread_history_1.rows.json"));
        CodexNames.Remove(_home.Index, id, Path.Combine(keepFolder, "session_index.lines.json"));
        Forget(id);
    }

    public void RestoreRecords(string id, string keepFolder)
    {
        CodexNames.Restore(_home.Index, Path.Combine(keepFolder, "session_index.lines.json"));
        CodexDatabase.Restore(_home.State, Path.Combine(keepFolder, "state_5.rows.json"));
        CodexDatabase.Restore(_home.History, Path.Combine(keepFolder, "thread_history_1.rows.json"));
        Forget(id);
    }

    public bool Owns(string path) => _home.Owns(path);

    public void OnDeleted(string id) => Forget(id);

    public void OnRestored(string id) => Forget(id);

    private static SessionRefusedException Live(string id) =>
        new($"Codex is writing session {id} now (it holds {CodexHome.LocksFolder}/{id}.lock); try again when it has finished");

    private int CountIndexLines(string id) =>
        JsonLines.ReadLines(_home.Index).Count(line => line.Bytes.Span.IndexOf(System.Text.Encoding.UTF8.GetBytes($"\"{id}\"")) >= 0);

    private void Forget(string id)
    {
        lock (_gate) _rollouts.Remove(id);
    }

    private SessionSummary Summarize(CodexHome.Rollout rollout, Dictionary<string, CodexNames.Entry> names, bool lockFile, CancellationToken cancellationToken)
    {
        var facts = FactsOf(rollout, cancellationToken);
        string? name = names.TryGetValue(rollout.Id, out var entry) && entry.Name.Trim().Length > 0 ? entry.Name.Trim() : null;
        var tags = new List<string>();
        if (facts.Origin is { } origin && origin is not ("cli" or "vscode")) tags.Add(origin);
        return new SessionSummary
        {
            Ref = new SessionRef(SourceName, rollout.Id),
            Title = name ?? (facts.FirstPrompt is { } prompt ? OneLine(prompt) : facts.BadLines > 0 && facts.Id is null ? Path.GetFileName(rollout.Path) : "(untitled)"),
            Description = name,
            Status = rollout.Archived ? ArchivedStatus : SessionStatus.Paused,
            Liveness = lockFile && FileLock.IsHeld(_home.LockOf(rollout.Id)) ? Liveness.Live : Liveness.Idle,
            CreatedAt = facts.Started,
            LastActive = facts.LastActive ?? facts.Started ?? File.GetLastWriteTimeUtc(rollout.Path),
            MessageCount = facts.MessageCount,
            TotalTokens = facts.Tokens,
            WorkDir = facts.Cwd,
            Model = facts.Model,
            Tags = tags,
            Damaged = Damage(facts),
            Path = rollout.Path,
        };
    }

    private static string OneLine(string text)
    {
        string line = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 200 ? line : line[..200];
    }

    private static string? Damage(CodexFacts facts) => facts.BadLines switch
    {
        0 => null,
        1 => facts.FirstBadReason,
        _ => string.Create(CultureInfo.InvariantCulture, $"{facts.BadLines} unreadable lines (first at byte {facts.FirstBadOffset})"),
    };

    private static string Damage(in JsonLine line) => line.Terminated
        ? string.Create(CultureInfo.InvariantCulture, $"line at byte {line.Offset} is not valid JSON")
        : string.Create(CultureInfo.InvariantCulture, $"last line at byte {line.Offset} is incomplete (the writer stopped mid-line)");

    private CodexFacts FactsOf(CodexHome.Rollout rollout, CancellationToken cancellationToken)
    {
        // Stamped only when known: a first list reads each rollout once, and the read stamps it.
        if (_facts.TryGetValue(rollout.Path, out var cached) && cached.Stamp == FileStamp.Of(rollout.Path)) return cached.Facts;
        var stamp = FileStamp.Missing;
        CodexFacts facts;
        try
        {
            facts = CodexFacts.Read(rollout.Path, (read, _) => stamp = read, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            facts = new CodexFacts { BadLines = 1, FirstBadOffset = 0, FirstBadReason = "cannot be read: " + e.Message };
        }
        _facts[rollout.Path] = (stamp, facts);
        return facts;
    }

    /// <summary>The name index, read again only when the file changed.</summary>
    private Dictionary<string, CodexNames.Entry> Names()
    {
        var stamp = FileStamp.Of(_home.Index);
        lock (_gate)
        {
            if (_names is { } known && known.Stamp == stamp) return known.Names;
            var names = CodexNames.Read(_home.Index);
            _names = (stamp, names);
            return names;
        }
    }

    private List<CodexHome.Rollout> Rescan(CancellationToken cancellationToken)
    {
        var rollouts = _home.Rollouts(cancellationToken);
        var byId = new Dictionary<string, CodexHome.Rollout>(rollouts.Count, StringComparer.Ordinal);
        var unique = new List<CodexHome.Rollout>(rollouts.Count);
        // A session both live and archived (a crash mid-archive) is listed once, as the live copy
        // (Rollouts lists the live ones first).
        foreach (var rollout in rollouts)
            if (byId.TryAdd(rollout.Id, rollout)) unique.Add(rollout);
        lock (_gate) _rollouts = byId;
        return unique;
    }

    /// <summary>The session's rollout from the last listing while it is still there; else the folders are listed again.</summary>
    private CodexHome.Rollout? RolloutOf(string id)
    {
        lock (_gate)
        {
            if (_rollouts.TryGetValue(id, out var known) && File.Exists(known.Path)) return known;
        }
        return Rescan(CancellationToken.None).FirstOrDefault(r => r.Id == id);
    }
}
