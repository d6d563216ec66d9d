using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.OpenCode;

// Rename and delete: the only statements we ever write into opencode.db, each in one transaction
// that waits at most OpenCodeDatabase.BusySeconds for opencode's lock, then refuses.
public sealed partial class OpenCodeStore : IRenamableStore, IDeletableStore
{
    /// <summary>The rows a delete removed, in the trash entry's keep folder.</summary>
    public const string KeepFile = "opencode.rows.json";

    /// <summary>What opencode's own rename writes: the title and the time of the change.</summary>
    public void Rename(string id, string title)
    {
        Write(connection =>
        {
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE session SET title = $title, time_updated = $now WHERE id = $id AND parent_id IS NULL";
            update.Parameters.AddWithValue("$title", title);
            update.Parameters.AddWithValue("$now", _clock.GetUtcNow().ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("$id", id);
            return update.ExecuteNonQuery() == 0 ? throw new KeyNotFoundException($"no {SourceName} session {id}") : 0;
        });
    }

    /// <summary>
    /// No files: the session's rows, and those of its subagent sessions (opencode's own delete
    /// takes them too), in every table that names a session, described for the confirmation.
    /// </summary>
    public DeletePlan PlanDelete(string id)
    {
        if (Find(id) is null) throw new KeyNotFoundException($"no {SourceName} session {id}");
        var counts = Read(connection =>
        {
            var tree = Tree(connection, id);
            return Keyed(connection)
                .Select(t => (t.Table, Rows: tree.Sum(sid => Convert.ToInt32(SqliteRows.Scalar(connection,
                    $"SELECT count(*) FROM {SqliteRows.Quote(t.Table)} WHERE {SqliteRows.Quote(t.Key)} = $value", sid), CultureInfo.InvariantCulture))))
                .Where(t => t.Rows > 0)
                .ToList();
        });
        string rows = string.Join(", ", counts.Select(c => $"{c.Rows} {c.Table}"));
        int children = counts.FirstOrDefault(c => c.Table == "session").Rows - 1;
        var records = new List<string> { $"its rows in {Database} ({rows}), kept in the trash for undo" };
        if (children > 0) records.Add($"its {children} subagent session(s), as opencode deletes them with it");
        return new DeletePlan([], records);
    }

    /// <summary>Refuses at once, before anything moves, when opencode holds its database's write lock.</summary>
    public IDisposable? Claim(string id)
    {
        Write(_ => 0);
        return null;
    }

    /// <summary>Saves every row of the session and its subagent sessions into the keep folder, then deletes them, in one transaction.</summary>
    public void RemoveRecords(string id, string keepFolder)
    {
        Write(connection =>
        {
            var saved = new JsonArray();
            var tables = Keyed(connection);
            foreach (string sid in Tree(connection, id))
                foreach (var (table, key) in tables)
                {
                    var rows = SqliteRows.Read(connection, table, key, sid);
                    if (rows.Count > 0) saved.Add((JsonNode?)new JsonObject { ["table"] = table, ["key"] = key, ["value"] = sid, ["rows"] = rows });
                }
            if (saved.Count == 0) return 0;
            Directory.CreateDirectory(keepFolder);
            AtomicFile.WriteAllText(Path.Combine(keepFolder, KeepFile), saved.ToJsonString());
            foreach (var group in saved.Reverse())
                SqliteRows.Delete(connection, (string)group!["table"]!, (string)group["key"]!, (string)group["value"]!);
            return saved.Count;
        });
    }

    /// <summary>Inserts the kept rows back as they were (same values, types and rowids), in one transaction.</summary>
    public void RestoreRecords(string id, string keepFolder)
    {
        string keep = Path.Combine(keepFolder, KeepFile);
        if (!File.Exists(keep)) return;
        var saved = JsonNode.Parse(File.ReadAllText(keep))!.AsArray();
        Write(connection =>
        {
            if (SqliteRows.Scalar(connection, "SELECT count(*) FROM session WHERE id = $value", id) is long and > 0)
                throw new InvalidOperationException($"opencode already has a session {id} again; nothing was restored");
            foreach (var group in saved)
                foreach (var row in group!["rows"]!.AsArray()) SqliteRows.Insert(connection, (string)group["table"]!, row!.AsObject());
            return 0;
        });
    }

    /// <summary>Only the database: no file of ours ever moves, so a restore writes no path but it.</summary>
    public bool Owns(string path) => string.Equals(Path.GetFullPath(path), Database, StringComparison.Ordinal);

    /// <summary>The session and its subagent sessions, parents first.</summary>
    private static List<string> Tree(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE tree(id, depth) AS (
                SELECT id, 0 FROM session WHERE id = $id
                UNION SELECT s.id, tree.depth + 1 FROM session s JOIN tree ON s.parent_id = tree.id)
            SELECT id FROM tree ORDER BY depth, id
            """;
        command.Parameters.AddWithValue("$id", id);
        var ids = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>
    /// Every table that holds a session's rows, found from the schema so a newer opencode's tables
    /// are covered too: session by id, event and event_sequence by aggregate_id (a session's event
    /// stream), and every table with a session_id column. Parents first: the order rows go back in.
    /// </summary>
    private static List<(string Table, string Key)> Keyed(SqliteConnection connection)
    {
        var tables = new List<(string Table, string Key)>();
        foreach (string table in SqliteRows.Tables(connection))
        {
            var columns = SqliteRows.Columns(connection, table);
            if (table == "session" && columns.Contains("id")) tables.Add((table, "id"));
            else if (table is "event" or "event_sequence" && columns.Contains("aggregate_id")) tables.Add((table, "aggregate_id"));
            else if (columns.Contains("session_id")) tables.Add((table, "session_id"));
        }
        return [.. tables.OrderBy(t => t.Table switch { "session" => 0, "event_sequence" => 1, "message" => 2, "part" => 4, "event" => 5, _ => 3 })
            .ThenBy(t => t.Table, StringComparer.Ordinal)];
    }

    private void Write(Func<SqliteConnection, int> change)
    {
        if (!File.Exists(Database)) throw new FileNotFoundException($"{Database} does not exist", Database);
        OpenCodeDatabase.Guard(Database, () =>
        {
            using var connection = OpenCodeDatabase.OpenReadWrite(Database);
            using var transaction = connection.BeginTransaction(deferred: false);
            int result = change(connection);
            transaction.Commit();
            return result;
        });
        lock (_gate)
        {
            _listed = null;
            _stamped = null;
        }
    }
}
