using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Kimi;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>A session whose metadata.json is missing or unreadable was asked for as if it were whole.</summary>
public sealed class SessionDamagedException(string id, string reason)
    : IOException($"session {id} is damaged: {reason}")
{
    public string Id { get; } = id;
    public string Reason { get; } = reason;
}

/// <summary>
/// The native store, the reference layout of FORMATS.md §1, read and written: the reference's
/// SessionManager, MessageStore and SnapshotManager in one place. The folders are the truth;
/// index.json is kept in step. Writes go through <see cref="OpenWriter"/>, which holds the
/// session's .lock; the one-call methods here take it for just that call.
/// </summary>
public sealed partial class NativeStore : ISessionStore, ISeekableMessages, IStampedStore, IDeletableStore, ISnapshotStore, IRenamableStore, ITaggableStore, ILiveSessions, IBatchFind
{
    public const string SourceName = "native";

    private readonly TimeProvider _clock;

    public NativeStore(string root, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(root);
        _clock = clock ?? TimeProvider.System;
        Index = new NativeIndex(Root, () => List().Where(s => s.Damaged is null && s.Metadata is not null && Directory.Exists(s.Path)).Select(s => s.Metadata!));
    }

    public string Source => SourceName;
    public string Root { get; }

    public NativeIndex Index { get; }
    internal TimeProvider Clock => _clock;

    /// <summary>The folder of a session (validated id; the folder may not exist).</summary>
    public string SessionDir(string id) => SessionIds.PathIn(Root, id);

    public string MessagesPath(string id) => Path.Combine(SessionDir(id), NativeLayout.MessagesFile);
    public string MetadataPath(string id) => Path.Combine(SessionDir(id), NativeLayout.MetadataFile);
    public string SnapshotsDir(string id) => Path.Combine(SessionDir(id), NativeLayout.SnapshotsFolder);
    public string LockPath(string id) => Path.Combine(SessionDir(id), NativeLayout.LockFile);

    // ---- sessions ---------------------------------------------------------------------------

    /// <summary>A new id in the reference's form (the first 8 characters of a uuid4) that no session folder or legacy file uses.</summary>
    public string NewId()
    {
        while (true)
        {
            string id = Guid.NewGuid().ToString()[..8];
            if (IsFreeId(id)) return id;
        }
    }

    /// <summary>True when no session folder, stray file or legacy <c>&lt;id&gt;.json</c> has this id.</summary>
    public bool IsFreeId(string id)
    {
        string dir = SessionDir(id);
        return !Directory.Exists(dir) && !File.Exists(dir) && !File.Exists(dir + ".json");
    }

    /// <summary>
    /// The reference's <c>create_session</c>: a new 8-character id, the folder with snapshots/ and
    /// artifacts/, metadata (status active) and an index.json entry.
    /// </summary>
    public SessionMetadata Create(string workDir, string model, string? description = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(workDir);
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(Root);
        string now = Timestamps.Now(_clock);
        var meta = new SessionMetadata
        {
            CreatedAt = now,
            LastActive = now,
            Status = SessionStatus.Active,
            WorkDir = workDir,
            Model = model,
            Description = description,
            Tags = tags?.ToList() ?? [],
        };
        meta.Id = NewId();
        string folder = SessionDir(meta.Id);
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(Path.Combine(folder, NativeLayout.SnapshotsFolder));
        Directory.CreateDirectory(Path.Combine(folder, NativeLayout.ArtifactsFolder));
        JsonFile.Write(MetadataPath(meta.Id), NativeJson.WriteMetadata(meta));
        Index.Add(meta);
        return meta;
    }

    /// <summary>
    /// The metadata of one session, or null when there is none. A damaged session throws
    /// <see cref="SessionDamagedException"/> (use <see cref="Find"/> to list it instead).
    /// </summary>
    public SessionMetadata? Get(string id)
    {
        var summary = Find(id);
        if (summary is null) return null;
        if (summary.Damaged is not null) throw new SessionDamagedException(id, summary.Damaged);
        return summary.Metadata!.Clone();
    }

    /// <summary>The reference's <c>list_sessions</c>: filtered, newest activity first, limited.</summary>
    public IReadOnlyList<SessionSummary> ListSessions(SessionQuery? query = null, CancellationToken cancellationToken = default) =>
        (query ?? SessionQuery.All).Apply(List(cancellationToken));

    /// <summary>The session with the newest activity (damaged ones aside), or null.</summary>
    public SessionSummary? Latest() =>
        ListSessions(new SessionQuery { IncludeDamaged = false, Limit = 1 }).FirstOrDefault();

    /// <summary>The reference's <c>update_session</c>: writes the metadata and touches last_active.</summary>
    public void Update(SessionMetadata metadata)
    {
        using var writer = OpenWriter(metadata.Id);
        writer.Save(metadata);
    }

    /// <summary>Reads, changes and writes the metadata under the lock (touching last_active unless told not to); returns the new metadata.</summary>
    public SessionMetadata Update(string id, Action<SessionMetadata> change, bool touch = true)
    {
        using var writer = OpenWriter(id);
        return writer.Update(change, touch);
    }

    /// <summary>Status completed, progress 1.0. Like the reference, last_active is left as it was.</summary>
    public void MarkCompleted(string id) => Update(id, m =>
    {
        m.Status = SessionStatus.Completed;
        m.Progress = 1.0;
    }, touch: false);

    /// <summary>Status crashed; last_active is left as it was.</summary>
    public void MarkCrashed(string id) => Update(id, m => m.Status = SessionStatus.Crashed, touch: false);

    /// <summary>Takes the session's lock (5 s timeout) for a series of writes. Dispose to release.</summary>
    public NativeSessionWriter OpenWriter(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        string dir = SessionDir(id);
        RefuseLink(id, dir);
        if (!Directory.Exists(dir))
        {
            if (File.Exists(dir + ".json")) throw new InvalidOperationException($"session {id} is in the legacy flat layout, which is read-only");
            throw new DirectoryNotFoundException($"session {id} does not exist in {Root}");
        }
        var held = FileLock.Acquire(LockPath(id), timeout, cancellationToken);
        try
        {
            return new NativeSessionWriter(this, id, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="OpenWriter"/>, but returns null at once when another process holds the lock
    /// (the session is live). For edits, not for an agent: the lock's holder record stays the last writer's.
    /// </summary>
    public NativeSessionWriter? TryOpenWriter(string id)
    {
        string dir = SessionDir(id);
        RefuseLink(id, dir);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"session {id} does not exist in {Root}");
        var held = FileLock.TryAcquire(LockPath(id), recordHolder: false);
        if (held is null) return null;
        try
        {
            return new NativeSessionWriter(this, id, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Whether another process writes the session now, and who held its lock last.</summary>
    public LockProbe ProbeLock(string id) => FileLock.Probe(LockPath(id));

    /// <summary>Whether a writer holds the session's lock now (cheaper than <see cref="ProbeLock"/>: no holder record).</summary>
    public bool IsLockHeld(string id) => FileLock.IsHeld(LockPath(id));

    // ---- messages -----------------------------------------------------------------------------

    /// <summary>The reference's <c>append_message</c> under the lock; also counts it in metadata.</summary>
    public Message AppendMessage(string id, string role, string content, JsonObject? metadata = null)
    {
        using var writer = OpenWriter(id);
        return writer.Append(role, content, metadata);
    }

    /// <summary>The last <paramref name="count"/> readable messages (reads the file from its end).</summary>
    public IReadOnlyList<Message> LastMessages(string id, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        string path = MessagesPath(id);
        long from = JsonLinesTail.OffsetOfLastLines(path, count);
        var messages = ReadMessagesFrom(path, from, 0, CancellationToken.None)
            .Where(r => r.Message is not null).Select(r => r.Message!).ToList();
        return messages.Count <= count ? messages : messages.GetRange(messages.Count - count, count);
    }

    /// <summary>The reference's <c>clear_messages</c>, under the lock; message_count becomes 0.</summary>
    public void ClearMessages(string id)
    {
        using var writer = OpenWriter(id);
        writer.ClearMessages();
    }

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        ReadMessages(id, 0, 0, cancellationToken);

    /// <summary>Messages from a byte offset (the start of a line), numbering them from <paramref name="firstIndex"/>. A linked session folder has none: links are not followed.</summary>
    public IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default) =>
        FileTree.IsLink(SessionDir(id)) ? [] : ReadMessagesFrom(MessagesPath(id), fromOffset, firstIndex, cancellationToken);

    /// <summary>A session folder that is a link is never written through (it may point at another session, or out of the store).</summary>
    private static void RefuseLink(string id, string dir)
    {
        if (FileTree.IsLink(dir)) throw new IOException($"session {id} is a symbolic link; links in the store are not followed");
    }

    internal static IEnumerable<MessageRecord> ReadMessagesFrom(string path, long fromOffset, int firstIndex, CancellationToken cancellationToken)
    {
        var state = new ReadState(firstIndex, fromOffset);
        return ReadFailures.EndWith(ReadRecords(path, state, cancellationToken),
            e => new MessageRecord(state.Index, state.Offset, null, $"{NativeLayout.MessagesFile} cannot be read: {e.Message}"));
    }

    /// <summary>Where reading got to, for the record that reports a failure there.</summary>
    private sealed class ReadState(int index, long offset)
    {
        public int Index = index;
        public long Offset = offset;
    }

    private static IEnumerable<MessageRecord> ReadRecords(string path, ReadState state, CancellationToken cancellationToken)
    {
        int index = state.Index;
        foreach (var line in JsonLines.ReadLines(path, state.Offset, cancellationToken))
        {
            var obj = JsonLines.TryParseObject(line, out string? problem, out string? damage);
            var message = obj is null ? null : NativeJson.ReadMessage(obj, out problem);
            // A damaged line carries the index the next good message will have; a repaired one is
            // a message (with replacement characters) that still counts as damaged.
            var record = message is null
                ? new MessageRecord(index, line.Offset, null, problem)
                : new MessageRecord(index++, line.Offset, message, damage);
            (state.Index, state.Offset) = (index, line.Offset + line.Bytes.Length + 1);
            yield return record;
        }
    }

    // ---- snapshots ----------------------------------------------------------------------------

    /// <summary>The reference's <c>create_snapshot</c>: snapshots/step_N.json, written atomically.</summary>
    public Snapshot CreateSnapshot(string id, int step, JsonNode? state)
    {
        using var writer = OpenWriter(id);
        return writer.CreateSnapshot(step, state);
    }

    public Snapshot? GetSnapshot(string id, int step)
    {
        string path = Path.Combine(SnapshotsDir(id), NativeLayout.SnapshotFile(step));
        var read = JsonFile.TryRead(path);
        if (read.Missing) return null;
        var snapshot = read.Ok ? NativeJson.ReadSnapshot(read.Node, step, out string? problem) : null;
        return snapshot ?? throw new InvalidDataException($"snapshot {step} of session {id} is damaged: {read.Error ?? "not an object"}");
    }

    public JsonNode? SnapshotState(string id, int step) => GetSnapshot(id, step)?.State;

    public bool MayBeLive(string id) => IsLockHeld(id);

    /// <summary>The snapshot with the highest step number (not the reference's text order), or null.</summary>
    public Snapshot? LatestSnapshot(string id)
    {
        foreach (var info in ListSnapshots(id).Reverse())
        {
            if (info.Label is not null) continue; // damaged: fall back to the one before
            return GetSnapshot(id, info.Step);
        }
        return null;
    }

    /// <summary>Snapshots in numeric step order; a damaged file is listed with its reason in <see cref="SnapshotInfo.Label"/>.</summary>
    public IReadOnlyList<SnapshotInfo> ListSnapshots(string id)
    {
        string dir = SnapshotsDir(id);
        if (!Directory.Exists(dir)) return [];
        var list = new List<SnapshotInfo>();
        foreach (string file in Directory.EnumerateFiles(dir, "step_*.json"))
        {
            if (NativeLayout.StepOf(Path.GetFileName(file)) is not int step) continue;
            var (timestamp, problem) = SnapshotHeader.Read(file);
            list.Add(new SnapshotInfo(step, timestamp ?? "", file, problem is null ? null : $"damaged: {problem}"));
        }
        list.Sort((a, b) => a.Step.CompareTo(b.Step));
        return list;
    }

    // ---- ISessionStore --------------------------------------------------------------------------

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root)) return [];
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var legacy = new List<FileInfo>();
        var entries = new List<FileSystemInfo>();
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos())
        {
            if (NativeLayout.IsHidden(entry.Name)) continue;
            if (entry is DirectoryInfo)
            {
                if (!SessionIds.IsValid(entry.Name) || KimiLayout.IsWorkDirFolder(entry.FullName)) continue;
                folders.Add(entry.Name);
                entries.Add(entry);
            }
            else if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && SessionIds.IsValid(entry.Name) && !entry.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                // A link in the store root (to a folder or dangling) is shown, never followed.
                folders.Add(entry.Name);
                entries.Add(entry);
            }
            else if (entry.Name.EndsWith(".json", StringComparison.Ordinal) && entry.Name != NativeLayout.IndexFile
                     && (entry.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                legacy.Add((FileInfo)entry);
            }
        }
        var result = new SessionSummary?[entries.Count];
        // Two workers: on a cold cache the reads overlap; more would only fight the other processes.
        Parallel.For(0, entries.Count, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            i => result[i] = (entries[i].Attributes & FileAttributes.ReparsePoint) != 0
                ? NativeSessionReader.ReadLink(entries[i].FullName, entries[i].Name)
                : NativeSessionReader.ReadFolder(entries[i].FullName, entries[i].Name));
        var list = result.Where(s => s is not null).Select(s => s!).ToList();
        foreach (var file in legacy)
        {
            string id = Path.GetFileNameWithoutExtension(file.Name);
            if (SessionIds.IsValid(id) && !folders.Contains(id) && NativeSessionReader.ReadLegacyFile(file.FullName, id) is { } legacySession)
                list.Add(legacySession);
        }
        return list;
    }

    public SessionSummary? Find(string id)
    {
        string dir = SessionDir(id);
        if (KimiLayout.IsWorkDirFolder(dir)) return null;
        if (FileTree.IsLink(dir)) return NativeSessionReader.ReadLink(dir, id);
        if (Directory.Exists(dir)) return NativeSessionReader.ReadFolder(dir, id);
        return File.Exists(dir + ".json") ? NativeSessionReader.ReadLegacyFile(dir + ".json", id) : null;
    }

    /// <summary>Rows as <see cref="Find"/> gives them, read with the store folder held open (a first list reads every session).</summary>
    public ISessionFinder OpenFinder() => new NativeFinder(this);

    /// <summary>The whole session folder (or the legacy file): what a delete moves to the trash; its line in index.json goes with it.</summary>
    public DeletePlan PlanDelete(string id) =>
        PathOf(id) is { } path ? new DeletePlan([path], [$"its entry in {NativeLayout.IndexFile}"]) : DeletePlan.OfFiles([]);

    /// <summary>Where the session is, as <see cref="Find"/> sees it, without reading it (a cleanup plans thousands).</summary>
    private string? PathOf(string id)
    {
        string dir = SessionDir(id);
        if (KimiLayout.IsWorkDirFolder(dir)) return null;
        if (FileTree.IsLink(dir) || Directory.Exists(dir)) return dir;
        // A flat .json file is a (legacy) session only when it reads as one (settings.json is not).
        return File.Exists(dir + ".json") ? Find(id)?.Path : null;
    }

    /// <summary>The session's lock, held through the move, so no writer can start meanwhile (a legacy flat file has none).</summary>
    public IDisposable? Claim(string id)
    {
        if (!Directory.Exists(SessionDir(id))) return null;
        return FileLock.TryAcquire(LockPath(id), recordHolder: false) ?? throw Live(id);
    }

    /// <summary>The claim is the session's lock, which every writer takes (see <see cref="OpenWriter"/>).</summary>
    public bool ClaimExcludesWriters => true;

    public void RemoveRecords(string id, string keepFolder) => Index.Remove(id);

    /// <summary>One index.json rewrite for the whole batch.</summary>
    public void RemoveRecords(IReadOnlyList<(string Id, string KeepFolder)> sessions) => Index.Remove(sessions.Select(s => s.Id).ToList());

    public void RestoreRecords(string id, string keepFolder)
    {
        if (Find(id)?.Metadata is { } meta && Directory.Exists(SessionDir(id))) Index.Add(meta);
    }

    /// <summary>Session folders and legacy files directly in the store (never its trash).</summary>
    public bool Owns(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string name = Path.GetFileName(full);
        return string.Equals(Path.GetDirectoryName(full), Path.TrimEndingDirectorySeparator(Root), StringComparison.Ordinal)
            && !name.StartsWith('.') && name != NativeLayout.IndexFile;
    }

    /// <summary>The description (the title), one atomic metadata write under the session's lock; not activity (last_active stays).</summary>
    public void Rename(string id, string title)
    {
        using var writer = WriterOrRefuse(id);
        writer.Update(m => m.Description = title, touch: false);
    }

    public IReadOnlyList<string> ChangeTags(string id, Func<IReadOnlyList<string>, IReadOnlyList<string>> change)
    {
        using var writer = WriterOrRefuse(id);
        return writer.Update(m => m.Tags = [.. change(m.Tags)], touch: false).Tags;
    }

    /// <summary>
    /// An edit of a live session is refused at once, naming the writer, rather than waiting for a
    /// lock its agent may hold for hours; the lock's holder record is left as it was.
    /// </summary>
    private NativeSessionWriter WriterOrRefuse(string id) => TryOpenWriter(id) ?? throw Live(id);

    private LiveSessionException Live(string id) =>
        new($"session {id} is live: {ProbeLock(id).LastHolder?.ToString() ?? "another process"} is writing it; stop that process first");

    /// <summary>Kimi CLI's resume command (<c>kimi --session ID</c>) in the session's work dir.</summary>
    public ResumeCommand? ResumeCommandFor(string id)
    {
        var summary = Find(id);
        if (summary is null) return null;
        string? workDir = string.IsNullOrEmpty(summary.WorkDir) ? null : summary.WorkDir;
        return new ResumeCommand(["kimi", "--session", id], workDir);
    }

    // ---- doctor -----------------------------------------------------------------------------------

    /// <summary>Checks the store (damaged sessions, index.json out of step, left-over temp files) and optionally repairs index.json.</summary>
    public StoreCheckReport Check(bool repair, CancellationToken cancellationToken = default) =>
        NativeStoreCheck.Run(this, repair, cancellationToken);
}
