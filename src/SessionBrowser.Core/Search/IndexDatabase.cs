using Microsoft.Data.Sqlite;

namespace SessionBrowser.Core.Search;

/// <summary>
/// The index database file: schema, connections, and the rule that a cache which cannot be
/// read is thrown away and rebuilt rather than reported as an error.
/// </summary>
internal sealed class IndexDatabase
{
    // Bump when the schema or the meaning of a column changes: older files are rebuilt.
    // 8: the text table keeps no text (contentless), only where each message is in its file.
    // 9: no prefix indexes (they were two thirds of the index and of its writing time; see texts below).
    // 10: FTS5 keeps 16 MB of words in memory and merges 8 segments at a time; the last-line hash is of UTF-8.
    private const int SchemaVersion = 10;

    private static readonly Lock InitLock = new();
    private static bool _initialized;

    public string Path { get; }
    private readonly string _connectionString;

    private IndexDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    /// <summary>Opens (creating or rebuilding as needed); throws <see cref="IndexUnavailableException"/> when SQLite cannot be used here.</summary>
    public static IndexDatabase Open(string path)
    {
        try
        {
            InitSqlite();
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or TypeInitializationException or EntryPointNotFoundException)
        {
            // Search then falls back to reading the files; the notice names the cause.
            throw new IndexUnavailableException($"the SQLite library cannot be loaded on this machine ({e.GetBaseException().Message})", e);
        }
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexUnavailableException($"cannot create {System.IO.Path.GetDirectoryName(path)}: {e.Message}", e);
        }
        var db = new IndexDatabase(path);
        try
        {
            if (LooksCut(path) && !db.PassesQuickCheck()) db.Rebuild();
            db.EnsureSchema();
        }
        catch (SqliteException e) when (IsDamage(e))
        {
            db.Rebuild();
        }
        catch (SqliteException e)
        {
            throw new IndexUnavailableException($"cannot use {path}: {e.Message}", e);
        }
        return db;
    }

    /// <summary>
    /// Whether the file is shorter than its own header says (a copy cut short, a crash on a full
    /// disk): SQLite reads the missing pages as zeros and may answer from what is left instead of
    /// failing. Costs one 100-byte read; a header that is not SQLite's is left to SQLite (NOTADB).
    /// The header's page count is only trusted when its change counter says it is current.
    /// </summary>
    internal static bool LooksCut(string path)
    {
        Span<byte> header = stackalloc byte[100];
        long length;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = file.Length;
            if (length < header.Length) return false;
            file.ReadExactly(header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        if (!header[..16].SequenceEqual("SQLite format 3\0"u8)) return false;
        int pageSize = (header[16] << 8) | header[17];
        long bytesPerPage = pageSize == 1 ? 65536 : pageSize;
        uint changeCounter = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[24..]);
        uint pageCount = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[28..]);
        uint validFor = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header[92..]);
        return changeCounter == validFor && pageCount > 0 && length < pageCount * bytesPerPage;
    }

    /// <summary>
    /// SQLite's own verdict (through its locks and the -wal, which may hold the missing pages):
    /// <c>PRAGMA quick_check</c>, only run when the header looks wrong, since it reads every page.
    /// </summary>
    private bool PassesQuickCheck()
    {
        try
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(1)";
            return command.ExecuteScalar() as string == "ok";
        }
        catch (SqliteException e) when (IsDamage(e))
        {
            return false;
        }
    }

    /// <summary>A database file SQLite says is damaged (or not a database at all).</summary>
    public static bool IsDamage(SqliteException e) => e.SqliteErrorCode is 11 /* CORRUPT */ or 26 /* NOTADB */;

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // The last connection to close would copy the WAL into the file and delete it, syncing
        // both (three fsyncs), and the next process to write would start a new WAL with a synced
        // header: 40-80 ms of waiting for the disk in every search that indexed a few appended
        // messages. The WAL is left for the next process instead (it is checkpointed, with syncs,
        // as it passes 1,000 pages), so a small update costs no sync at all.
        SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Whether the WAL has passed the size at which SQLite checkpoints it (1,000 pages of 4 KB).
    /// Every process rebuilds the WAL's index from the file when it opens the database, as if
    /// nothing in it had been copied yet, so past that size each commit copied every page of the
    /// WAL into the file again (5,000 pages and three fsyncs in each search after an append) and
    /// the WAL was never started over. A writer that finds it this long empties it (see
    /// SearchCache.Write): the next processes start from a short one.
    /// </summary>
    public bool WalIsLong() => new FileInfo(Path + "-wal") is { Exists: true, Length: > WalCheckpointBytes };

    private const long WalCheckpointBytes = 1000 * (4096 + 24);

    /// <summary>Deletes the file (and its journal) and creates an empty index in its place.</summary>
    public void Rebuild()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(Path + suffix);
            EnsureSchema();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new IndexUnavailableException($"cannot rebuild {Path}: {e.Message}", e);
        }
    }

    private void EnsureSchema()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        long version = (long)command.ExecuteScalar()!;
        if (version == SchemaVersion)
        {
            // Touch a table so a damaged file shows itself now rather than mid-search.
            command.CommandText = "SELECT count(*) FROM sessions WHERE sid = 0";
            command.ExecuteScalar();
            return;
        }
        if (version != 0)
        {
            connection.Close();
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(Path + suffix);
            EnsureSchema();
            return;
        }
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE sessions(
                sid INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                summary TEXT NOT NULL,
                status TEXT NOT NULL,
                model TEXT NOT NULL,
                tags TEXT NOT NULL,
                created_ticks INTEGER,
                last_ticks INTEGER,
                head_len INTEGER NOT NULL,
                head_mtime INTEGER NOT NULL,
                summary_msg_len INTEGER,
                summary_msg_mtime INTEGER,
                msg_indexed INTEGER NOT NULL DEFAULT 0,
                msg_len INTEGER,
                msg_mtime INTEGER,
                msg_count INTEGER NOT NULL DEFAULT 0,
                last_offset INTEGER,
                last_hash INTEGER);
            CREATE INDEX sessions_in_list_order ON sessions(last_ticks DESC, id);
            -- What a reconcile compares, without reading past every row's summary.
            CREATE INDEX sessions_stamps ON sessions(id, sid, head_len, head_mtime, summary_msg_len, summary_msg_mtime, msg_indexed,
                msg_len, msg_mtime, msg_count, last_offset, last_hash);
            -- The message text is not stored (it was 1.5 times the size of the sessions' files): the
            -- shown hits are read back from the store by their position and byte offset (see HitText).
            -- Deletes need contentless_delete; role, time and offset are kept (contentless_unindexed).
            -- No prefix indexes: each one repeats every word's positions, and with 2 and 3 characters
            -- they were 0.4x the sessions' files and two thirds of a first indexing's time. A prefix
            -- query reads the doclists of the words it covers instead: same hits, a few ms for a
            -- 3-character prefix over a million messages, slower for a 2-character one (see README).
            CREATE VIRTUAL TABLE texts USING fts5(body, role UNINDEXED, ts UNINDEXED, off UNINDEXED, tokenize = "{TextTokens.Fts5Tokenizer}",
                content = '', contentless_delete = 1, contentless_unindexed = 1);
            -- FTS5 writes the words it holds in memory out as a segment when they pass 'hashsize' (1 MB
            -- by default) and merges a level's segments when there are 'automerge' (4) of them. A first
            -- indexing of a million messages made a segment every few hundred sessions and merged each
            -- of them several times over: with 16 MB and 8 it takes a quarter less CPU, the index is
            -- 2% larger, and searches are as fast (measured in the README's Performance section).
            INSERT INTO texts(texts, rank) VALUES ('hashsize', 16777216);
            INSERT INTO texts(texts, rank) VALUES ('automerge', 8);
            CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE offsets(id TEXT PRIMARY KEY, len INTEGER NOT NULL, mtime INTEGER NOT NULL, data BLOB NOT NULL);
            PRAGMA user_version = {SchemaVersion};
            """;
        command.ExecuteNonQuery();
    }

    private static void InitSqlite()
    {
        lock (InitLock)
        {
            if (_initialized) return;
            SQLitePCL.Batteries_V2.Init();
            // The first SqliteConnection costs ~25 ms of type set-up (its connection-string parser),
            // whatever the file: paid here, on the prewarming thread when there is one.
            using (new SqliteConnection("Data Source=:memory:")) { }
            _initialized = true;
        }
    }

    /// <summary>
    /// The version of the SQLite library in use ("3.53.3"): the index relies on FTS5 features of
    /// 3.43 and later, which a test checks at this version.
    /// </summary>
    public static string LibraryVersion()
    {
        InitSqlite();
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Starts <see cref="InitSqlite"/> on the thread pool (see <see cref="SearchCache.Prewarm"/>).</summary>
    public static void Prewarm() => Task.Run(() =>
    {
        try
        {
            InitSqlite();
        }
        catch (Exception)
        {
            // Reported by the open that needs it, on its own thread.
        }
    });
}

/// <summary>SQLite cannot be used for the index here (read-only cache folder, say); search falls back to scanning.</summary>
public sealed class IndexUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
