using System.Buffers;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SQLitePCL;

namespace SessionBrowser.Core.Search;

/// <summary>Where a session's indexed messages stopped, as its row keeps it (see <see cref="MessageAppender"/>), and its line offsets when worth keeping.</summary>
internal sealed record IndexedMessages(FileStamp? Stamp, int Count, long? LastOffset, long? LastHash, CachedOffsets? Offsets);

/// <summary>
/// Writes sessions' rows (the summary, where the messages stopped, the line offsets) and the
/// session's own text in the FTS table, with statements prepared once per reconcile: a first
/// listing writes 10,000, and preparing three statements per session cost more than all of
/// SQLite's writing (issue 16, cold paths).
/// The rows are held back until just before each commit (<see cref="Flush"/>): any statement on
/// an ordinary table makes FTS5 write out the words it holds in memory as a new segment (SQLite
/// opens a savepoint on every table the transaction has written), so a row written between one
/// session's messages and the next cut the word index into a segment per session, each merged
/// again later, which was most of a first indexing's time.
/// A new session's row and its own text go through statements prepared with SQLite's own API, the
/// summary bound as the UTF-8 it is written in: through Microsoft.Data.Sqlite each of a first
/// listing's 10,000 rows cost more in binding (boxing, a string per value and its conversion back
/// to UTF-8, the statement list walked per call) than SQLite's writing of it.
/// </summary>
internal sealed class SessionRowWriter : IDisposable
{
    private sealed record Pending(long Sid, bool IsNew, SessionStamp Stamp, SessionSummary Summary, FileStamp? TitleSource, IndexedMessages? Messages);

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _update, _messages, _putOffsets, _dropOffsets, _deleteText;
    private readonly sqlite3_stmt _insert, _insertText;
    private readonly SqliteParameter[] _updateValues;
    private readonly SqliteParameter _deleteRowId;
    private readonly List<Pending> _pending = [];
    private readonly ArrayBufferWriter<byte> _summary = new(2048);
    // Kept from session to session, as the summary's: a first list's 10,000 rows made two strings,
    // a StringBuilder and their UTF-8 copies each for the own text and the tags, and the collector's
    // clearing of fresh memory for them was a tenth of the writing.
    private readonly ArrayBufferWriter<byte> _ownText = new(512), _tags = new(128);
    private byte[] _forIndex = new byte[1024];
    private readonly SqliteCommand[] _commands;

    public SessionRowWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insert = RawStatement.Prepare(connection, """
            INSERT INTO sessions(sid, id, summary, status, model, tags, created_ticks, last_ticks, head_len, head_mtime, summary_msg_len, summary_msg_mtime)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """);
        _update = Command(connection, """
            UPDATE sessions SET summary = $summary, status = $status, model = $model, tags = $tags, created_ticks = $created,
                last_ticks = $last, head_len = $head_len, head_mtime = $head_mtime, summary_msg_len = $msg_len, summary_msg_mtime = $msg_mtime
            WHERE id = $id AND sid = $sid
            """);
        _updateValues = Parameters(_update, SummaryNames);
        _messages = Command(connection, """
            UPDATE sessions SET msg_indexed = 1, msg_len = $msg_len, msg_mtime = $msg_mtime, msg_count = $count,
                last_offset = $offset, last_hash = $hash
            WHERE sid = $sid
            """);
        Parameters(_messages, ["$msg_len", "$msg_mtime", "$count", "$offset", "$hash", "$sid"]);
        _putOffsets = Command(connection, "INSERT OR REPLACE INTO offsets(id, len, mtime, data) VALUES ($id, $len, $mtime, $data)");
        Parameters(_putOffsets, ["$id", "$len", "$mtime", "$data"]);
        _dropOffsets = Command(connection, "DELETE FROM offsets WHERE id = $id");
        Parameters(_dropOffsets, ["$id"]);
        _deleteText = Command(connection, "DELETE FROM texts WHERE rowid = $rowid");
        _deleteRowId = _deleteText.Parameters.Add("$rowid", SqliteType.Integer);
        _insertText = RawStatement.Prepare(connection, "INSERT INTO texts(rowid, body, role, ts, off) VALUES (?, ?, NULL, NULL, NULL)");
        _commands = [_update, _messages, _putOffsets, _dropOffsets, _deleteText];
    }

    // The order of the values Write sets.
    private static readonly string[] SummaryNames =
        ["$sid", "$id", "$summary", "$status", "$model", "$tags", "$created", "$last", "$head_len", "$head_mtime", "$msg_len", "$msg_mtime"];

    private SqliteCommand[] Commands => _commands;

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    // No declared type: each value binds as what it is (ticks as integers, so the list's order and the stamps compare as numbers).
    private static SqliteParameter[] Parameters(SqliteCommand command, string[] names) =>
        [.. names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))];

    /// <summary>The transaction the connection has now (a reconcile commits every so often and begins another).</summary>
    public SqliteTransaction? Transaction
    {
        set
        {
            foreach (var command in Commands) command.Transaction = value;
        }
    }

    /// <summary>
    /// The session's own text (title, id, tags, work dir) in the FTS table, now: before its
    /// messages, so the FTS row ids only grow (see <see cref="SearchCache"/>'s InsertOrder).
    /// </summary>
    public void WriteOwnText(long sid, bool isNew, SessionSummary summary)
    {
        long rowId = SearchCache.RowId(sid, -1);
        // A new session has no text row to drop (and a delete would make FTS5 write out what it holds).
        if (!isNew)
        {
            _deleteRowId.Value = rowId;
            _deleteText.ExecuteNonQuery();
        }
        raw.sqlite3_bind_int64(_insertText, 1, rowId);
        raw.sqlite3_bind_text(_insertText, 2, OwnTextForIndex(summary));
        Step(_insertText);
    }

    /// <summary><see cref="TextTokens.ForIndex"/> of <see cref="SessionOwnText.Of"/>, as UTF-8 in this writer's buffers.</summary>
    private ReadOnlySpan<byte> OwnTextForIndex(SessionSummary summary)
    {
        _ownText.ResetWrittenCount();
        SessionOwnText.WriteUtf8(summary, _ownText);
        var text = _ownText.WrittenSpan;
        int most = TextTokens.MaxForIndexLength(text.Length);
        if (_forIndex.Length < most) _forIndex = new byte[Math.Max(most, _forIndex.Length * 2)];
        return _forIndex.AsSpan(0, TextTokens.AppendForIndex(text, _forIndex));
    }

    /// <summary>
    /// The session's row as <paramref name="summary"/> says (a new row when <paramref name="isNew"/>,
    /// else its row <paramref name="sid"/> updated), with where its messages stopped when they were
    /// (re-)indexed: written at the next <see cref="Flush"/>.
    /// </summary>
    public void WriteRow(long sid, bool isNew, SessionStamp stamp, SessionSummary summary, FileStamp? titleSource, IndexedMessages? messages) =>
        _pending.Add(new Pending(sid, isNew, stamp, summary, titleSource, messages));

    /// <summary>Writes the rows held back; call with the transaction about to be committed.</summary>
    public void Flush(SqliteTransaction transaction)
    {
        Transaction = transaction;
        foreach (var pending in _pending) Write(pending);
        _pending.Clear();
    }

    private void Write(Pending row)
    {
        if (row.IsNew) Insert(row);
        else Update(row);
        if (row.Messages is { } messages) WriteMessages(row.Sid, row.Stamp.Id, messages);
    }

    /// <summary>A new session's row, the values as <see cref="Update"/> sets them.</summary>
    private void Insert(Pending row)
    {
        var summary = row.Summary;
        raw.sqlite3_bind_int64(_insert, 1, row.Sid);
        raw.sqlite3_bind_text(_insert, 2, row.Stamp.Id);
        _summary.ResetWrittenCount();
        SummaryCodec.Write(summary, _summary);
        raw.sqlite3_bind_text(_insert, 3, _summary.WrittenSpan);
        raw.sqlite3_bind_text(_insert, 4, summary.Status.ToLowerInvariant());
        raw.sqlite3_bind_text(_insert, 5, (summary.Model ?? "").ToLowerInvariant());
        _tags.ResetWrittenCount();
        SearchCache.WriteTagsColumn(summary.Tags, _tags);
        raw.sqlite3_bind_text(_insert, 6, _tags.WrittenSpan);
        BindNullable(_insert, 7, summary.CreatedAt?.UtcTicks);
        BindNullable(_insert, 8, summary.LastActive?.UtcTicks);
        raw.sqlite3_bind_int64(_insert, 9, row.Stamp.Head.Length);
        raw.sqlite3_bind_int64(_insert, 10, row.Stamp.Head.LastWriteTicks);
        BindNullable(_insert, 11, row.TitleSource?.Length);
        BindNullable(_insert, 12, row.TitleSource?.LastWriteTicks);
        Step(_insert);
    }

    private static void BindNullable(sqlite3_stmt statement, int index, long? value)
    {
        if (value is { } number) raw.sqlite3_bind_int64(statement, index, number);
        else raw.sqlite3_bind_null(statement, index);
    }

    private void Step(sqlite3_stmt statement) => RawStatement.Step(_connection, statement);

    private void Update(Pending row)
    {
        var command = _update;
        var values = _updateValues;
        var summary = row.Summary;
        values[0].Value = row.Sid;
        values[1].Value = row.Stamp.Id;
        values[2].Value = SearchCache.WriteSummary(summary);
        values[3].Value = summary.Status.ToLowerInvariant();
        values[4].Value = (summary.Model ?? "").ToLowerInvariant();
        values[5].Value = SearchCache.TagsColumn(summary.Tags);
        values[6].Value = (object?)summary.CreatedAt?.UtcTicks ?? DBNull.Value;
        values[7].Value = (object?)summary.LastActive?.UtcTicks ?? DBNull.Value;
        values[8].Value = row.Stamp.Head.Length;
        values[9].Value = row.Stamp.Head.LastWriteTicks;
        values[10].Value = (object?)row.TitleSource?.Length ?? DBNull.Value;
        values[11].Value = (object?)row.TitleSource?.LastWriteTicks ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private void WriteMessages(long sid, string id, IndexedMessages messages)
    {
        var values = _messages.Parameters;
        values[0].Value = (object?)messages.Stamp?.Length ?? DBNull.Value;
        values[1].Value = (object?)messages.Stamp?.LastWriteTicks ?? DBNull.Value;
        values[2].Value = messages.Count;
        values[3].Value = (object?)messages.LastOffset ?? DBNull.Value;
        values[4].Value = (object?)messages.LastHash ?? DBNull.Value;
        values[5].Value = sid;
        _messages.ExecuteNonQuery();

        // Line offsets for MessageList: all of them, or none (it then scans the file itself).
        if (messages.Offsets is { } offsets)
        {
            _putOffsets.Parameters[0].Value = id;
            _putOffsets.Parameters[1].Value = offsets.Stamp.Length;
            _putOffsets.Parameters[2].Value = offsets.Stamp.LastWriteTicks;
            _putOffsets.Parameters[3].Value = SearchCache.OffsetsBlob(offsets);
            _putOffsets.ExecuteNonQuery();
        }
        else
        {
            _dropOffsets.Parameters[0].Value = id;
            _dropOffsets.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in Commands) command.Dispose();
        _insert.Dispose();
        _insertText.Dispose();
    }
}
