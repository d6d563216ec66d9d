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
            return Tables(connection).Sum(table => Convert.ToInt32(Scalar(connection, $"SELECT count(*) FROM {Quote(table.Name)} WHERE {Quote(table.Key)} = $id", id)));
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
                var rows = ReadRows(connection, table, id);
                if (rows.Count == 0) continue;
                count += rows.Count;
                saved.Add(new JsonObject { ["table"] = table.Name, ["rows"] = rows });
            }
            if (count == 0) return 0;
            AtomicFile.WriteAllText(keepFile, saved.ToJsonString());
            foreach (var table in saved.Select(t => (string)t!["table"]!))
            {
                using var delete = connection.CreateCommand();
                var key = Tables(connection).First(t => t.Name == table).Key;
                delete.CommandText = $"DELETE FROM {Quote(table)} WHERE {Quote(key)} = $id";
                delete.Parameters.AddWithValue("$id", id);
                delete.ExecuteNonQuery();
            }
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
                foreach (var row in table["rows"]!.AsArray()) Insert(connection, name, row!.AsObject());
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
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) names.Add(reader.GetString(0));
        foreach (string name in names)
        {
            using var info = connection.CreateCommand();
            info.CommandText = $"SELECT name FROM pragma_table_info({Literal(name)})";
            var columns = new List<string>();
            using (var reader = info.ExecuteReader())
                while (reader.Read()) columns.Add(reader.GetString(0));
            if (name == "threads" && columns.Contains("id")) tables.Add(new Table(name, "id"));
            else if (columns.Contains("thread_id")) tables.Add(new Table(name, "thread_id"));
        }
        return tables;
    }

    /// <summary>The rows as {rowid, columns: {name: {type, value}}}: integer, real, text, blob (base64), null.</summary>
    private static JsonArray ReadRows(SqliteConnection connection, Table table, string id)
    {
        var rows = new JsonArray();
        using var command = connection.CreateCommand();
        bool hasRowid = HasRowid(connection, table.Name);
        command.CommandText = $"SELECT {(hasRowid ? "rowid AS \"__rowid\", " : "")}* FROM {Quote(table.Name)} WHERE {Quote(table.Key)} = $id ORDER BY 1";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new JsonObject();
            var columns = new JsonObject();
            for (int i = 0; i < reader.FieldCount; i++)
            {
                if (hasRowid && i == 0)
                {
                    row["rowid"] = reader.GetInt64(0);
                    continue;
                }
                columns[reader.GetName(i)] = Value(reader, i);
            }
            row["columns"] = columns;
            rows.Add(row);
        }
        return rows;
    }

    private static JsonObject Value(SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i)) return new JsonObject { ["type"] = "null" };
        return reader.GetFieldType(i) switch
        {
            var t when t == typeof(long) => new JsonObject { ["type"] = "integer", ["value"] = reader.GetInt64(i) },
            var t when t == typeof(double) => new JsonObject { ["type"] = "real", ["value"] = reader.GetDouble(i) },
            var t when t == typeof(byte[]) => new JsonObject { ["type"] = "blob", ["value"] = Convert.ToBase64String((byte[])reader.GetValue(i)) },
            _ => new JsonObject { ["type"] = "text", ["value"] = reader.GetString(i) },
        };
    }

    private static void Insert(SqliteConnection connection, string table, JsonObject row)
    {
        var columns = row["columns"]!.AsObject();
        long? rowid = row["rowid"]?.GetValue<long>();
        if (rowid is { } r && Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {Quote(table)} WHERE rowid = $id", r)) > 0) rowid = null;
        using var insert = connection.CreateCommand();
        var names = columns.Select(c => c.Key).ToList();
        var all = rowid is null ? names.Select(Quote) : ["rowid", .. names.Select(Quote)];
        var parameters = Enumerable.Range(0, names.Count).Select(i => $"$p{i}");
        insert.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", all)}) VALUES ({string.Join(", ", rowid is null ? parameters : ["$rowid", .. parameters])})";
        if (rowid is { } keep) insert.Parameters.AddWithValue("$rowid", keep);
        for (int i = 0; i < names.Count; i++)
        {
            var cell = columns[names[i]]!.AsObject();
            object value = (string)cell["type"]! switch
            {
                "integer" => cell["value"]!.GetValue<long>(),
                "real" => cell["value"]!.GetValue<double>(),
                "blob" => Convert.FromBase64String((string)cell["value"]!),
                "text" => (string)cell["value"]!,
                _ => DBNull.Value,
            };
            insert.Parameters.AddWithValue($"$p{i}", value);
        }
        insert.ExecuteNonQuery();
    }

    private static bool HasRowid(SqliteConnection connection, string table)
    {
        string sql = (string?)Scalar(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $id", table) ?? "";
        return !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
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

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = BusySeconds,
            // Codex's schema cascades from threads; rows are removed table by table here, each saved first.
            ForeignKeys = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql, object parameter)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", parameter);
        return command.ExecuteScalar();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
