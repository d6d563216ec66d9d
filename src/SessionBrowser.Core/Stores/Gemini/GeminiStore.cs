using System.Collections.Concurrent;
using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Gemini CLI's sessions (FORMATS.md §2) behind <see cref="ISessionStore"/>: every project
/// under <c>~/.gemini/tmp</c>, listed by Gemini's own rules (hidden empty and subagent
/// sessions, one entry per sessionId keeping the later copy), but with real message counts and
/// titles that keep CJK and emoji. Files that cannot be read are listed as damaged, never
/// dropped. Read-only except for delete, which goes through the caller's trash.
/// </summary>
public sealed class GeminiStore : ISessionStore, IProjectSessions, IStampedStore, IDeletableStore, ISnapshotStore
{
    public const string SourceName = "gemini";

    /// <summary>Overrides where Gemini's folder is (tests, other accounts).</summary>
    public const string HomeVariable = "SESSION_BROWSER_GEMINI_HOME";

    private readonly ConcurrentDictionary<string, (FileStamp Stamp, GeminiTranscript Transcript)> _transcripts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private Snapshot? _snapshot;

    private readonly string? _idCachePath;

    /// <summary><paramref name="cacheDirectory"/>: where to remember which session each file holds between runs (none: not remembered).</summary>
    public GeminiStore(string home, TimeProvider? clock = null, string? cacheDirectory = null)
    {
        Root = Path.GetFullPath(home);
        _clock = clock ?? TimeProvider.System;
        _idCachePath = cacheDirectory is null ? null : CacheLocation.CachePath(cacheDirectory, SourceName, Root, ".ids");
    }

    /// <summary>$SESSION_BROWSER_GEMINI_HOME, else where Gemini looks: $GEMINI_CLI_HOME/.gemini, else ~/.gemini.</summary>
    public static string DefaultHome(Func<string, string?> environment, string userHome)
    {
        if (environment(HomeVariable) is { Length: > 0 } home) return home;
        string user = environment("GEMINI_CLI_HOME") is { Length: > 0 } cliHome ? cliHome : userHome;
        return Path.Combine(user, ".gemini");
    }

    /// <summary>The store at the default home; null when Gemini has never run here and no home was named.</summary>
    public static GeminiStore? OpenDefault(Func<string, string?> environment, string userHome, TimeProvider? clock = null,
        string? cacheDirectory = null)
    {
        var store = new GeminiStore(DefaultHome(environment, userHome), clock, cacheDirectory);
        return store.Exists || environment(HomeVariable) is { Length: > 0 } ? store : null;
    }

    public string Source => SourceName;
    public string Root { get; }

    /// <summary>True when the folder exists, so "all discovered sources" can leave Gemini out on machines without it.</summary>
    public bool Exists => Directory.Exists(Path.Combine(Root, "tmp"));

    /// <summary>Every listed session, in Gemini's order (oldest start first).</summary>
    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default) =>
        [.. Scan(cancellationToken).Select(s => s.Summary)];

    /// <summary>What <c>gemini --list-sessions</c> run in <paramref name="projectDir"/> shows (plus damaged files there).</summary>
    /// <summary>The sessions Gemini lists when run in the folder: those held in its project's folders (old sha256 ones included).</summary>
    public Func<SessionSummary, bool> ProjectFilter(string projectDir)
    {
        string path = ProjectFolder.NormalizeDir(projectDir);
        string hashFolder = GeminiProjects.HashOf(path);
        var folders = GeminiProjects.Discover(Root)
            .Where(p => p.ProjectPath == path || p.Folders.Any(f => Path.GetFileName(f) == hashFolder))
            .SelectMany(p => p.Folders)
            .ToHashSet(StringComparer.Ordinal);
        // A session's file is <project folder>/chats/<file>.
        return session => Path.GetDirectoryName(Path.GetDirectoryName(session.Path)) is { } folder && folders.Contains(folder);
    }

    public SessionSummary? Find(string id) => FindSession(id)?.Summary;

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default)
    {
        var session = FindSession(id);
        if (session is null) return [];
        var file = session.Chosen;
        return ReadFailures.EndWith(
            GeminiMessageReader.Read(file.Path, Transcript(file.Path, FileStamp.Of(file.Path), cancellationToken), cancellationToken),
            e => new MessageRecord(0, 0, null, $"{Path.GetFileName(file.Path)} cannot be read: {e.Message}"));
    }

    public IReadOnlyList<SnapshotInfo> ListSnapshots(string id)
    {
        var session = FindSession(id);
        return session is null || session.IsDamaged ? [] : GeminiCheckpoints.ForSession(session.Chosen.Project, session.Id);
    }

    /// <summary>A checkpoint is a JSON file of Gemini's own shape: shown as it is.</summary>
    public System.Text.Json.Nodes.JsonNode? SnapshotState(string id, int step)
    {
        if (ListSnapshots(id).FirstOrDefault(s => s.Step == step) is not { } checkpoint) return null;
        var read = JsonFile.TryRead(checkpoint.Path);
        if (read.Missing) return null;
        return read.Ok ? read.Node : throw new InvalidDataException($"checkpoint {step} of session {id} is damaged: {read.Error}");
    }

    /// <summary>
    /// Exactly this session's files: every chats/ file whose content's sessionId is this id (an
    /// orphan that only shares the 8-character prefix is never included), plus its log,
    /// tool outputs, session folder and subagent transcripts in each folder that holds a copy.
    /// </summary>
    public DeletePlan PlanDelete(string id) => DeletePlan.OfFiles(FilesOf(id));

    /// <summary>Only inside Gemini's own folder (chats, logs, tool outputs, session folders).</summary>
    public bool Owns(string path)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Root)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }

    private List<string> FilesOf(string id)
    {
        var session = FindSession(id);
        if (session is null) return [];
        var files = session.Copies.Select(c => c.Path).ToList();
        if (session.IsDamaged) return files;
        foreach (string folder in session.Copies.SelectMany(c => c.Project.Folders).Distinct(StringComparer.Ordinal))
            files.AddRange(GeminiArtifacts.Of(folder, id));
        return files;
    }

    public ResumeCommand? ResumeCommandFor(string id)
    {
        var session = FindSession(id);
        if (session is null || session.IsDamaged) return null;
        return new ResumeCommand(["gemini", "--resume", session.Id], session.Chosen.Project.ProjectPath);
    }

    /// <summary>The project a listed session belongs to (for checkpoints and restore).</summary>
    public GeminiProject? ProjectOf(string id) => FindSession(id)?.Chosen.Project;

    /// <summary>
    /// Answered from the last scan while the session's files are unchanged (an index asks for
    /// hundreds of sessions in a row); anything else scans again.
    /// </summary>
    private GeminiSession? FindSession(string id)
    {
        if (_snapshot is { } snapshot && snapshot.TryAnswer(id, out var known)) return known;
        if (FindByFileName(id) is { } found) return found;
        Scan();
        return _snapshot!.Sessions.GetValueOrDefault(id);
    }

    /// <summary>
    /// One session without parsing every transcript: Gemini names a session's file
    /// <c>session-&lt;time&gt;-&lt;first 8 characters of its id&gt;</c>, so only those files (every copy)
    /// are read. Null (the caller scans) when the id is no uuid, when nothing is found that way,
    /// or when retention is on: its warnings weigh every session against the others. An index
    /// re-reading the few sessions Gemini touched asks this, not for a scan of a thousand.
    /// </summary>
    private GeminiSession? FindByFileName(string id)
    {
        if (!Guid.TryParse(id, out _)) return null;
        var listing = RecentListing();
        if (listing.RetentionOn) return null;
        string suffix = "-" + id[..8];
        var files = listing.Files
            .Where(file => Path.GetFileNameWithoutExtension(file.Path).EndsWith(suffix, StringComparison.Ordinal))
            .Select(file => Read(file, CancellationToken.None))
            .ToList();
        return GeminiSession.Build(files, new Dictionary<string, string>()).FirstOrDefault(s => s.Id == id);
    }

    // An index re-reading several sessions asks within milliseconds: one listing serves them all.
    // Kept two seconds at most; a file it misses only sends FindSession to a full scan.
    private (long At, List<ListedFile> Files, bool RetentionOn)? _listing;
    private readonly Lock _listingGate = new();

    private (long At, List<ListedFile> Files, bool RetentionOn) RecentListing()
    {
        lock (_listingGate)
        {
            if (_listing is { } recent && Environment.TickCount64 - recent.At < 2000) return recent;
            var listing = (Environment.TickCount64, ListFiles(GeminiProjects.Discover(Root)), GeminiRetention.Load(Root).Enabled);
            _listing = listing;
            return listing;
        }
    }

    private readonly record struct ListedFile(GeminiProject Project, string Folder, string Path);

    /// <summary>Every session file of these projects, with the project and folder it was found in.</summary>
    private static List<ListedFile> ListFiles(IReadOnlyList<GeminiProject> projects) =>
        [.. projects.SelectMany(project => project.Folders.SelectMany(folder => SessionFiles(folder).Select(path => new ListedFile(project, folder, path))))];

    /// <summary>A listed file with its transcript (cached while its stamp is unchanged).</summary>
    private GeminiSessionFile Read(ListedFile file, CancellationToken cancellationToken)
    {
        var stamp = FileStamp.Of(file.Path);
        return new GeminiSessionFile(file.Path, file.Project, file.Folder, Transcript(file.Path, stamp, cancellationToken), stamp);
    }

    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default) =>
        GeminiStamps.Of(GeminiProjects.Discover(Root).SelectMany(p => p.Folders).SelectMany(SessionFiles), GeminiIdCache.Load(_idCachePath));

    public SessionStamp? StampOf(string id) => Stamps().FirstOrDefault(s => s.Id == id);

    /// <summary>All sessions, de-duplicated, with retention warnings; files re-read only when their size or time changed.</summary>
    internal IReadOnlyList<GeminiSession> Scan(CancellationToken cancellationToken = default)
    {
        var projects = GeminiProjects.Discover(Root);
        var paths = ListFiles(projects);
        var files = new GeminiSessionFile[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => files[i] = Read(paths[i], cancellationToken));
        var warnings = GeminiRetention.Load(Root).AtRisk(projects, files, _clock.GetUtcNow());
        var sessions = GeminiSession.Build(files, warnings);
        _snapshot = new Snapshot(sessions, files);
        return sessions;
    }

    /// <summary>The last scan: its sessions, and which session ids it saw only as hidden files.</summary>
    private sealed class Snapshot
    {
        private readonly Dictionary<string, FileStamp> _stamps = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string[]> _hidden = new(StringComparer.Ordinal);

        public Snapshot(IReadOnlyList<GeminiSession> sessions, IReadOnlyList<GeminiSessionFile> files)
        {
            Sessions = new Dictionary<string, GeminiSession>(StringComparer.Ordinal);
            foreach (var session in sessions) Sessions.TryAdd(session.Id, session);
            foreach (var file in files) _stamps[file.Path] = file.Stamp;
            foreach (var group in files.Where(f => f.SessionId is { } id && !Sessions.ContainsKey(id)).GroupBy(f => f.SessionId!))
                _hidden[group.Key] = [.. group.Select(f => f.Path)];
        }

        public Dictionary<string, GeminiSession> Sessions { get; }

        public bool TryAnswer(string id, out GeminiSession? session)
        {
            session = Sessions.GetValueOrDefault(id);
            var paths = session is not null ? session.Copies.Select(c => c.Path) : _hidden.GetValueOrDefault(id);
            return paths is not null && paths.All(p => _stamps.TryGetValue(p, out var then) && FileStamp.Of(p) == then);
        }
    }

    /// <summary>chats/session-*.json(l), top level only: subfolders hold subagent transcripts.</summary>
    internal static IEnumerable<string> SessionFiles(string projectFolder)
    {
        string chats = Path.Combine(projectFolder, "chats");
        try
        {
            return Directory.EnumerateFiles(chats, "session-*")
                .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".jsonl", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private GeminiTranscript Transcript(string path, FileStamp stamp, CancellationToken cancellationToken)
    {
        if (_transcripts.TryGetValue(path, out var cached) && cached.Stamp == stamp) return cached.Transcript;
        var transcript = GeminiTranscriptReader.Read(path, cancellationToken);
        _transcripts[path] = (stamp, transcript);
        return transcript;
    }
}

/// <summary>One session file as found, with what reading it gave.</summary>
internal sealed record GeminiSessionFile(string Path, GeminiProject Project, string Folder, GeminiTranscript Transcript, FileStamp Stamp)
{
    public string? SessionId => Transcript.SessionId;

    /// <summary>Gemini's lastUpdated fallback chain: lastUpdated, startTime, the file's time.</summary>
    public DateTimeOffset LastUpdated =>
        Timestamps.Parse(Transcript.LastUpdated) ?? Timestamps.Parse(Transcript.StartTime) ?? File.GetLastWriteTimeUtc(Path);

    public DateTimeOffset StartTime =>
        Timestamps.Parse(Transcript.StartTime) ?? Timestamps.Parse(Transcript.LastUpdated) ?? File.GetLastWriteTimeUtc(Path);

    /// <summary>Gemini lists it: readable, has a session id, real content, not a subagent.</summary>
    public bool IsListed => SessionId is not null && Transcript.HasResumableContent && Transcript.Kind != "subagent";

    /// <summary>No session id could be read: listed as damaged under its file name.</summary>
    public bool IsUnreadable => SessionId is null;

    /// <summary>The file name without extension: the id of an unreadable file.</summary>
    public string Stem => System.IO.Path.GetFileNameWithoutExtension(Path);
}
