using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SessionBrowser.Core.Search;

/// <summary>
/// Writes sessions' messages into the FTS table, remembering where each stopped. One appender
/// serves a whole reconcile, session after session (<see cref="Start"/>). Its insert is one
/// statement prepared once and bound straight from the batch's UTF-8 bytes (SQLite's own API:
/// Microsoft.Data.Sqlite binds only strings, which a million messages would each need).
/// </summary>
internal sealed class MessageAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _insert;
    private long _sid;

    public int Count { get; private set; }
    public long? LastOffset { get; private set; }
    public long? LastHash { get; private set; }

    /// <summary>Offsets of the records this appender read for the current session, in order.</summary>
    public List<long> Offsets { get; } = [];

    public MessageAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insert = RawStatement.Prepare(connection, "INSERT INTO texts(rowid, body, role, ts, off) VALUES (?, ?, ?, ?, ?)");
    }

    /// <summary>Starts on another session: nothing counted, nothing read yet.</summary>
    public void Start(long sid)
    {
        _sid = sid;
        (Count, LastOffset, LastHash) = (0, null, null);
        Offsets.Clear();
    }

    /// <summary>Drops every message row of the session (its own row stays).</summary>
    public void DeleteAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM texts WHERE rowid > $from AND rowid < $to";
        command.Parameters.AddWithValue("$from", SearchCache.RowId(_sid, -1));
        command.Parameters.AddWithValue("$to", (_sid + 1) << 32);
        command.ExecuteNonQuery();
        (Count, LastOffset, LastHash) = (0, null, null);
    }

    public void AddAll(IEnumerable<IndexBatch> batches, int firstPosition)
    {
        int position = firstPosition;
        foreach (var batch in batches)
        {
            for (int i = 0; i < batch.Count; i++) Add(batch, batch[i], position++);
        }
    }

    /// <summary>
    /// Continues after the last indexed record: <paramref name="batches"/> must start with that
    /// record, still at <paramref name="lastOffset"/> and with the same text (unless it was a torn
    /// line then). It is indexed again (a torn line may be whole now), then everything after it.
    /// False, with nothing written, when the file was rewritten rather than appended to.
    /// </summary>
    public bool TryContinue(IEnumerable<IndexBatch> batches, int lastPosition, long lastOffset, long? lastHash)
    {
        using var e = batches.GetEnumerator();
        if (!e.MoveNext() || e.Current.Count == 0) return false;
        var first = e.Current[0];
        if (first.Offset != lastOffset) return false;
        if (lastHash is { } hash && (!first.IsMessage || first.Hash != hash)) return false;

        using (var delete = _connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM texts WHERE rowid = $rowid";
            delete.Parameters.AddWithValue("$rowid", SearchCache.RowId(_sid, lastPosition));
            delete.ExecuteNonQuery();
        }
        int position = lastPosition;
        do
        {
            var batch = e.Current;
            for (int i = 0; i < batch.Count; i++) Add(batch, batch[i], position++);
        }
        while (e.MoveNext());
        return true;
    }

    private void Add(IndexBatch batch, in IndexBatch.Entry entry, int position)
    {
        Offsets.Add(entry.Offset);
        Count = position + 1;
        LastOffset = entry.Offset;
        LastHash = entry.IsMessage ? entry.Hash : null;
        if (!entry.IsMessage) return;
        raw.sqlite3_bind_int64(_insert, 1, SearchCache.RowId(_sid, position));
        BindText(2, batch.Body(entry));
        BindText(3, batch.Role(entry));
        if (entry.Ticks is { } ticks) raw.sqlite3_bind_int64(_insert, 4, ticks);
        else raw.sqlite3_bind_null(_insert, 4);
        raw.sqlite3_bind_int64(_insert, 5, entry.Offset);
        RawStatement.Step(_connection, _insert);
    }

    // An empty span would bind NULL: an empty message or role is empty text, as before.
    private void BindText(int index, ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) raw.sqlite3_bind_text(_insert, index, "");
        else raw.sqlite3_bind_text(_insert, index, text);
    }

    public void Dispose() => _insert.Dispose();
}
