using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

/// <summary>
/// A record as the index writes it: its text made ready for the tokenizer and its hash, both
/// worked out by the thread that read it (see <see cref="ReadAhead{T}"/>), not by the writer.
/// </summary>
internal readonly record struct IndexRecord(MessageRecord Record, string? Body, long? Hash)
{
    public static IndexRecord Of(MessageRecord record) => record.Message is { } message
        ? new IndexRecord(record, TextTokens.ForIndex(message.Content), SearchCache.HashOf(message))
        : new IndexRecord(record, null, null);
}

/// <summary>
/// Writes sessions' messages into the FTS table, remembering where each stopped. One appender
/// serves a whole reconcile, session after session (<see cref="Start"/>): its insert is prepared
/// once, not once per session.
/// </summary>
internal sealed class MessageAppender : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _rowId, _body, _role, _time, _offset;
    private long _sid;

    public int Count { get; private set; }
    public long? LastOffset { get; private set; }
    public long? LastHash { get; private set; }

    /// <summary>Offsets of the records this appender read for the current session, in order.</summary>
    public List<long> Offsets { get; } = [];

    public MessageAppender(SqliteConnection connection)
    {
        _connection = connection;
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO texts(rowid, body, role, ts, off) VALUES ($rowid, $body, $role, $ts, $off)";
        _rowId = _insert.Parameters.Add("$rowid", SqliteType.Integer);
        _body = _insert.Parameters.Add("$body", SqliteType.Text);
        _role = _insert.Parameters.Add("$role", SqliteType.Text);
        _time = _insert.Parameters.Add("$ts", SqliteType.Integer);
        _offset = _insert.Parameters.Add("$off", SqliteType.Integer);
    }

    /// <summary>The transaction the connection has now (a reconcile commits every so often and begins another).</summary>
    public SqliteTransaction? Transaction
    {
        set => _insert.Transaction = value;
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

    public void AddAll(IEnumerable<IndexRecord> records, int firstPosition)
    {
        int position = firstPosition;
        foreach (var record in records) Add(record, position++);
    }

    /// <summary>
    /// Continues after the last indexed record: <paramref name="records"/> must start with that
    /// record, still at <paramref name="lastOffset"/> and with the same text (unless it was a torn
    /// line then). It is indexed again (a torn line may be whole now), then everything after it.
    /// False, with nothing written, when the file was rewritten rather than appended to.
    /// </summary>
    public bool TryContinue(IEnumerable<IndexRecord> records, int lastPosition, long lastOffset, long? lastHash)
    {
        using var e = records.GetEnumerator();
        if (!e.MoveNext()) return false;
        var first = e.Current;
        if (first.Record.Offset != lastOffset) return false;
        if (lastHash is { } hash && first.Hash != hash) return false;

        using (var delete = _connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM texts WHERE rowid = $rowid";
            delete.Parameters.AddWithValue("$rowid", SearchCache.RowId(_sid, lastPosition));
            delete.ExecuteNonQuery();
        }
        int position = lastPosition;
        Add(first, position++);
        while (e.MoveNext()) Add(e.Current, position++);
        return true;
    }

    private void Add(IndexRecord indexed, int position)
    {
        var record = indexed.Record;
        Offsets.Add(record.Offset);
        Count = position + 1;
        LastOffset = record.Offset;
        LastHash = indexed.Hash;
        if (record.Message is not { } message) return;
        _rowId.Value = SearchCache.RowId(_sid, position);
        _body.Value = indexed.Body;
        _role.Value = message.Role;
        _time.Value = (object?)message.Time?.UtcTicks ?? DBNull.Value;
        _offset.Value = record.Offset;
        _insert.ExecuteNonQuery();
    }

    public void Dispose() => _insert.Dispose();
}
