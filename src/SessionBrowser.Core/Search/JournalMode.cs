using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SessionBrowser.Core.Search;

/// <summary>
/// The index's journal for a first listing's write. In WAL mode its one transaction (10,000 rows,
/// 4,200 pages) went into the WAL, was read back and copied into the file by the checkpoint after
/// it, and its pages were held in a 32 MB cache until the commit (fresh memory the process faulted
/// in page by page): two fifths of a cold <c>list</c>'s time, after its output. With a rollback
/// journal the pages of an empty index go straight into the file (the journal keeps the few pages
/// that existed before, so a killed write is rolled back at the next open as in WAL mode), and
/// SQLite's usual cache spills them there as it fills. The index goes back to WAL right after, so
/// readers and writers keep not blocking each other from then on.
/// </summary>
internal static class JournalMode
{
    /// <summary>
    /// Leaves WAL for a rollback journal when no other connection has the index open (leaving WAL
    /// needs the file to itself). The pool's idle connections to it are closed first (the one that
    /// made the file is one); asked without waiting: where another connection is in use the write
    /// stays in WAL mode, as before. True when the journal is now a rollback one.
    /// </summary>
    public static bool TryRollback(SqliteConnection connection)
    {
        SqliteConnection.ClearPool(connection);
        return Set(connection, "delete", waitMilliseconds: 0);
    }

    /// <summary>
    /// Back to WAL (after <see cref="TryRollback"/>, or where an earlier attempt to come back was
    /// refused). A reader in the middle of a read holds the file: waited for as any lock is; if it
    /// still holds it, the next writer switches back (<see cref="EnsureWal"/>).
    /// </summary>
    public static void BackToWal(SqliteConnection connection) => Set(connection, "wal", WaitForReaderMilliseconds);

    /// <summary>Switches to WAL when the file is in another journal mode (a switch back that was refused).</summary>
    public static void EnsureWal(SqliteConnection connection)
    {
        if (Current(connection) != "wal") BackToWal(connection);
    }

    // As long as IndexDatabase lets any statement wait for a lock.
    private const int WaitForReaderMilliseconds = 10_000;

    private static string? Current(SqliteConnection connection) => Pragma(connection, "PRAGMA journal_mode");

    /// <summary>
    /// Through SQLite's own API: Microsoft.Data.Sqlite retries a busy statement until its command
    /// timeout (30 s), where a refused switch is to be given up at once.
    /// </summary>
    private static bool Set(SqliteConnection connection, string mode, int waitMilliseconds)
    {
        string? before = Pragma(connection, "PRAGMA busy_timeout");
        raw.sqlite3_busy_timeout(connection.Handle, waitMilliseconds);
        try
        {
            return Pragma(connection, $"PRAGMA journal_mode = {mode}") == mode;
        }
        finally
        {
            raw.sqlite3_busy_timeout(connection.Handle, int.TryParse(before, out int wait) ? wait : 0);
        }
    }

    /// <summary>The pragma's one value; null when SQLite refused it (busy, locked).</summary>
    private static string? Pragma(SqliteConnection connection, string sql)
    {
        using var statement = RawStatement.Prepare(connection, sql, persistent: false);
        return raw.sqlite3_step(statement) == raw.SQLITE_ROW ? raw.sqlite3_column_text(statement, 0).utf8_to_string() : null;
    }
}
