using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Rows of another tool's SQLite database kept in a trash entry and put back exactly: each row as
/// <c>{rowid, columns: {name: {type, value}}}</c> with SQLite's storage class (integer, real, text,
/// blob as base64, null), so undo inserts the same values with the same types and rowid. Shared by
/// the sources that delete database rows (Codex's state databases, opencode.db).
/// </summary>
internal static class SqliteRows
{
    /// <summary>
    /// A connection to another tool's database that waits at most <paramref name="busySeconds"/> for
    /// its lock (Microsoft.Data.Sqlite retries a busy statement that long, then throws SQLITE_BUSY),
    /// with foreign keys off: rows are removed and put back table by table here, each saved first,
    /// and the tool's cascades must not take rows that were not saved.
    /// </summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode, int busySeconds)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = busySeconds,
            ForeignKeys = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>The user tables, by name.</summary>
    public static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var names = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>The table's column names.</summary>
    public static List<string> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info({Literal(table)})";
        var columns = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }

    /// <summary>The rows whose <paramref name="key"/> column equals <paramref name="value"/>, typed, in rowid order.</summary>
    public static JsonArray Read(SqliteConnection connection, string table, string key, object value)
    {
        var rows = new JsonArray();
        using var command = connection.CreateCommand();
        bool hasRowid = HasRowid(connection, table);
        command.CommandText = $"SELECT {(hasRowid ? "rowid AS \"__rowid\", " : "")}* FROM {Quote(table)} WHERE {Quote(key)} = $value ORDER BY 1";
        command.Parameters.AddWithValue("$value", value);
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
            rows.Add((JsonNode?)row);
        }
        return rows;
    }

    /// <summary>Deletes the rows <see cref="Read"/> would return; how many went.</summary>
    public static int Delete(SqliteConnection connection, string table, string key, object value)
    {
        using var delete = connection.CreateCommand();
        delete.CommandText = $"DELETE FROM {Quote(table)} WHERE {Quote(key)} = $value";
        delete.Parameters.AddWithValue("$value", value);
        return delete.ExecuteNonQuery();
    }

    /// <summary>Inserts a row <see cref="Read"/> returned, with its rowid when that is still free.</summary>
    public static void Insert(SqliteConnection connection, string table, JsonObject row)
    {
        var columns = row["columns"]!.AsObject();
        long? rowid = row["rowid"]?.GetValue<long>();
        if (rowid is { } r && Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {Quote(table)} WHERE rowid = $value", r)) > 0) rowid = null;
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

    public static object? Scalar(SqliteConnection connection, string sql, object value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$value", value);
        return command.ExecuteScalar();
    }

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

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

    private static bool HasRowid(SqliteConnection connection, string table)
    {
        string sql = (string?)Scalar(connection, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $value", table) ?? "";
        return !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
    }
}
