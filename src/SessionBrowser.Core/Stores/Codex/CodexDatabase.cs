using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// A session's rows in one of Codex's SQLite databases (<c>state_5.sqlite</c>, <c>thread_history_1.sqlite</c>):
/// the <c>threads</c> row (by <c>id</c>) and every row of a table with a <c>thread_id</c> column,
/// the tables Codex ties to a thread (tools, attachments, read receipts; found from the schema,
/// so a newer Codex's tables are covered too). Removed in one transaction after being written,
/// typed and with their rowids, to a keep file, from which undo inserts them back exactly.
/// A database Codex is writing is never waited on for long: busy means refused.
/// </summary>
internal static class CodexDatabase
{
    /// <summary>How long to wait for Codex's write lock before refusing.</summary>
    private const int BusySeconds = 1;

    /// <summary>Whether the database has rows of the session (read-only look, for the confirmation).</summary>
    public static int CountRows(string databasePath, string id)
    {
        if (!File.Exists(databasePath)) return 0;
        try
        {
            using var connection = Open(databasePath, SqliteOpenMode.ReadOnly);
            return Tables(connection).Sum(table => Convert.ToInt32(SqliteRows.Scalar(connection, $"SELECT count(*) FROM {SqliteRows.Quote(table.Name)} WHERE {SqliteRows.Quote(table.Key)} = $value", id)));
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    /// <summary>Saves then deletes the session's rows; returns how many went. Throws <see cref="SessionRefusedException"/> when busy.</summary>
    public static int Remove(string databasePath, string id, string keepFile)
    {
        if (!File.Exists(databasePath)) return 0;
        return Busy(databasePath, () =>
        {
            using var connection = Open(databasePath, SqliteOpenMode.ReadWrite);
            using var transaction = connection.BeginTransaction(deferred: false);
            var saved = new JsonArray();
            int count = 0;
            // Children before the thread row, so a foreign key never sees an orphan.
            foreach (var table in Tables(connection).OrderBy(t => t.Name == "threads"))
            {
                var rows = SqliteRows.Read(connection, table.Name, table.Key, id);
                if (rows.Count == 0) continue;
                count += rows.Count;
                saved.Add((JsonNode?)new JsonObject { ["table"] = table.Name, ["rows"] = rows });
            }
            if (count == 0) return 0;
            AtomicFile.WriteAllText(keepFile, saved.ToJsonString());
            foreach (var table in saved.Select(t => (string)t!["table"]!))
                SqliteRows.Delete(connection, table, Tables(connection).First(t => t.Name == table).Key, id);
            transaction.Commit();
            return count;
        });
    }

    /// <summary>Inserts the kept rows back (thread row first), with their rowids when those are still free.</summary>
    public static void Restore(string databasePath, string keepFile)
    {
        if (!File.Exists(keepFile) || !File.Exists(databasePath)) return;
        var saved = JsonNode.Parse(File.ReadAllText(keepFile))!.AsArray();
        Busy(databasePath, () =>
        {
            using var connection = Open(databasePath, SqliteOpenMode.ReadWrite);
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var table in saved.OrderBy(t => (string)t!["table"]! != "threads"))
            {
                string name = (string)table!["table"]!;
                foreach (var row in table["rows"]!.AsArray()) SqliteRows.Insert(connection, name, row!.AsObject());
            }
            transaction.Commit();
            return 0;
        });
    }

    private readonly record struct Table(string Name, string Key);

    /// <summary>threads (by id) and every table with a thread_id column.</summary>
    private static List<Table> Tables(SqliteConnection connection)
    {
        var tables = new List<Table>();
        foreach (string name in SqliteRows.Tables(connection))
        {
            var columns = SqliteRows.Columns(connection, name);
            if (name == "threads" && columns.Contains("id")) tables.Add(new Table(name, "id"));
            else if (columns.Contains("thread_id")) tables.Add(new Table(name, "thread_id"));
        }
        return tables;
    }

    private static T Busy<T>(string databasePath, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new SessionRefusedException($"Codex's database {Path.GetFileName(databasePath)} is busy (Codex is writing it); try again when Codex is idle");
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) => SqliteRows.Open(path, mode, BusySeconds);
}
