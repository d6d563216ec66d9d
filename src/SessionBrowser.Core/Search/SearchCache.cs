using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// The SQLite cache of one store: a table of session summaries (what the list shows) and an
/// FTS5 table of message text (what search finds). The store's files stay the truth:
/// <see cref="Reconcile"/> brings the cache in line with them, re-reading only sessions whose
/// files changed size or time, and continuing appended messages from the last indexed line.
/// Safe to use from several threads: each call opens its own pooled connection (WAL lets a
/// search run while a reconcile writes).
/// </summary>
public sealed partial class SearchCache : IMessageOffsetCache
{
    private readonly IndexDatabase _db;

    public ISessionStore Store { get; }
    public string DatabasePath => _db.Path;

    private SearchCache(ISessionStore store, IndexDatabase db)
    {
        Store = store;
        _db = db;
    }

    /// <summary>
    /// Opens the store's index under <paramref name="cacheDirectory"/> (default: <see cref="CacheLocation.DefaultCacheDirectory"/>),
    /// rebuilding a damaged one. Throws <see cref="IndexUnavailableException"/> when SQLite cannot be used there.
    /// </summary>
    public static SearchCache Open(ISessionStore store, string? cacheDirectory = null)
    {
        var path = CacheLocation.DatabasePath(cacheDirectory ?? CacheLocation.DefaultCacheDirectory(), store.Source, store.Root);
        return new SearchCache(store, IndexDatabase.Open(path));
    }

    /// <summary>
    /// Loads SQLite in the background (~35 ms: the native library and the managed wrapper's set-up)
    /// so that a program calling this first thing opens its index without waiting for it while it
    /// parses its command line. Optional; <see cref="Open"/> does it anyway.
    /// </summary>
    public static void Prewarm() => IndexDatabase.Prewarm();

    /// <summary>How many sessions the index holds (0 for a new or rebuilt index).</summary>
    public int SessionCount => Guarded(connection => Convert.ToInt32(Scalar(connection, "SELECT count(*) FROM sessions")));

    /// <summary>
    /// The sessions as the index has them, most recently active first (unknown times last, then
    /// by id), read lazily so taking the first 50 of 10,000 costs 50. Reconcile first to be sure
    /// they match the files.
    /// </summary>
    /// <param name="status">One stored status only (lower case; see <see cref="SessionQuery.StoredStatus"/>), or all when null.</param>
    public IEnumerable<SessionSummary> Rows(string? status = null, CancellationToken cancellationToken = default)
    {
        using var connection = _db.Connect();
        using var command = connection.CreateCommand();
        // DESC puts unknown times (NULL) last; the order is the index sessions_in_list_order, so no sort.
        command.CommandText = "SELECT summary FROM sessions" + (status is null ? "" : " WHERE status = $status") + " ORDER BY last_ticks DESC, id";
        if (status is not null) command.Parameters.AddWithValue("$status", status);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return ReadSummary(reader.GetString(0));
        }
    }

    CachedOffsets? IMessageOffsetCache.TryGet(string id) => Guarded(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT len, mtime, data FROM offsets WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var data = (byte[])reader.GetValue(2);
        var offsets = new long[data.Length / sizeof(long)];
        Buffer.BlockCopy(data, 0, offsets, 0, offsets.Length * sizeof(long));
        return new CachedOffsets(new FileStamp(reader.GetInt64(0), reader.GetInt64(1)), offsets);
    });

    void IMessageOffsetCache.Put(string id, CachedOffsets offsets) => Guarded(connection =>
    {
        using var command = connection.CreateCommand();
        PutOffsets(command, id, offsets);
        return 0;
    });

    /// <summary>Line offsets as the offsets table keeps them: eight bytes each, in the machine's order.</summary>
    internal static byte[] OffsetsBlob(CachedOffsets offsets)
    {
        var data = new byte[offsets.Offsets.Count * sizeof(long)];
        for (int i = 0; i < offsets.Offsets.Count; i++)
            BitConverter.TryWriteBytes(data.AsSpan(i * sizeof(long)), offsets.Offsets[i]);
        return data;
    }

    private static void PutOffsets(SqliteCommand command, string id, CachedOffsets offsets)
    {
        var data = OffsetsBlob(offsets);
        command.CommandText = "INSERT OR REPLACE INTO offsets(id, len, mtime, data) VALUES ($id, $len, $mtime, $data)";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$len", offsets.Stamp.Length);
        command.Parameters.AddWithValue("$mtime", offsets.Stamp.LastWriteTicks);
        command.Parameters.AddWithValue("$data", data);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs one database operation; when SQLite reports the file damaged, the index is rebuilt
    /// empty and the operation runs again (a cache is never a reason to fail).
    /// </summary>
    private T Guarded<T>(Func<SqliteConnection, T> operation)
    {
        try
        {
            using var connection = _db.Connect();
            return operation(connection);
        }
        catch (SqliteException e) when (IndexDatabase.IsDamage(e))
        {
            Rebuild();
            using var connection = _db.Connect();
            return operation(connection);
        }
    }

    private void Rebuild()
    {
        _db.Rebuild();
        _ready.Clear();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    internal static string WriteSummary(SessionSummary summary) => SummaryCodec.Write(summary);

    internal static SessionSummary ReadSummary(string json) => SummaryCodec.Read(json);

    /// <summary>Tags as stored for the tag filter: lower case, each wrapped in newlines.</summary>
    internal static string TagsColumn(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? "" : "\n" + string.Join("\n\n", tags.Select(t => t.ToLowerInvariant())) + "\n";

    /// <summary><see cref="TagsColumn"/> as UTF-8 into <paramref name="into"/> (a first list writes 10,000 rows).</summary>
    internal static void WriteTagsColumn(IReadOnlyList<string> tags, IBufferWriter<byte> into)
    {
        foreach (var tag in tags)
        {
            // Lower case makes a string only for a tag that has upper-case letters.
            string lower = tag.ToLowerInvariant();
            var span = into.GetSpan(Encoding.UTF8.GetMaxByteCount(lower.Length) + 2);
            span[0] = (byte)'\n';
            int written = 1 + Encoding.UTF8.GetBytes(lower, span[1..]);
            span[written++] = (byte)'\n';
            into.Advance(written);
        }
    }

    /// <summary>The FTS rowid of a session's own row (position -1) or of its message at a position.</summary>
    internal static long RowId(long sid, int position) => (sid << 32) | (uint)(position + 1);
}
