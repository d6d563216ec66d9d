using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>What a reconcile changed. <see cref="Describe"/> is the line the user sees ("12 updated").</summary>
public sealed record ReconcileReport(int Added, int Updated, int Removed, int Unchanged, TimeSpan Elapsed)
{
    public int Changed => Added + Updated + Removed;

    public string Describe() => Changed == 0
        ? "index up to date"
        : $"{Changed} updated ({Added} new, {Updated} changed, {Removed} removed)";
}

/// <summary>
/// Progress of a reconcile: sessions done out of those that need reading; <see cref="Visible"/>
/// of them committed, so a list or search on another connection sees them now.
/// </summary>
public readonly record struct ReconcileProgress(int Done, int Total, int Visible = 0);

/// <summary>How much a reconcile brings up to date.</summary>
public enum ReconcileScope
{
    /// <summary>The session table only (what the list shows): quick, messages are not read.</summary>
    Summaries,
    /// <summary>Sessions and the full text of their messages (what search needs).</summary>
    Everything,
}

public sealed partial class SearchCache
{
    // Commit every so often so a long first indexing is visible to searches and survives a kill.
    private const int SessionsPerCommit = 256;

    // The first commit comes after a screenful (the newest sessions): a list filling from an empty
    // index shows its top rows after reading these few, not a full batch (issue 16, cold paths).
    private const int FirstCommit = 48;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(1);

    // Sessions with at least this many messages keep their line offsets for MessageList.
    private const int OffsetsWorthKeeping = 1000;

    private sealed record Row(long Sid, FileStamp Head, FileStamp? SummaryMessages, bool MessagesIndexed, FileStamp? Messages,
        int Count, long? LastOffset, long? LastHash);

    /// <summary>Whether a reconcile of this scope has ever finished, so the index can answer for it (stale at worst).</summary>
    public bool IsReady(ReconcileScope scope)
    {
        // Once ready, always ready (until a rebuild): asked on every keystroke, so remembered.
        if (_ready.Contains(scope)) return true;
        bool ready = ReadyInDatabase(scope);
        if (ready) _ready.Add(scope);
        return ready;
    }

    private readonly System.Collections.Concurrent.ConcurrentBag<ReconcileScope> _ready = [];

    private bool ReadyInDatabase(ReconcileScope scope) => Guarded(connection => ReadState(connection, StateKey(scope)) == "1");

    /// <summary>
    /// Brings the index in line with the store's files: new sessions read in, changed ones
    /// re-read (appended messages only, when the messages file just grew), vanished ones
    /// dropped. Sessions whose stamps are unchanged are not opened.
    /// </summary>
    public ReconcileReport Reconcile(ReconcileScope scope = ReconcileScope.Everything, IProgress<ReconcileProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return ReconcileOnce(scope, progress, cancellationToken);
        }
        catch (SqliteException e) when (IndexDatabase.IsDamage(e))
        {
            Rebuild();
            return ReconcileOnce(scope, progress, cancellationToken);
        }
    }

    private static string StateKey(ReconcileScope scope) => scope == ReconcileScope.Everything ? "messages-complete" : "summaries-complete";

    private ReconcileReport ReconcileOnce(ReconcileScope scope, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        bool everything = scope == ReconcileScope.Everything;
        using var connection = _db.Connect();
        // Summaries need only metadata.json's stamp, but for the sessions whose title came from their
        // first message: half the stats (see SummaryStale).
        var (stamps, listed) = CurrentStamps(everything ? null : TitleFromMessages(connection), cancellationToken);
        // The same stamps as last time: nothing changed, and the rows need not even be read.
        string fingerprint = Fingerprint(stamps.Values);
        if (IsReady(scope) && ReadState(connection, FingerprintKey(scope)) == fingerprint)
            return new ReconcileReport(0, 0, 0, stamps.Count, clock.Elapsed);

        return Write(connection, scope, stamps, listed, fingerprint, progress, cancellationToken) with { Elapsed = clock.Elapsed };
    }

    /// <summary>
    /// Brings the rows in line with <paramref name="stamps"/>, reading the summaries that changed
    /// (from <paramref name="listed"/> when given), and records the stamps' fingerprint.
    /// </summary>
    /// <param name="oneCommit">
    /// One transaction for all (a first list's rows, already shown from the quick pass), written
    /// through a rollback journal where the index is not in use elsewhere (see <see cref="JournalMode"/>);
    /// else in WAL mode with its pages held in a larger cache, so each page goes to the WAL once
    /// (committed every 256 sessions, with SQLite's 2 MB cache spilling between, 10,000 rows wrote
    /// 26,000 pages for a 4,200-page file).
    /// </param>
    private ReconcileReport Write(SqliteConnection connection, ReconcileScope scope, Dictionary<string, SessionStamp> stamps,
        Dictionary<string, SessionSummary>? listed, string fingerprint, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken,
        bool oneCommit = false)
    {
        bool everything = scope == ReconcileScope.Everything;
        // Something changed. One writer at a time in this process, other processes wait on SQLite's
        // write lock, and the rows are read under it, so another writer's work is never redone.
        lock (_writeGate)
        {
            // A first indexing writes the whole index: no waiting for the disk at each checkpoint.
            // A killed process loses nothing the WAL holds; a machine that stops mid-way may leave
            // a damaged file, which the next open finds (IndexDatabase.Open) and rebuilds.
            if (!IsReady(scope)) Execute(connection, "PRAGMA synchronous = OFF");
            bool rollback = oneCommit && !IsReady(scope) && JournalMode.TryRollback(connection);
            // Every other write in WAL mode, also after a switch back that another reader refused.
            if (!rollback) JournalMode.EnsureWal(connection);
            object? cacheSize = oneCommit && !rollback ? Scalar(connection, "PRAGMA cache_size") : null;
            if (cacheSize is not null) Execute(connection, $"PRAGMA cache_size = -{OneCommitCacheKiB}");
            try
            {
                return WriteLocked(connection, scope, stamps, listed, fingerprint, progress, cancellationToken, oneCommit);
            }
            finally
            {
                if (rollback) JournalMode.BackToWal(connection);
                // The connection goes back to the pool: the next user gets SQLite's usual cache.
                if (cacheSize is not null) Execute(connection, $"PRAGMA cache_size = {Convert.ToInt64(cacheSize, System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }
    }

    // Enough for 10,000 sessions' rows (4,200 pages); a larger store spills past it as before.
    private const int OneCommitCacheKiB = 32 * 1024;

    private ReconcileReport WriteLocked(SqliteConnection connection, ReconcileScope scope, Dictionary<string, SessionStamp> stamps,
        Dictionary<string, SessionSummary>? listed, string fingerprint, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken,
        bool oneCommit)
    {
        bool everything = scope == ReconcileScope.Everything;
        var transaction = connection.BeginTransaction(deferred: false);
        var (rows, changed, removed) = Differences(connection, stamps, everything);
        string? titlesBefore = ReadState(connection, TitleFromMessagesKey);
        var titles = TitleFromMessages(titlesBefore);
        var report = Apply(connection, ref transaction, rows, changed, removed, listed, titles, everything, oneCommit, progress, cancellationToken);
        WriteState(connection, StateKey(ReconcileScope.Summaries), "1");
        if (everything) WriteState(connection, StateKey(ReconcileScope.Everything), "1");
        // Summary changes alone leave the messages unchecked: the next full reconcile compares rows.
        else if (report.Changed > 0) WriteState(connection, FingerprintKey(ReconcileScope.Everything), null);
        WriteState(connection, FingerprintKey(scope), fingerprint);
        // Some 3,000 ids in 10,000 sessions: seven pages into the WAL on every small update, unless unchanged.
        string titlesNow = string.Join('\n', titles.Order(StringComparer.Ordinal));
        if (titlesNow != titlesBefore) WriteState(connection, TitleFromMessagesKey, titlesNow);
        if (report.Changed > 0) WriteState(connection, RowsVersionKey, Guid.NewGuid().ToString("N"));
        transaction.Commit();
        transaction.Dispose();
        // A small update stays in the WAL for the next process (see IndexDatabase.Connect); a
        // large one is copied into the file now and the WAL emptied, so it neither weighs on
        // the cache folder nor has to be read again by every process that opens the index.
        // So are small ones once they add up to a long WAL (see IndexDatabase.WalIsLong).
        if (report.Changed >= SessionsPerCommit || _db.WalIsLong()) Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        return report with { Unchanged = stamps.Count - changed.Count };
    }

    private readonly Lock _writeGate = new();

    /// <summary>
    /// Sessions to (re-)read, newest first (by their metadata's time: the list fills from the top
    /// while a first indexing runs), and sessions gone from the store; with the rows of both (those
    /// of unchanged sessions are compared as they are read and not kept: a search after a few
    /// sessions grew kept 10,000 rows and their ids, and the collector's copying of them was most
    /// of reading them).
    /// </summary>
    private (Dictionary<string, Row> Rows, List<SessionStamp> Changed, List<string> Removed) Differences(SqliteConnection connection,
        Dictionary<string, SessionStamp> stamps, bool everything)
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        var removed = new List<string>();
        var indexed = new HashSet<string>(stamps.Count, StringComparer.Ordinal);
        var byId = stamps.GetAlternateLookup<ReadOnlySpan<char>>();
        char[] name = new char[64];
        ReadRows(connection, (bytes, row) =>
        {
            if (Encoding.UTF8.GetMaxCharCount(bytes.Length) > name.Length) name = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
            int length = Encoding.UTF8.GetChars(bytes, name);
            if (byId.TryGetValue(name.AsSpan(0, length), out string? id, out var stamp))
            {
                indexed.Add(id);
                if (SummaryStale(row, stamp) || everything && MessagesStale(row, stamp)) rows[id] = row;
            }
            else
            {
                string gone = new(name, 0, length);
                rows[gone] = row;
                removed.Add(gone);
            }
        });
        var changed = stamps.Values.Where(s => !indexed.Contains(s.Id) || rows.ContainsKey(s.Id))
            .OrderByDescending(s => s.Head.LastWriteTicks).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return (rows, changed, removed);
    }

    /// <summary>A session's row as read (its id as SQLite's UTF-8 bytes, valid only during the call).</summary>
    private delegate void RowRead(ReadOnlySpan<byte> id, Row row);

    private ReconcileReport Apply(SqliteConnection connection, ref SqliteTransaction transaction, Dictionary<string, Row> rows,
        List<SessionStamp> changed, List<string> removed, Dictionary<string, SessionSummary>? listed, HashSet<string> titles, bool everything,
        bool oneCommit, IProgress<ReconcileProgress>? progress,
        CancellationToken cancellationToken)
    {
        int added = 0, updated = 0, gone = 0, visible = 0;
        var sinceCommit = Stopwatch.StartNew();
        int inBatch = 0;
        using var sessionRows = new SessionRowWriter(connection);
        void MaybeCommit(ref SqliteTransaction open, int done)
        {
            if (oneCommit) return;
            if (++inBatch < (visible == 0 ? FirstCommit : SessionsPerCommit) && sinceCommit.Elapsed < CommitInterval) return;
            sessionRows.Flush(open);
            open.Commit();
            open.Dispose();
            open = connection.BeginTransaction(deferred: false);
            inBatch = 0;
            visible = done;
            sinceCommit.Restart();
        }

        foreach (var id in removed)
        {
            DeleteSession(connection, rows[id].Sid, id);
            titles.Remove(id);
            gone++;
            MaybeCommit(ref transaction, 0);
        }
        // New sessions get ids counting down from above the highest, newest first, so a higher id
        // means a newer session: search ranks the newest matches when there are too many to rank all.
        var sids = new Dictionary<string, long>(StringComparer.Ordinal);
        long nextSid = MaxSid(connection) + changed.Count(s => !rows.ContainsKey(s.Id));
        foreach (var stamp in changed) sids[stamp.Id] = rows.TryGetValue(stamp.Id, out var known) ? known.Sid : nextSid--;
        changed = InsertOrder(changed, sids, everything);
        var summaries = new SessionSummary?[changed.Count];
        int summariesRead = 0;
        bool IndexesMessages(SessionStamp stamp) => everything && (!rows.TryGetValue(stamp.Id, out var known) || MessagesStale(known, stamp));
        // With messages, each session (summary and messages) is read ahead of the writer on the
        // other threads, so this one only writes; summaries alone come a chunk at a time (ReadSummaries).
        var pool = new BatchPool();
        var own = new IndexBatch();
        using var ahead = everything
            ? new ReadAhead<AheadSession>(changed.Count, (k, token) => new AheadSession(
                    SummaryOf(changed[k], listed),
                    IndexesMessages(changed[k]) ? ReadAheadOf(changed[k], rows.GetValueOrDefault(changed[k].Id), pool, token) : null),
                ReadAhead<AheadSession>.WorkersBesideOneWriter, SessionsReadAhead, cancellationToken)
            : null;
        using var appender = new MessageAppender(connection);
        for (int i = 0; i < changed.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stamp = changed[i];
            rows.TryGetValue(stamp.Id, out var row);
            bool indexMessages = IndexesMessages(stamp);
            SessionSummary? summary;
            AheadMessages? read = null;
            if (ahead is not null) (summary, read) = ahead.Take(i);
            else
            {
                if (i == summariesRead) summariesRead = ReadSummaries(changed, i, summaries, listed, cancellationToken);
                summary = summaries[i];
                summaries[i] = null;
            }
            if (summary is null)
            {
                // Gone between the listing and now.
                if (row is not null) { DeleteSession(connection, row.Sid, stamp.Id); gone++; }
                titles.Remove(stamp.Id);
            }
            else
            {
                var titleSource = SummaryMessagesStamp(stamp, summary);
                if (titleSource is null) titles.Remove(stamp.Id);
                else titles.Add(stamp.Id);
                long sid = sids[stamp.Id];
                sessionRows.Transaction = transaction;
                sessionRows.WriteOwnText(sid, row is null, summary);
                var messages = indexMessages ? IndexMessages(connection, appender, sid, stamp, row, read, own, cancellationToken) : null;
                sessionRows.WriteRow(sid, row is null, stamp, summary, titleSource, messages);
                if (row is null) added++; else updated++;
            }
            if (read?.Batch is { } done) pool.Return(done);
            MaybeCommit(ref transaction, i + 1);
            progress?.Report(new ReconcileProgress(i + 1, changed.Count, visible));
        }
        sessionRows.Flush(transaction);
        return new ReconcileReport(added, updated, gone, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// FTS5 writes fastest when row ids only grow: a smaller one flushes what it holds as a new
    /// segment, to be merged later (a first indexing written newest first took 10% longer). So
    /// messages are indexed in id order; summaries alone newest first (the list fills from the
    /// top) but in id order within each commit.
    /// </summary>
    private static List<SessionStamp> InsertOrder(List<SessionStamp> newestFirst, Dictionary<string, long> sids, bool everything) =>
        everything
            ? [.. newestFirst.OrderBy(s => sids[s.Id])]
            : [.. newestFirst.Take(FirstCommit).OrderBy(s => sids[s.Id]),
               .. newestFirst.Skip(FirstCommit).Chunk(SessionsPerCommit).SelectMany(batch => batch.OrderBy(s => sids[s.Id]))];

    private static long MaxSid(SqliteConnection connection) => Convert.ToInt64(Scalar(connection, "SELECT coalesce(max(sid), 0) FROM sessions"));

    // Summaries are read a chunk at a time by two workers (on a cold disk cache the reads overlap),
    // then written by this thread; more workers would only fight the other processes. The first
    // chunk is the first commit's.
    private const int SummaryChunk = SessionsPerCommit;

    /// <summary>Reads the chunk of summaries from <paramref name="start"/>; returns where the next chunk starts.</summary>
    private int ReadSummaries(List<SessionStamp> changed, int start, SessionSummary?[] into,
        Dictionary<string, SessionSummary>? listed, CancellationToken cancellationToken)
    {
        int end = Math.Min(changed.Count, start == 0 ? FirstCommit : start + SummaryChunk);
        Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            i => into[i] = SummaryOf(changed[i], listed));
        return end;
    }

    /// <summary>A session's summary as it is now: from the listing when the store was listed for its stamps, else read.</summary>
    private SessionSummary? SummaryOf(SessionStamp stamp, Dictionary<string, SessionSummary>? listed) =>
        listed is not null ? listed.GetValueOrDefault(stamp.Id) : Store.Find(stamp.Id);

    // A summary depends on the messages file only when its title came from there (no description):
    // then the row keeps that file's stamp, and only then is it taken when the listing skipped it.
    private bool SummaryStale(Row row, SessionStamp stamp) =>
        row.Head != stamp.Head || row.SummaryMessages is { } before && before != MessagesStampOf(stamp);

    private FileStamp? MessagesStampOf(SessionStamp stamp) =>
        stamp.Messages == FileStamp.NotTaken ? (Store as IStampedStore)?.StampOf(stamp.Id)?.Messages : stamp.Messages;

    /// <summary>What the row remembers of the messages file for its summary: its stamp when the title came from it.</summary>
    private FileStamp? SummaryMessagesStamp(SessionStamp stamp, SessionSummary summary) =>
        string.IsNullOrWhiteSpace(summary.Description) ? MessagesStampOf(stamp) : null;

    // Without a messages stamp the messages live in the head file: a new head means new messages.
    private static bool MessagesStale(Row row, SessionStamp stamp) =>
        !row.MessagesIndexed || row.Messages != stamp.Messages || stamp.Messages is null && row.Head != stamp.Head;

    /// <summary>Stamps from the store, or (for a store that cannot stamp) from its listing and the files' times.</summary>
    private (Dictionary<string, SessionStamp> Stamps, Dictionary<string, SessionSummary>? Listed) CurrentStamps(
        IReadOnlySet<string>? messagesOf, CancellationToken cancellationToken)
    {
        if (Store is IStampedStore stamped)
        {
            var taken = stamped.Stamps(messagesOf, cancellationToken);
            var stamps = new Dictionary<string, SessionStamp>(taken.TryGetNonEnumeratedCount(out int count) ? count : 0, StringComparer.Ordinal);
            foreach (var stamp in taken) stamps[stamp.Id] = stamp;
            return (stamps, null);
        }
        var listed = new Dictionary<string, SessionSummary>(StringComparer.Ordinal);
        var fallback = new Dictionary<string, SessionStamp>(StringComparer.Ordinal);
        foreach (var summary in Store.List(cancellationToken))
        {
            listed[summary.Id] = summary;
            fallback[summary.Id] = new SessionStamp(summary.Id, FolderOrFileStamp(summary.Path), null);
        }
        return (fallback, listed);
    }

    /// <summary>A file's stamp; for a folder, its files' total length and latest write (an append changes a file, not its folder).</summary>
    private static FileStamp FolderOrFileStamp(string path)
    {
        var folder = new DirectoryInfo(path);
        if (!folder.Exists) return FileStamp.Of(path);
        long length = 0, latest = folder.LastWriteTimeUtc.Ticks;
        foreach (var file in folder.EnumerateFiles())
        {
            length += file.Length;
            latest = Math.Max(latest, file.LastWriteTimeUtc.Ticks);
        }
        return new FileStamp(length, latest);
    }

    /// <summary>
    /// Every session's row as a reconcile compares it, read through SQLite's own API: through the
    /// data reader's checks per value, 10,000 rows of 12 columns were a tenth of the CPU of a
    /// search after a few sessions grew.
    /// </summary>
    private static void ReadRows(SqliteConnection connection, RowRead read)
    {
        const string Query = """
            SELECT sid, id, head_len, head_mtime, summary_msg_len, summary_msg_mtime, msg_indexed, msg_len, msg_mtime,
                   msg_count, last_offset, last_hash
            FROM sessions
            """;
        using (var statement = RawStatement.Prepare(connection, Query, persistent: false))
        {
            int rc;
            while ((rc = SQLitePCL.raw.sqlite3_step(statement)) == SQLitePCL.raw.SQLITE_ROW)
            {
                read(SQLitePCL.raw.sqlite3_column_blob(statement, 1), new Row(
                    SQLitePCL.raw.sqlite3_column_int64(statement, 0),
                    new FileStamp(SQLitePCL.raw.sqlite3_column_int64(statement, 2), SQLitePCL.raw.sqlite3_column_int64(statement, 3)),
                    Stamp(statement, 4),
                    SQLitePCL.raw.sqlite3_column_int64(statement, 6) != 0,
                    Stamp(statement, 7),
                    SQLitePCL.raw.sqlite3_column_int(statement, 9),
                    Int64(statement, 10),
                    Int64(statement, 11)));
            }
            RawStatement.Expect(connection, rc, SQLitePCL.raw.SQLITE_DONE);
        }
    }

    private static bool IsNull(SQLitePCL.sqlite3_stmt statement, int column) =>
        SQLitePCL.raw.sqlite3_column_type(statement, column) == SQLitePCL.raw.SQLITE_NULL;

    private static long? Int64(SQLitePCL.sqlite3_stmt statement, int column) =>
        IsNull(statement, column) ? null : SQLitePCL.raw.sqlite3_column_int64(statement, column);

    private static FileStamp? Stamp(SQLitePCL.sqlite3_stmt statement, int column) =>
        IsNull(statement, column) ? null : new FileStamp(SQLitePCL.raw.sqlite3_column_int64(statement, column), SQLitePCL.raw.sqlite3_column_int64(statement, column + 1));

    // Sessions read ahead of the writer: enough to keep it busy. More only hold records long enough
    // for the collector to promote them (64 took 8% more CPU, twice the collection pauses).
    private const int SessionsReadAhead = 8;

    // A messages file larger than this is not read ahead but streamed by the writer, so that the
    // sessions held ahead stay a few megabytes whatever the store holds.
    private const long LargestReadAhead = 1 << 20;

    /// <summary>A session's records read ahead: from its last indexed one (<see cref="FromLast"/>) or from its start; or why they could not be read.</summary>
    private sealed record AheadMessages(bool FromLast, IndexBatch? Batch, Exception? Failure);

    /// <summary>A session read ahead: its summary (null: gone), and its messages when they are (re-)indexed.</summary>
    private sealed record AheadSession(SessionSummary? Summary, AheadMessages? Messages);

    // What the writer streams of a file too large to read ahead, at a time.
    private const int StreamedBatchBytes = 1 << 20;

    /// <summary>
    /// Whether a session's new messages may continue its indexed ones: the store reads from an
    /// offset and the messages file did not shrink. <see cref="MessageAppender.TryContinue"/> then
    /// checks that the last indexed record is still there.
    /// </summary>
    private bool MayContinue(Row? row, SessionStamp stamp) =>
        Store is ISeekableMessages && row is { MessagesIndexed: true, Count: > 0, LastOffset: not null, Messages: { } before }
        && stamp.Messages is { } now && now.Length >= before.Length;

    private IEnumerable<IndexBatch> ReadForIndex(SessionStamp stamp, Row? row, bool fromLast, IndexBatch batch, int batchBytes,
        CancellationToken cancellationToken) =>
        IndexFeed.Read(Store, stamp.Id, fromLast ? row!.LastOffset!.Value : null, fromLast ? row!.Count - 1 : 0, batch, batchBytes, cancellationToken);

    /// <summary>Runs on a read-ahead worker: the records the writer will index for this session (null: too large, the writer streams them).</summary>
    private AheadMessages? ReadAheadOf(SessionStamp stamp, Row? row, BatchPool pool, CancellationToken cancellationToken)
    {
        if ((stamp.Messages ?? stamp.Head).Length > LargestReadAhead) return null;
        bool fromLast = MayContinue(row, stamp);
        var batch = pool.Take();
        try
        {
            // One batch holds the whole session: no size makes it hand over early.
            foreach (var _ in ReadForIndex(stamp, row, fromLast, batch, int.MaxValue, cancellationToken)) { }
            return new AheadMessages(fromLast, batch, null);
        }
        catch (Exception e) when (ReadFailures.IsReadFailure(e))
        {
            pool.Return(batch);
            return new AheadMessages(fromLast, null, e);
        }
    }

    /// <summary>The records read ahead, or (none read ahead, or not these) read now into the writer's own batch.</summary>
    private IEnumerable<IndexBatch> Records(AheadMessages? read, bool fromLast, SessionStamp stamp, Row? row, IndexBatch own,
        CancellationToken cancellationToken)
    {
        if (read is null || read.FromLast != fromLast) return ReadForIndex(stamp, row, fromLast, own, StreamedBatchBytes, cancellationToken);
        if (read.Failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return [read.Batch!];
    }

    /// <summary>Batches for reuse: the few read ahead at any time, and the writer's own, come back here when written.</summary>
    private sealed class BatchPool
    {
        private readonly System.Collections.Concurrent.ConcurrentBag<IndexBatch> _free = [];

        public IndexBatch Take() => _free.TryTake(out var batch) ? batch : new IndexBatch();

        public void Return(IndexBatch batch) => _free.Add(batch);
    }

    /// <summary>Writes the session's messages into the word index; returns what its row keeps of them (written later, see <see cref="SessionRowWriter"/>).</summary>
    private IndexedMessages IndexMessages(SqliteConnection connection, MessageAppender appender, long sid, SessionStamp stamp, Row? row,
        AheadMessages? read, IndexBatch own, CancellationToken cancellationToken)
    {
        appender.Start(sid);
        bool appended = false;
        try
        {
            appended = MayContinue(row, stamp)
                && appender.TryContinue(Records(read, true, stamp, row, own, cancellationToken), row!.Count - 1, row.LastOffset!.Value, row.LastHash);
            if (!appended)
            {
                // A new session has no rows to drop.
                if (row is not null) appender.DeleteAll();
                appender.AddAll(Records(read, false, stamp, row, own, cancellationToken), 0);
            }
        }
        catch (Exception e) when (ReadFailures.IsReadFailure(e))
        {
            // Messages that cannot be read (a FIFO in place of a transcript, no permission): the
            // session is searched by nothing, its row says it is damaged, and the search goes on
            // for every other session. A new stamp reads it again.
            appended = false;
            appender.DeleteAll();
        }

        // Line offsets for MessageList: all of them, or none (it then scans the file itself).
        var offsets = appended ? Concat(Offsets(connection, stamp.Id, row!.Count - 1), appender.Offsets) : appender.Offsets;
        var keep = Store is ISeekableMessages && stamp.Messages is { } messagesStamp && offsets is { Count: >= OffsetsWorthKeeping }
            ? new CachedOffsets(messagesStamp, [.. offsets]) // a copy: the appender's list serves the next session
            : null;
        return new IndexedMessages(stamp.Messages, appender.Count, appender.LastOffset, appender.LastHash, keep);
    }

    private static List<long>? Concat(IReadOnlyList<long>? before, List<long> after) => before is null ? null : [.. before, .. after];

    /// <summary>Offsets known for the first <paramref name="count"/> records (from the offsets table), or null.</summary>
    private static IReadOnlyList<long>? Offsets(SqliteConnection connection, string id, int count)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM offsets WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        if (command.ExecuteScalar() is not byte[] data || data.Length / sizeof(long) < count) return null;
        var offsets = new long[count];
        Buffer.BlockCopy(data, 0, offsets, 0, count * sizeof(long));
        return offsets;
    }

    private static void DeleteSession(SqliteConnection connection, long sid, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM texts WHERE rowid >= $from AND rowid < $to;
            DELETE FROM sessions WHERE sid = $sid;
            DELETE FROM offsets WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$from", sid << 32);
        command.Parameters.AddWithValue("$to", (sid + 1) << 32);
        command.Parameters.AddWithValue("$sid", sid);
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }
}
