using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// The one trash every source deletes into: <c>&lt;native store root&gt;/.trash/&lt;entry&gt;/</c> holds
/// <c>record.json</c> (when, from where, which source and session) and <c>items/</c> (what was
/// moved, links as links). Deleting a session moves exactly <see cref="ISessionStore.FilesOf"/>;
/// restore puts everything back and refuses, touching nothing, if anything now exists at an
/// original place; empty removes entries for good.
/// </summary>
public sealed class SessionTrash
{
    public const string FolderName = ".trash";
    private const string RecordFile = "record.json";
    private const string ItemsFolder = "items";

    private readonly TimeProvider _clock;

    public SessionTrash(string nativeStoreRoot, TimeProvider? clock = null)
    {
        Folder = Path.Combine(Path.GetFullPath(nativeStoreRoot), FolderName);
        _clock = clock ?? TimeProvider.System;
    }

    public string Folder { get; }

    /// <summary>
    /// Moves a session of any source into the trash and tells the source (native: index.json).
    /// Refuses a live session. Returns the entry, whose <see cref="TrashEntry.Id"/> restores it.
    /// </summary>
    public TrashEntry DeleteSession(ISessionStore store, string id)
    {
        var deletable = store.Require<IDeletableStore>("delete");
        var (entry, claim) = MoveSession(store, deletable, id);
        using (claim) RemoveRecords(deletable, id, entry);
        return entry;
    }

    /// <summary>
    /// Records in shared files (index.json, kimi.json's last_session_id, database rows) go after
    /// the files, kept in the entry for undo. A session made only of records (opencode's rows)
    /// whose records could not be removed: nothing moved, so no entry is left.
    /// </summary>
    private static void RemoveRecords(IDeletableStore deletable, string id, TrashEntry entry)
    {
        try
        {
            deletable.RemoveRecords(id, KeepFolder(entry));
        }
        catch when (entry.Items.Count == 0)
        {
            FileTree.Remove(entry.Folder);
            throw;
        }
    }

    /// <summary>
    /// Deletes many sessions of one source, each as <see cref="DeleteSession"/> does, but with the
    /// shared records (index.json) changed once per batch of <see cref="BatchSize"/> rather than
    /// once per session, the batch's trash records flushed to disk together, and its entries
    /// staged and moved on two threads (a cleanup of 10,000 sessions is some 30 file-system calls
    /// each; on two workers their waits overlap). The source is only called from this thread.
    /// A session that cannot go (live, busy, gone) is reported to <paramref name="failed"/> and the rest go on.
    /// </summary>
    public IReadOnlyList<TrashEntry> DeleteSessions(ISessionStore store, IEnumerable<string> ids, Action<string, Exception> failed) =>
        DeleteSessions(store, ids.Select(id => (id, (SessionSummary?)null)), failed);

    /// <summary>
    /// <see cref="DeleteSessions(ISessionStore, IEnumerable{string}, Action{string, Exception})"/> of
    /// sessions a listing has just read (a cleanup): where the source's claim proves no writer is at
    /// work (<see cref="IDeletableStore.ClaimExcludesWriters"/>), the listed row is used instead of
    /// reading each session again.
    /// </summary>
    public IReadOnlyList<TrashEntry> DeleteSessions(ISessionStore store, IEnumerable<SessionSummary> listed, Action<string, Exception> failed) =>
        DeleteSessions(store, listed.Select(s => (s.Id, (SessionSummary?)s)), failed);

    private IReadOnlyList<TrashEntry> DeleteSessions(ISessionStore store, IEnumerable<(string Id, SessionSummary? Listed)> sessions, Action<string, Exception> failed)
    {
        var deletable = store.Require<IDeletableStore>("delete");
        var entries = new List<TrashEntry>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<(string Id, Exception Error)>();
        foreach (var batch in sessions.Chunk(BatchSize))
        {
            var claimed = new List<(string Id, Claimed Session)>();
            var staged = new (string Id, Staged Work)?[batch.Length];
            var moved = new (string Id, TrashEntry Entry)?[batch.Length];
            try
            {
                foreach (var (id, listed) in batch)
                    Try(id, () => claimed.Add((id, ClaimSession(store, deletable, id, listed))));
                InParallel(claimed.Count, i =>
                {
                    var (id, session) = claimed[i];
                    Try(id, () => staged[i] = (id, Stage(session.Plan.Files, store.Source, id, session.Title, durable: false)));
                });
                var ready = staged.OfType<(string Id, Staged Work)>().ToList();
                // The batch's records reach the disk together, before any session moves.
                DiskSync.Flush(ready.Select(s => Path.Combine(s.Work.Folder, RecordFile)).ToList());
                InParallel(ready.Count, i => Try(ready[i].Id, () => moved[i] = (ready[i].Id, Commit(ready[i].Work))));
                var done = moved.OfType<(string Id, TrashEntry Entry)>().ToList();
                // Sessions made only of records go one by one (a failure must take their entry back); the rest in one call.
                foreach (var (id, entry) in done.Where(m => m.Entry.Items.Count == 0))
                    Try(id, () => { RemoveRecords(deletable, id, entry); entries.Add(entry); });
                var withFiles = done.Where(m => m.Entry.Items.Count > 0).ToList();
                if (withFiles.Count > 0) deletable.RemoveRecords(withFiles.Select(m => (m.Id, KeepFolder(m.Entry))).ToList());
                entries.AddRange(withFiles.Select(m => m.Entry));
            }
            finally
            {
                foreach (var (_, session) in claimed) session.Claim?.Dispose();
                // Staged, then refused: nothing of it moved.
                foreach (var work in staged.OfType<(string Id, Staged Work)>())
                    if (Directory.Exists(work.Work.Folder)) FileTree.Remove(work.Work.Folder);
                // Reported here, on the caller's thread, in the order they happened.
                while (failures.TryDequeue(out var failure)) failed(failure.Id, failure.Error);
            }
        }
        return entries;

        void Try(string id, Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException or KeyNotFoundException)
            {
                failures.Enqueue((id, e));
            }
        }
    }

    private static void InParallel(int count, Action<int> body) =>
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, body);

    /// <summary>Sessions deleted together, their claims held at once (each an open lock file): well under the usual limit of 1,024 open files.</summary>
    public const int BatchSize = 256;

    /// <summary>Claims the session (the caller disposes the claim after the records go), refuses a live one, and moves its files into a new entry.</summary>
    private (TrashEntry Entry, IDisposable? Claim) MoveSession(ISessionStore store, IDeletableStore deletable, string id)
    {
        var (work, claim) = StageSession(store, deletable, id, durable: true);
        try
        {
            return (Commit(work), claim);
        }
        catch
        {
            claim?.Dispose();
            if (Directory.Exists(work.Folder)) FileTree.Remove(work.Folder);
            throw;
        }
    }

    /// <summary>Claims the session, refuses a live one, and stages its entry (record written, nothing moved yet).</summary>
    private (Staged Work, IDisposable? Claim) StageSession(ISessionStore store, IDeletableStore deletable, string id, bool durable)
    {
        var session = ClaimSession(store, deletable, id);
        try
        {
            return (Stage(session.Plan.Files, store.Source, id, session.Title, durable), session.Claim);
        }
        catch
        {
            session.Claim?.Dispose();
            throw;
        }
    }

    /// <summary>A session claimed for deletion: what goes, and the claim to release after its records went.</summary>
    private sealed record Claimed(DeletePlan Plan, string? Title, IDisposable? Claim);

    /// <summary>Claims the session, refuses a live one, and asks the source what goes.</summary>
    private static Claimed ClaimSession(ISessionStore store, IDeletableStore deletable, string id, SessionSummary? listed = null)
    {
        if (listed is not null && deletable.ClaimExcludesWriters)
        {
            // The claim refuses a live session itself; held, it shows the session is there and
            // idle, and the listing's row (its title) needs no second read. Not held (the folder
            // went meanwhile, say): read it as below.
            if (deletable.Claim(id) is { } held)
            {
                try
                {
                    return Planned(store, deletable, id, listed.Title, held);
                }
                catch
                {
                    held.Dispose();
                    throw;
                }
            }
        }
        var session = store.Find(id) ?? throw new KeyNotFoundException($"no {store.Source} session {id}");
        // The source's claim (native: the session lock) is held through the move, so no writer can start meanwhile.
        IDisposable? claim = deletable.Claim(id);
        try
        {
            if (session.Liveness == Liveness.Live) throw Live(session, null);
            return Planned(store, deletable, id, session.Title, claim);
        }
        catch
        {
            claim?.Dispose();
            throw;
        }
    }

    private static Claimed Planned(ISessionStore store, IDeletableStore deletable, string id, string? title, IDisposable? claim)
    {
        var plan = deletable.PlanDelete(id);
        if (plan.Files.Count == 0 && plan.Records.Count == 0) throw new FileNotFoundException($"{store.Source} session {id} has nothing to delete");
        return new Claimed(plan, title, claim);
    }

    /// <summary>Moves the given paths (none for a session that is only database rows) into a new entry. Paths must exist; links are moved as links.</summary>
    public TrashEntry Move(IReadOnlyList<string> paths, string source, string sessionId, string? title = null)
    {
        var work = Stage(paths, source, sessionId, title, durable: true);
        try
        {
            return Commit(work);
        }
        finally
        {
            if (Directory.Exists(work.Folder)) FileTree.Remove(work.Folder);
        }
    }

    /// <summary>An entry whose record is written in a hidden work folder, its items not moved yet (see <see cref="Commit"/>).</summary>
    private sealed record Staged(TrashEntry Entry, string Folder, DateTimeOffset At);

    private Staged Stage(IReadOnlyList<string> paths, string source, string sessionId, string? title, bool durable)
    {
        SessionIds.Validate(sessionId);
        SessionIds.Validate(source);
        var full = paths.Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p))).ToList();
        foreach (string path in full)
        {
            if (!FileTree.Exists(path)) throw new FileNotFoundException($"{path} does not exist", path);
            if (IsInside(path, Folder) || IsInside(Folder, path)) throw new ArgumentException($"{path} cannot be moved into the trash that holds it");
        }

        var now = _clock.GetLocalNow();
        var items = full.Select((path, i) => new TrashItem(path, $"{i}-{Path.GetFileName(path)}", KindOf(path))).ToList();
        if (items.Any(item => !IsPlainName(item.StoredName))) throw new ArgumentException("a path to delete has no file name");
        var entry = new TrashEntry
        {
            Id = "",
            Folder = "",
            Source = source,
            SessionId = sessionId,
            Title = title,
            DeletedAt = Timestamps.Format(now),
            Bytes = full.Sum(FileTree.Size),
            Items = items,
        };
        // The record comes first: after a crash mid-move, restore still knows where each item
        // belongs. It is written in a work folder renamed into place, so an entry never lacks it
        // (and needs no write-and-rename of its own: nobody reads the work folder).
        string staging = Path.Combine(Folder, WorkFolderName.New(NewWork));
        Directory.CreateDirectory(staging); // then items/ in it: two mkdirs, not a failed one and a walk up
        Directory.CreateDirectory(Path.Combine(staging, ItemsFolder));
        using (var record = new FileStream(Path.Combine(staging, RecordFile), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1))
        {
            record.Write(Encoding.UTF8.GetBytes(PythonJson.SerializeIndented(ToJson(entry))));
            record.Flush(flushToDisk: durable);
        }
        return new Staged(entry, staging, now);
    }

    /// <summary>Puts a staged entry in place and moves its items in.</summary>
    private TrashEntry Commit(Staged work)
    {
        string entryFolder = NewEntryFolder(work.At, work.Entry.Source, work.Entry.SessionId);
        var entry = work.Entry with { Id = Path.GetFileName(entryFolder), Folder = entryFolder };
        Directory.Move(work.Folder, entryFolder);
        // Across file systems a move is a copy: every item is copied and flushed before any
        // original goes, so a kill leaves the session whole in its place or whole in the trash
        // (what is left of the other side is a part of it, which Restore recognises and drops).
        var copied = new List<TrashItem>();
        foreach (var item in entry.Items)
        {
            if (copied.Count == 0 && FileTree.TryRename(item.OriginalPath, Stored(entry, item))) continue;
            FileTree.CopyFlushed(item.OriginalPath, Stored(entry, item));
            copied.Add(item);
        }
        foreach (var item in copied) FileTree.Remove(item.OriginalPath);
        return entry;
    }

    /// <summary>Every entry, newest first; unreadable records are listed with the reason.</summary>
    public IReadOnlyList<TrashEntry> List()
    {
        if (!Directory.Exists(Folder)) return [];
        var entries = new List<TrashEntry>();
        foreach (string folder in Directory.EnumerateDirectories(Folder))
        {
            if (Path.GetFileName(folder).StartsWith('.')) continue;
            entries.Add(Read(folder));
        }
        return entries
            .OrderByDescending(e => e.DeletedTime ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    public TrashEntry? Find(string entryId)
    {
        SessionIds.Validate(entryId);
        string folder = Path.Combine(Folder, entryId);
        return Directory.Exists(folder) ? Read(folder) : null;
    }

    /// <summary>
    /// The entries for a session id (newest first): what <c>trash restore ID</c> means when the
    /// user gives the session id rather than the entry id.
    /// </summary>
    public IReadOnlyList<TrashEntry> FindBySession(string sessionId) =>
        List().Where(e => e.SessionId == sessionId).ToList();

    /// <summary>
    /// Puts an entry's items back where they were and tells the store (native: index.json).
    /// Throws <see cref="RestoreConflictException"/>, moving nothing, when any original place is taken.
    /// </summary>
    public TrashEntry Restore(string entryId, ISessionStore? store = null)
    {
        var entry = Find(entryId) ?? throw new KeyNotFoundException($"no trash entry {entryId}");
        if (entry.Damaged is not null) throw new InvalidDataException($"trash entry {entryId} cannot be restored: {entry.Damaged}");
        var items = entry.Items.Select(item => (item, stored: Stored(entry, item))).ToList();
        // An item neither here nor in its place was lost (an interrupted 'trash empty', a hand edit):
        // putting back the rest would make a session that looks whole and is not.
        var lost = items.Where(p => !FileTree.Exists(p.stored) && !FileTree.Exists(p.item.OriginalPath)).Select(p => p.item.OriginalPath).ToList();
        if (lost.Count > 0)
            throw new InvalidDataException($"trash entry {entryId} is incomplete: {lost.Count} of {items.Count} item(s) are neither in the trash nor in their place ({string.Join(", ", lost)}); nothing was restored");
        var pending = items.Where(p => FileTree.Exists(p.stored)).ToList(); // an item a crash never moved is still in its place
        // A record is a file anyone can write: put nothing back where the session's source keeps no sessions.
        if (store is IDeletableStore owner && store.Source == entry.Source
            && pending.Select(p => p.item.OriginalPath).FirstOrDefault(path => !owner.Owns(path)) is { } foreign)
            throw new InvalidDataException($"trash entry {entryId} names {foreign}, which is not a place {store.Source} sessions live; nothing was restored");
        // Both here and in place: a delete or restore across file systems was killed midway, and
        // one side is a part of the other (see FileTree.Holds); anything else is someone's new file.
        var both = pending.Where(p => FileTree.Exists(p.item.OriginalPath)).ToList();
        var staleCopies = both.Where(p => FileTree.Holds(p.item.OriginalPath, p.stored)).ToList();
        var partlyBack = both.Except(staleCopies).Where(p => FileTree.Holds(p.stored, p.item.OriginalPath)).ToList();
        var conflicts = both.Except(staleCopies).Except(partlyBack).Select(p => p.item.OriginalPath).ToList();
        if (conflicts.Count > 0) throw new RestoreConflictException(conflicts);
        foreach (var (_, stored) in staleCopies) FileTree.Remove(stored);
        foreach (var (item, _) in partlyBack) FileTree.Remove(item.OriginalPath);
        foreach (var (item, stored) in pending.Except(staleCopies)) FileTree.Move(stored, item.OriginalPath);
        if (store is not null && store.Source == entry.Source) (store as IDeletableStore)?.RestoreRecords(entry.SessionId, KeepFolder(entry));
        FileTree.Remove(entry.Folder);
        return entry;
    }

    /// <summary>
    /// The entries deleted more than <paramref name="olderThan"/> ago (all when null): what
    /// <see cref="Empty"/> removes, so a confirmation can show exactly that list. An entry whose
    /// record has no readable time counts from its folder's last change.
    /// </summary>
    public IReadOnlyList<TrashEntry> Expired(TimeSpan? olderThan = null)
    {
        if (olderThan is not { } age) return List();
        var cutoff = _clock.GetUtcNow() - age;
        return List()
            .Where(entry => (entry.DeletedTime ?? new DateTimeOffset(Directory.GetLastWriteTimeUtc(entry.Folder), TimeSpan.Zero)) < cutoff)
            .ToList();
    }

    /// <summary>Removes entries for good: all, or those deleted more than <paramref name="olderThan"/> ago. Returns what went.</summary>
    public IReadOnlyList<TrashEntry> Empty(TimeSpan? olderThan = null) => Remove(Expired(olderThan));

    /// <summary>Removes exactly these entries for good (ones already gone are skipped). Returns what went.</summary>
    public IReadOnlyList<TrashEntry> Remove(IEnumerable<TrashEntry> entries)
    {
        var removed = new List<TrashEntry>();
        foreach (var entry in entries)
        {
            if (!Directory.Exists(entry.Folder)) continue;
            // Out of the list in one rename first: a kill mid-removal leaves a hidden work folder
            // doctor removes, never an entry that looks restorable with half its items.
            string doomed = Path.Combine(Folder, WorkFolderName.New(RemoveWork));
            Directory.Move(entry.Folder, doomed);
            FileTree.Remove(doomed);
            removed.Add(entry);
        }
        return removed;
    }

    /// <summary>
    /// What interrupted trash work left (for <c>doctor</c>): work folders of killed deletes and
    /// empties (removed on repair), entries without a readable record (removed on repair when
    /// they hold nothing, else reported), and entries whose items are lost.
    /// </summary>
    public IReadOnlyList<StoreProblem> Check(bool repair)
    {
        var problems = new List<StoreProblem>();
        if (!Directory.Exists(Folder)) return problems;
        foreach (string folder in Directory.EnumerateDirectories(Folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(folder);
            if (WorkFolderName.IsLeftover(name, NewWork) || WorkFolderName.IsLeftover(name, RemoveWork))
            {
                if (repair) FileTree.Remove(folder);
                problems.Add(new StoreProblem(null, $"left-over trash work folder {FolderName}/{name} of an interrupted {(WorkFolderName.IsOf(name, NewWork) ? "delete" : "trash empty")}", repair));
                continue;
            }
            if (name.StartsWith('.')) continue;
            var entry = Read(folder);
            if (entry.Damaged is not null)
            {
                string items = Path.Combine(folder, ItemsFolder);
                bool empty = !Directory.Exists(items) || !Directory.EnumerateFileSystemEntries(items).Any();
                bool removable = empty && !File.Exists(Path.Combine(folder, RecordFile));
                if (repair && removable) FileTree.Remove(folder);
                problems.Add(new StoreProblem(null, $"trash entry {name}: {entry.Damaged}" + (removable ? " and it holds nothing" : "; its items are kept, look at them by hand"), repair && removable));
                continue;
            }
            int lost = entry.Items.Count(item => !FileTree.Exists(Stored(entry, item)) && !FileTree.Exists(item.OriginalPath));
            int halfway = entry.Items.Count(item => FileTree.Exists(Stored(entry, item)) && FileTree.Exists(item.OriginalPath));
            if (lost > 0)
                problems.Add(new StoreProblem(entry.SessionId.Length > 0 ? entry.SessionId : null,
                    $"trash entry {name} is incomplete: {lost} of {entry.Items.Count} item(s) lost; it cannot be restored ('trash empty' removes it)", false));
            else if (halfway > 0)
                problems.Add(new StoreProblem(entry.SessionId.Length > 0 ? entry.SessionId : null,
                    $"trash entry {name} is an interrupted delete or restore ({halfway} item(s) both in the trash and in place); 'trash restore {name}' finishes it", false));
        }
        return problems;
    }

    private const string NewWork = "new";
    private const string RemoveWork = "removing";

    private static string Stored(TrashEntry entry, TrashItem item) => Path.Combine(entry.Folder, ItemsFolder, item.StoredName);

    /// <summary>Where a source keeps, inside the entry, what it removed from shared files.</summary>
    private static string KeepFolder(TrashEntry entry) => Path.Combine(entry.Folder, KeepFolderName);

    private const string KeepFolderName = "keep";

    internal static LiveSessionException Live(SessionSummary session, LockHolder? holder)
    {
        string who = holder?.Pid is null ? "another process" : holder.ToString();
        return new LiveSessionException($"session {session.Id} is live: {who} is writing it; stop that process first");
    }

    private string NewEntryFolder(DateTimeOffset now, string source, string sessionId)
    {
        string stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string name = $"{stamp}-{source}-{sessionId}";
        string folder = Path.Combine(Folder, name);
        for (int n = 2; Directory.Exists(folder); n++) folder = Path.Combine(Folder, $"{name}-{n}");
        return folder;
    }

    private static string KindOf(string path) =>
        FileTree.IsLink(path) ? TrashItem.LinkKind : Directory.Exists(path) ? TrashItem.FolderKind : TrashItem.FileKind;

    private static bool IsPlainName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(['/', '\\', '\0']) < 0;

    private static bool IsInside(string path, string folder)
    {
        string relative = Path.GetRelativePath(folder, path);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }

    private static JsonObject ToJson(TrashEntry entry)
    {
        var items = new JsonArray();
        foreach (var item in entry.Items)
            items.Add((JsonNode?)new JsonObject { ["original"] = item.OriginalPath, ["stored"] = item.StoredName, ["kind"] = item.Kind });
        return new JsonObject
        {
            ["version"] = 1,
            ["source"] = entry.Source,
            ["session_id"] = entry.SessionId,
            ["title"] = entry.Title,
            ["deleted_at"] = entry.DeletedAt,
            ["bytes"] = entry.Bytes,
            ["items"] = items,
        };
    }

    private static TrashEntry Read(string folder)
    {
        string id = Path.GetFileName(folder);
        var read = JsonFile.TryRead(Path.Combine(folder, RecordFile));
        if (read.Node is not JsonObject obj)
            return new TrashEntry { Id = id, Folder = folder, Damaged = read.Error ?? "record.json is not an object" };
        var items = new List<TrashItem>();
        string? problem = null;
        foreach (var node in obj["items"] as JsonArray ?? [])
        {
            string? original = node is JsonObject o ? NativeJson.String(o, "original") : null;
            string? stored = node is JsonObject s ? NativeJson.String(s, "stored") : null;
            // A record is input like any other: a stored name must stay inside items/, an original must be absolute.
            if (original is null || stored is null || !Path.IsPathFullyQualified(original) || !IsPlainName(stored))
            {
                problem = "record.json has an item without a valid original path or stored name";
                continue;
            }
            items.Add(new TrashItem(original, stored, (node as JsonObject) is { } k ? NativeJson.String(k, "kind") ?? TrashItem.FileKind : TrashItem.FileKind));
        }
        return new TrashEntry
        {
            Id = id,
            Folder = folder,
            Source = NativeJson.String(obj, "source") ?? "",
            SessionId = NativeJson.String(obj, "session_id") ?? "",
            Title = NativeJson.String(obj, "title"),
            DeletedAt = NativeJson.String(obj, "deleted_at") ?? "",
            Bytes = NativeJson.Integer(obj, "bytes"),
            Items = items,
            Damaged = problem,
        };
    }
}
