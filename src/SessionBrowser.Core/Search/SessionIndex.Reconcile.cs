using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
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

/// <summary>Progress of a reconcile: sessions done out of those that need reading.</summary>
public readonly record struct ReconcileProgress(int Done, int Total);

/// <summary>How much a reconcile brings up to date.</summary>
public enum ReconcileScope
{
    /// <summary>The session table only (what the list shows): quick, messages are not read.</summary>
    Summaries,
    /// <summary>Sessions and the full text of their messages (what search needs).</summary>
    Everything,
}

public sealed partial class SessionIndex
{
    // Commit every so often so a long first indexing is visible to searches and survives a kill.
    private const int SessionsPerCommit = 200;
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

    private bool ReadyInDatabase(ReconcileScope scope) => Guarded(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", StateKey(scope));
        return command.ExecuteScalar() is "1";
    });

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
        var (stamps, listed) = CurrentStamps(cancellationToken);
        using var connection = _db.Connect();
        var rows = ReadRows(connection);

        bool everything = scope == ReconcileScope.Everything;
        var changed = stamps.Values.Where(s => !rows.TryGetValue(s.Id, out var row)
            || SummaryStale(row, s) || everything && MessagesStale(row, s)).ToList();
        var removed = rows.Keys.Where(id => !stamps.ContainsKey(id)).ToList();
        int added = 0, updated = 0, gone = 0;

        var transaction = connection.BeginTransaction();
        var sinceCommit = Stopwatch.StartNew();
        int inBatch = 0;
        void MaybeCommit()
        {
            if (++inBatch < SessionsPerCommit && sinceCommit.Elapsed < CommitInterval) return;
            transaction.Commit();
            transaction.Dispose();
            transaction = connection.BeginTransaction();
            inBatch = 0;
            sinceCommit.Restart();
        }

        foreach (var id in removed)
        {
            DeleteSession(connection, rows[id].Sid, id);
            gone++;
            MaybeCommit();
        }
        var summaries = new SessionSummary?[changed.Count];
        for (int i = 0; i < changed.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (i % SummaryChunk == 0) ReadSummaries(changed, i, summaries, listed, cancellationToken);
            var stamp = changed[i];
            rows.TryGetValue(stamp.Id, out var row);
            var summary = summaries[i];
            summaries[i] = null;
            if (summary is null)
            {
                // Gone between the listing and now.
                if (row is not null) { DeleteSession(connection, row.Sid, stamp.Id); gone++; }
            }
            else
            {
                long sid = UpsertSession(connection, stamp, summary, row);
                ReplaceRow(connection, RowId(sid, -1), SessionOwnText.Of(summary), null, null);
                if (everything && (row is null || MessagesStale(row, stamp)))
                    IndexMessages(connection, sid, stamp, row, cancellationToken);
                if (row is null) added++; else updated++;
            }
            MaybeCommit();
            progress?.Report(new ReconcileProgress(i + 1, changed.Count));
        }
        using (var state = connection.CreateCommand())
        {
            state.CommandText = "INSERT OR REPLACE INTO state(key, value) VALUES ($summaries, '1')"
                + (everything ? ", ($messages, '1')" : "");
            state.Parameters.AddWithValue("$summaries", StateKey(ReconcileScope.Summaries));
            state.Parameters.AddWithValue("$messages", StateKey(ReconcileScope.Everything));
            state.ExecuteNonQuery();
        }
        transaction.Commit();
        transaction.Dispose();
        return new ReconcileReport(added, updated, gone, stamps.Count - changed.Count, clock.Elapsed);
    }

    // Summaries are read a chunk at a time by two workers (on a cold disk cache the reads overlap),
    // then written by this thread; more workers would only fight the other processes.
    private const int SummaryChunk = 256;

    private void ReadSummaries(List<SessionStamp> changed, int start, SessionSummary?[] into,
        Dictionary<string, SessionSummary>? listed, CancellationToken cancellationToken)
    {
        int end = Math.Min(changed.Count, start + SummaryChunk);
        Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            i => into[i] = listed is not null ? listed.GetValueOrDefault(changed[i].Id) : Store.Find(changed[i].Id));
    }

    private static bool SummaryStale(Row row, SessionStamp stamp) => row.Head != stamp.Head || row.SummaryMessages != stamp.Messages;

    // Without a messages stamp the messages live in the head file: a new head means new messages.
    private static bool MessagesStale(Row row, SessionStamp stamp) =>
        !row.MessagesIndexed || row.Messages != stamp.Messages || stamp.Messages is null && row.Head != stamp.Head;

    /// <summary>Stamps from the store, or (for a store that cannot stamp) from its listing and the files' times.</summary>
    private (Dictionary<string, SessionStamp> Stamps, Dictionary<string, SessionSummary>? Listed) CurrentStamps(CancellationToken cancellationToken)
    {
        if (Store is IStampedStore stamped)
        {
            var stamps = new Dictionary<string, SessionStamp>(StringComparer.Ordinal);
            foreach (var stamp in stamped.Stamps(cancellationToken)) stamps[stamp.Id] = stamp;
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

    private static Dictionary<string, Row> ReadRows(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sid, id, head_len, head_mtime, summary_msg_len, summary_msg_mtime, msg_indexed, msg_len, msg_mtime,
                   msg_count, last_offset, last_hash
            FROM sessions
            """;
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows[reader.GetString(1)] = new Row(
                reader.GetInt64(0),
                new FileStamp(reader.GetInt64(2), reader.GetInt64(3)),
                Stamp(reader, 4),
                reader.GetInt64(6) != 0,
                Stamp(reader, 7),
                reader.GetInt32(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10),
                reader.IsDBNull(11) ? null : reader.GetInt64(11));
        }
        return rows;
    }

    private static FileStamp? Stamp(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : new FileStamp(reader.GetInt64(column), reader.GetInt64(column + 1));

    private void IndexMessages(SqliteConnection connection, long sid, SessionStamp stamp, Row? row, CancellationToken cancellationToken)
    {
        var seekable = Store as ISeekableMessages;
        using var appender = new MessageAppender(connection, sid);
        bool appended = seekable is not null && row is { MessagesIndexed: true, Count: > 0, LastOffset: { } lastOffset, Messages: { } before }
            && stamp.Messages is { } now && now.Length >= before.Length
            && appender.TryContinue(Store.ReadMessages(stamp.Id, lastOffset, row.Count - 1, cancellationToken), row.Count - 1, lastOffset, row.LastHash);
        if (!appended)
        {
            appender.DeleteAll();
            appender.AddAll(Store.ReadMessages(stamp.Id, cancellationToken), 0);
        }

        using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE sessions SET msg_indexed = 1, msg_len = $msg_len, msg_mtime = $msg_mtime, msg_count = $count,
                last_offset = $offset, last_hash = $hash
            WHERE sid = $sid
            """;
        update.Parameters.AddWithValue("$msg_len", (object?)stamp.Messages?.Length ?? DBNull.Value);
        update.Parameters.AddWithValue("$msg_mtime", (object?)stamp.Messages?.LastWriteTicks ?? DBNull.Value);
        update.Parameters.AddWithValue("$count", appender.Count);
        update.Parameters.AddWithValue("$offset", (object?)appender.LastOffset ?? DBNull.Value);
        update.Parameters.AddWithValue("$hash", (object?)appender.LastHash ?? DBNull.Value);
        update.Parameters.AddWithValue("$sid", sid);
        update.ExecuteNonQuery();

        // Line offsets for MessageList: all of them, or none (it then scans the file itself).
        var offsets = appended ? Concat(Offsets(connection, stamp.Id, row!.Count - 1), appender.Offsets) : appender.Offsets;
        using var keep = connection.CreateCommand();
        if (seekable is not null && stamp.Messages is { } messagesStamp && offsets is { Count: >= OffsetsWorthKeeping })
            PutOffsets(keep, stamp.Id, new CachedOffsets(messagesStamp, offsets));
        else
        {
            keep.CommandText = "DELETE FROM offsets WHERE id = $id";
            keep.Parameters.AddWithValue("$id", stamp.Id);
            keep.ExecuteNonQuery();
        }
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

    private static long UpsertSession(SqliteConnection connection, SessionStamp stamp, SessionSummary summary, Row? row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = row is null
            ? """
              INSERT INTO sessions(id, summary, status, model, tags, created_ticks, last_ticks, head_len, head_mtime, summary_msg_len, summary_msg_mtime)
              VALUES ($id, $summary, $status, $model, $tags, $created, $last, $head_len, $head_mtime, $msg_len, $msg_mtime)
              RETURNING sid
              """
            : """
              UPDATE sessions SET summary = $summary, status = $status, model = $model, tags = $tags, created_ticks = $created,
                  last_ticks = $last, head_len = $head_len, head_mtime = $head_mtime, summary_msg_len = $msg_len, summary_msg_mtime = $msg_mtime
              WHERE id = $id RETURNING sid
              """;
        command.Parameters.AddWithValue("$id", stamp.Id);
        command.Parameters.AddWithValue("$summary", WriteSummary(summary));
        command.Parameters.AddWithValue("$status", summary.Status.ToLowerInvariant());
        command.Parameters.AddWithValue("$model", (summary.Model ?? "").ToLowerInvariant());
        command.Parameters.AddWithValue("$tags", TagsColumn(summary.Tags));
        command.Parameters.AddWithValue("$created", (object?)summary.CreatedAt?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$last", (object?)summary.LastActive?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$head_len", stamp.Head.Length);
        command.Parameters.AddWithValue("$head_mtime", stamp.Head.LastWriteTicks);
        command.Parameters.AddWithValue("$msg_len", (object?)stamp.Messages?.Length ?? DBNull.Value);
        command.Parameters.AddWithValue("$msg_mtime", (object?)stamp.Messages?.LastWriteTicks ?? DBNull.Value);
        return (long)command.ExecuteScalar()!;
    }

    private static void ReplaceRow(SqliteConnection connection, long rowId, string body, string? role, long? ticks)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM texts WHERE rowid = $rowid; INSERT INTO texts(rowid, body, role, ts) VALUES ($rowid, $body, $role, $ts)";
        command.Parameters.AddWithValue("$rowid", rowId);
        command.Parameters.AddWithValue("$body", TextTokens.ForIndex(body));
        command.Parameters.AddWithValue("$role", (object?)role ?? DBNull.Value);
        command.Parameters.AddWithValue("$ts", (object?)ticks ?? DBNull.Value);
        command.ExecuteNonQuery();
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

    /// <summary>FNV-1a of a message, to tell "the last line we indexed is still there" from "the file was rewritten".</summary>
    internal static long HashOf(Message message)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in message.Role) hash = (hash ^ c) * 1099511628211;
        hash = (hash ^ 0) * 1099511628211;
        foreach (char c in message.Content) hash = (hash ^ c) * 1099511628211;
        return unchecked((long)hash);
    }
}
