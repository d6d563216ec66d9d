using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// Writes sessions' rows (the summary, and the session's own text in the FTS table) with
/// statements prepared once per reconcile: a first listing writes 10,000, and preparing three
/// statements per session cost more than all of SQLite's writing (issue 16, cold paths).
/// </summary>
internal sealed class SessionRowWriter : IDisposable
{
    private readonly SqliteCommand _insert, _update, _deleteText, _insertText;
    private readonly SqliteParameter[] _insertValues, _updateValues;
    private readonly SqliteParameter _deleteRowId, _textRowId, _textBody;

    public SessionRowWriter(SqliteConnection connection)
    {
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT INTO sessions(sid, id, summary, status, model, tags, created_ticks, last_ticks, head_len, head_mtime, summary_msg_len, summary_msg_mtime)
            VALUES ($sid, $id, $summary, $status, $model, $tags, $created, $last, $head_len, $head_mtime, $msg_len, $msg_mtime)
            """;
        _insertValues = Parameters(_insert);
        _update = connection.CreateCommand();
        _update.CommandText = """
            UPDATE sessions SET summary = $summary, status = $status, model = $model, tags = $tags, created_ticks = $created,
                last_ticks = $last, head_len = $head_len, head_mtime = $head_mtime, summary_msg_len = $msg_len, summary_msg_mtime = $msg_mtime
            WHERE id = $id AND sid = $sid
            """;
        _updateValues = Parameters(_update);
        _deleteText = connection.CreateCommand();
        _deleteText.CommandText = "DELETE FROM texts WHERE rowid = $rowid";
        _deleteRowId = _deleteText.Parameters.Add("$rowid", SqliteType.Integer);
        _insertText = connection.CreateCommand();
        _insertText.CommandText = "INSERT INTO texts(rowid, body, role, ts, off) VALUES ($rowid, $body, NULL, NULL, NULL)";
        _textRowId = _insertText.Parameters.Add("$rowid", SqliteType.Integer);
        _textBody = _insertText.Parameters.Add("$body", SqliteType.Text);
    }

    // The order of the values Write sets.
    private static readonly string[] Names =
        ["$sid", "$id", "$summary", "$status", "$model", "$tags", "$created", "$last", "$head_len", "$head_mtime", "$msg_len", "$msg_mtime"];

    // No declared type: each value binds as what it is (ticks as integers, so the list's order and the stamps compare as numbers).
    private static SqliteParameter[] Parameters(SqliteCommand command) =>
        [.. Names.Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))];

    /// <summary>The transaction the connection has now (a reconcile commits every so often and begins another).</summary>
    public SqliteTransaction? Transaction
    {
        set => _insert.Transaction = _update.Transaction = _deleteText.Transaction = _insertText.Transaction = value;
    }

    /// <summary>
    /// The session's row as <paramref name="summary"/> says (a new row when <paramref name="isNew"/>,
    /// else its row <paramref name="sid"/> updated), and its own text (title, id, tags, work dir) in the FTS table.
    /// </summary>
    public void Write(long sid, bool isNew, SessionStamp stamp, SessionSummary summary, FileStamp? titleSource)
    {
        var command = isNew ? _insert : _update;
        var values = isNew ? _insertValues : _updateValues;
        values[0].Value = sid;
        values[1].Value = stamp.Id;
        values[2].Value = SearchCache.WriteSummary(summary);
        values[3].Value = summary.Status.ToLowerInvariant();
        values[4].Value = (summary.Model ?? "").ToLowerInvariant();
        values[5].Value = SearchCache.TagsColumn(summary.Tags);
        values[6].Value = (object?)summary.CreatedAt?.UtcTicks ?? DBNull.Value;
        values[7].Value = (object?)summary.LastActive?.UtcTicks ?? DBNull.Value;
        values[8].Value = stamp.Head.Length;
        values[9].Value = stamp.Head.LastWriteTicks;
        values[10].Value = (object?)titleSource?.Length ?? DBNull.Value;
        values[11].Value = (object?)titleSource?.LastWriteTicks ?? DBNull.Value;
        command.ExecuteNonQuery();

        long rowId = SearchCache.RowId(sid, -1);
        // A new session has no text row to drop.
        if (!isNew)
        {
            _deleteRowId.Value = rowId;
            _deleteText.ExecuteNonQuery();
        }
        _textRowId.Value = rowId;
        _textBody.Value = TextTokens.ForIndex(SessionOwnText.Of(summary));
        _insertText.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        _deleteText.Dispose();
        _insertText.Dispose();
    }
}
