using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SessionBrowser.Core.Search;

/// <summary>
/// SQLite's own statements on Microsoft.Data.Sqlite's connection, for the few hot loops where
/// binding through its commands cost more than SQLite's work (a first list's rows, every message
/// of a full index, the rows a reconcile compares). Failures become SqliteExceptions, as a
/// command's would, so the callers' damage and busy handling stays the same.
/// </summary>
internal static class RawStatement
{
    /// <summary>A statement prepared once and kept (<paramref name="persistent"/>) or for one use.</summary>
    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql, bool persistent = true)
    {
        int rc = persistent
            ? raw.sqlite3_prepare_v3(connection.Handle, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement)
            : raw.sqlite3_prepare_v2(connection.Handle, sql, out statement);
        Expect(connection, rc, raw.SQLITE_OK);
        return statement;
    }

    /// <summary>Runs a statement that returns no rows and resets it for the next values.</summary>
    public static void Step(SqliteConnection connection, sqlite3_stmt statement)
    {
        int rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        Expect(connection, rc, raw.SQLITE_DONE);
    }

    public static void Expect(SqliteConnection connection, int rc, int expected)
    {
        if (rc != expected) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }
}
