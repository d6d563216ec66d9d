using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// Claude Code's sessions (AGENT-FORMATS.md, Claude Code) behind <see cref="ISessionStore"/>:
/// every projects/&lt;key&gt;/&lt;uuid&gt;.jsonl under its config folder, titled by Claude's own
/// order. Transcripts are read once per change of their size or time; messages are one per
/// line, so a large session opens at its byte offsets. Writes only the way Claude does:
/// a rename appends a custom-title line; a delete moves the session's files to our trash.
/// </summary>
public sealed class ClaudeStore : ISessionStore, IStampedStore, ISeekableMessages, IRenamableStore, IDeletableStore, IRetentionAware, IMomentarySummaries, IBatchFind
{
    public const string SourceName = "claude";

    /// <summary>A transcript written this recently counts as live even without a sessions/ record (a Claude started with --print writes none).</summary>
    public static readonly TimeSpan RecentWrite = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (FileStamp Stamp, ClaudeTranscript Transcript)> _transcripts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ClaudeLiveSessions _live;
    private RetentionRead? _retention;

    public ClaudeStore(string home, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(home);
        _clock = clock ?? TimeProvider.System;
        _live = new ClaudeLiveSessions(Root);
    }

    /// <summary>The store at $CLAUDE_CONFIG_DIR or ~/.claude; null when Claude has never run here and no folder was named.</summary>
    public static ClaudeStore? OpenDefault(Func<string, string?> environment, string userHome, TimeProvider? clock = null)
    {
        var store = new ClaudeStore(ClaudeHome.Default(environment, userHome), clock);
        return Directory.Exists(ClaudeFiles.ProjectsFolder(store.Root)) || environment(ClaudeHome.ConfigVariable) is { Length: > 0 } ? store : null;
    }

    public string Source => SourceName;
    public string Root { get; }

    public string? RetentionPolicy => Retention().Policy;

    /// <summary>Every session, newest first (Claude's picker order); an unreadable transcript is a damaged session.</summary>
    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default)
    {
        var sessions = Listing().ToList();
        var moment = Moment();
        var summaries = new SessionSummary[sessions.Count];
        Parallel.For(0, sessions.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => summaries[i] = ReadFailures.OrDamaged(() => Summarize(sessions[i], moment, cancellationToken),
                e => SessionSummary.Unreadable(Source, sessions[i].Id, sessions[i].Chosen.Path, e)));
        return [.. summaries.OrderByDescending(s => s.LastActive)];
    }

    public SessionSummary? Find(string id) => FindAt(id, Moment());

    /// <summary>Find with one moment (who is live, the retention policy, the time) for the whole batch, as <see cref="List"/> has.</summary>
    public ISessionFinder OpenFinder()
    {
        var moment = Moment();
        return new SummaryFinder(id => FindAt(id, moment));
    }

    private SessionSummary? FindAt(string id, ListMoment moment) =>
        Listed(id) is { } session ? Summarize(session, moment, CancellationToken.None) : null;

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        ReadMessages(id, 0, 0, cancellationToken);

    public IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default) =>
        Listed(id) is { } session ? ClaudeMessageReader.Read(session.Chosen.Path, fromOffset, firstIndex, cancellationToken) : [];

    public IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        Listed(id) is { } session ? ClaudeMessageReader.Offsets(session.Chosen.Path, fromOffset, cancellationToken) : [];

    /// <summary><c>claude --resume ID</c> in the session's work dir: Claude keeps transcripts per launch folder and runs its tools there.</summary>
    public ResumeCommand? ResumeCommandFor(string id) =>
        Listed(id) is { } session && Transcript(session.Chosen, CancellationToken.None).WorkDir is { } workDir
            ? new ResumeCommand(["claude", "--resume", id], workDir)
            : null;

    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default) =>
        Listing().Select(Stamp);

    public SessionStamp? StampOf(string id) => Session(id) is { } session ? Stamp(session) : null;

    /// <summary>Appends a custom-title line, as Claude's /rename does; the transcript is never rewritten.</summary>
    public void Rename(string id, string title)
    {
        var session = Session(id) ?? throw new ArgumentException($"no Claude session {id}");
        string text = string.Join(' ', title.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length == 0) throw new ArgumentException("the title is empty");
        RefuseLive(session, "renamed (use /rename there)");
        JsonLines.Append(session.Chosen.Path, [ClaudeTitleLine.Write(id, text)]);
    }

    public DeletePlan PlanDelete(string id)
    {
        var session = Session(id) ?? throw new SessionRefusedException($"no Claude session {id}");
        RefuseLive(session, "deleted");
        return DeletePlan.OfFiles(ClaudeDeletion.FilesOf(Root, session.Copies));
    }

    public bool Owns(string path) => ClaudeDeletion.Owns(Root, path);

    public Func<SessionSummary, SessionSummary> AtThisMoment()
    {
        var moment = Moment();
        return summary => summary.Source == SourceName ? moment.Apply(summary) : summary;
    }

    private void RefuseLive(ClaudeSession session, string action)
    {
        if (Moment().IsLive(session.Id, LastWrite(session.Chosen.Path)))
            throw new SessionRefusedException($"{session.Id} is live (Claude is running it); it cannot be {action} now");
    }

    /// <summary>
    /// What the values of the moment are computed from, shared by every summary of one listing:
    /// who is running, the retention policy, the time. Never cached in a summary (the index keeps
    /// <see cref="SessionSummary.WrittenAt"/> instead), so a list read tomorrow warns tomorrow's sessions.
    /// </summary>
    private sealed record ListMoment(HashSet<string> Live, ClaudeRetention Retention, DateTimeOffset Now)
    {
        public bool IsLive(string id, DateTimeOffset written) => Live.Contains(id) || Now - written < RecentWrite;

        public SessionSummary Apply(SessionSummary summary)
        {
            // Rows indexed before WrittenAt was kept: the file says.
            var written = summary.WrittenAt ?? LastWrite(summary.Path);
            return summary with
            {
                Liveness = IsLive(summary.Id, written) ? Liveness.Live : Liveness.Idle,
                DeletionWarning = Retention.Warning(written, Now),
            };
        }
    }

    private ListMoment Moment() => new(_live.Read(), Retention(), _clock.GetUtcNow());

    /// <summary>settings.json's policy, read again only when the file changes (a reconcile asks once per session).</summary>
    private ClaudeRetention Retention()
    {
        var stamp = FileStamp.Of(Path.Combine(Root, ClaudeRetention.SettingsFile));
        if (_retention is { } known && known.Stamp == stamp) return known.Retention;
        var retention = ClaudeRetention.Load(Root);
        _retention = new RetentionRead(stamp, retention);
        return retention;
    }

    private sealed record RetentionRead(FileStamp Stamp, ClaudeRetention Retention);

    private SessionSummary Summarize(ClaudeSession session, ListMoment moment, CancellationToken cancellationToken)
    {
        var transcript = Transcript(session.Chosen, cancellationToken);
        // Read in one piece, the file's stamp is its last write (no second stat); a link is asked as before.
        var written = transcript.ReadWhole ? new DateTimeOffset(transcript.Stamp.LastWriteTicks, TimeSpan.Zero) : LastWrite(session.Chosen.Path);
        return moment.Apply(new SessionSummary
        {
            Ref = new SessionRef(SourceName, session.Id),
            Title = transcript.Title ?? (transcript.Damage is not null ? Path.GetFileName(session.Chosen.Path) : "(untitled)"),
            Description = transcript.CustomTitle,
            WrittenAt = written,
            CreatedAt = transcript.First ?? written,
            LastActive = transcript.Last ?? written,
            MessageCount = transcript.MessageCount,
            TotalTokens = transcript.TotalTokens,
            WorkDir = transcript.WorkDir,
            GitBranch = transcript.GitBranch,
            Model = transcript.Model,
            Damaged = transcript.Damage,
            Path = session.Chosen.Path,
        });
    }

    private static DateTimeOffset LastWrite(string path) => new(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);

    private static SessionStamp Stamp(ClaudeSession session)
    {
        // Any change to any copy changes the stamp (taken when the copies were found).
        if (session.Copies.Count == 1) return new SessionStamp(session.Id, session.Chosen.Stamp, null);
        return new SessionStamp(session.Id, new FileStamp(session.Copies.Sum(c => c.Stamp.Length), session.Copies.Max(c => c.Stamp.LastWriteTicks)), null);
    }

    /// <summary>A session and every copy of its transcript (Claude may keep one per project folder); the newest copy is the one shown.</summary>
    private sealed record ClaudeSession(string Id, ClaudeFile Chosen, IReadOnlyList<ClaudeFile> Copies);

    private ClaudeSession? Session(string id) => Sessions(ClaudeFiles.Of(Root, id)).Values.FirstOrDefault();

    /// <summary>The sessions of the last listing: a reconcile reads 10,000 of them right after listing, without looking in every project folder for each.</summary>
    private Dictionary<string, ClaudeSession> _listed = new(StringComparer.Ordinal);

    private Dictionary<string, ClaudeSession>.ValueCollection Listing()
    {
        var sessions = Sessions(ClaudeFiles.All(Root));
        _listed = sessions;
        return sessions.Values;
    }

    /// <summary>
    /// For reading: the session as last listed while its files are all still there (a copy made
    /// in another project folder since shows at the next listing), else as found now. Changes
    /// (rename, delete, stamps) always look again.
    /// </summary>
    private ClaudeSession? Listed(string id) =>
        _listed.GetValueOrDefault(id) is { } known && known.Copies.All(copy => File.Exists(copy.Path)) ? known : Session(id);

    /// <summary>The files by session, in one pass (a warm list does this for every transcript: no grouping machinery).</summary>
    private static Dictionary<string, ClaudeSession> Sessions(List<ClaudeFile> files)
    {
        var sessions = new Dictionary<string, ClaudeSession>(files.Count, StringComparer.Ordinal);
        foreach (var file in files)
        {
            ref var session = ref CollectionsMarshal.GetValueRefOrAddDefault(sessions, file.Id, out bool known);
            if (!known) session = new ClaudeSession(file.Id, file, [file]);
            else
            {
                var chosen = file.Stamp.LastWriteTicks > session!.Chosen.Stamp.LastWriteTicks ? file : session.Chosen;
                session = new ClaudeSession(file.Id, chosen, [.. session.Copies, file]);
            }
        }
        return sessions;
    }

    private ClaudeTranscript Transcript(ClaudeFile file, CancellationToken cancellationToken)
    {
        string path = file.Path; // put together from the folder and id: once
        // Stamped only when known: a first list reads each file once, and the read stamps it.
        if (_transcripts.TryGetValue(path, out var cached) && cached.Stamp == FileStamp.Of(path)) return cached.Transcript;
        var transcript = ClaudeTranscript.Read(path, cancellationToken);
        _transcripts[path] = (transcript.Stamp, transcript);
        return transcript;
    }
}
