using System.Globalization;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// What a list row is built from, read in SQL (SQLite's JSON functions), so listing 10,000 sessions
/// parses no JSON in .NET: the session row, and per session the message count, the token and cost
/// sums and the last model from the messages' <c>data</c> (opencode keeps the figures there; the
/// session's own columns are often 0), and how many message or part rows are not JSON.
/// Only top-level sessions: a child (parent_id set) is a subagent's task, listed by opencode
/// under its parent and not on its own, and so here.
/// </summary>
internal sealed record OpenCodeRow(
    string Id, string Title, string Directory, long Created, long Updated, long? Archived,
    int Messages, long Tokens, double Cost, string? Model, int BadRows, string? FirstBadRow);

internal static class OpenCodeRows
{
    // A number at a JSON path, 0 when it is missing or not a number (data is known to be valid JSON here).
    private static string Number(string path) =>
        $"iif(json_type(data, '{path}') IN ('integer', 'real'), json_extract(data, '{path}'), 0)";

    private static readonly string Tokens = string.Join(" + ",
        new[] { "$.tokens.input", "$.tokens.output", "$.tokens.reasoning", "$.tokens.cache.read", "$.tokens.cache.write" }.Select(Number));

    // {0}, {1}, {2}: the filters on message or part rows, session rows, and parts joined to messages (all, or one session's).
    private static readonly string Sql = $$"""
        WITH good AS (
            SELECT session_id, time_created, data FROM message WHERE {0} AND json_valid(data)),
        usage AS (
            SELECT session_id, sum({{Tokens}}) AS tokens, sum({{Number("$.cost")}}) AS cost
            FROM good GROUP BY session_id),
        model AS (
            SELECT session_id, json_extract(data, '$.modelID') AS model, max(time_created)
            FROM good WHERE json_type(data, '$.modelID') = 'text' GROUP BY session_id),
        parts AS (
            SELECT p.session_id, p.message_id,
                iif(json_valid(m.data), json_extract(m.data, '$.role'), NULL) = 'user' AS user,
                json_extract(p.data, '$.type') AS type,
                json_type(p.data, '$.text') = 'text' AND trim(json_extract(p.data, '$.text'), ' ' || char(9, 10, 13)) <> '' AS said,
                ifnull(json_extract(p.data, '$.synthetic'), 0) = 1 AS synthetic
            FROM part p JOIN message m ON m.id = p.message_id
            WHERE {2} AND json_valid(p.data)),
        shown AS (
            SELECT session_id,
                count(DISTINCT iif(user AND (type = 'file' OR type = 'text' AND said AND NOT synthetic), message_id, NULL))
                + sum(CASE
                    WHEN user AND type IN ('text', 'file') THEN 0
                    WHEN type = 'text' THEN said AND NOT synthetic
                    WHEN type = 'reasoning' THEN said
                    WHEN type IN ('file', 'tool', 'subtask') THEN 1
                    ELSE 0 END) AS records
            FROM parts GROUP BY session_id),
        bad AS (
            SELECT session_id, count(*) AS rows, min(id) AS first FROM (
                SELECT session_id, 'message ' || id AS id FROM message WHERE {0} AND NOT json_valid(data)
                UNION ALL
                SELECT session_id, 'part ' || id AS id FROM part WHERE {0} AND NOT json_valid(data))
            GROUP BY session_id)
        SELECT s.id, s.title, s.directory, s.time_created, s.time_updated, s.time_archived,
            ifnull(shown.records, 0),
            ifnull(usage.tokens, 0), ifnull(usage.cost, 0),
            s.tokens_input + s.tokens_output + s.tokens_reasoning + s.tokens_cache_read + s.tokens_cache_write, s.cost,
            model.model, ifnull(bad.rows, 0), bad.first
        FROM session s
        LEFT JOIN usage ON usage.session_id = s.id
        LEFT JOIN model ON model.session_id = s.id
        LEFT JOIN shown ON shown.session_id = s.id
        LEFT JOIN bad ON bad.session_id = s.id
        WHERE s.parent_id IS NULL AND {1}
        """;

    /// <summary>Every top-level session.</summary>
    public static List<OpenCodeRow> All(SqliteConnection connection, CancellationToken cancellationToken) =>
        Read(connection, string.Format(CultureInfo.InvariantCulture, Sql, "1", "1", "1"), null, cancellationToken);

    /// <summary>One top-level session, or null.</summary>
    public static OpenCodeRow? One(SqliteConnection connection, string id) =>
        Read(connection, string.Format(CultureInfo.InvariantCulture, Sql, "session_id = $id", "s.id = $id", "p.session_id = $id"), id, CancellationToken.None)
            .FirstOrDefault();

    /// <summary>
    /// Per top-level session: its rows (messages and parts) and the newest time_updated among the
    /// session and them: what changes whenever opencode writes a message, a part, or the session.
    /// </summary>
    public static IEnumerable<(string Id, FileStamp Stamp)> Stamps(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.id, ifnull(m.n, 0) + ifnull(p.n, 0), max(s.time_updated, ifnull(m.t, 0), ifnull(p.t, 0))
            FROM session s
            LEFT JOIN (SELECT session_id, count(*) AS n, max(time_updated) AS t FROM message GROUP BY session_id) m ON m.session_id = s.id
            LEFT JOIN (SELECT session_id, count(*) AS n, max(time_updated) AS t FROM part GROUP BY session_id) p ON p.session_id = s.id
            WHERE s.parent_id IS NULL
            """;
        using var reader = command.ExecuteReader();
        var stamps = new List<(string, FileStamp)>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            stamps.Add((reader.GetString(0), new FileStamp(reader.GetInt64(1), TicksOf(reader.GetInt64(2)))));
        }
        return stamps;
    }

    /// <summary>opencode's milliseconds since 1970 as UTC ticks.</summary>
    public static long TicksOf(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(milliseconds, -62135596800000, 253402300799999)).UtcTicks;

    private static List<OpenCodeRow> Read(SqliteConnection connection, string sql, string? id, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (id is not null) command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        var rows = new List<OpenCodeRow>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            long tokens = Long(reader, 7);
            double cost = Double(reader, 8);
            rows.Add(new OpenCodeRow(
                Id: reader.GetString(0),
                Title: Text(reader, 1) ?? "",
                Directory: Text(reader, 2) ?? "",
                Created: Long(reader, 3),
                Updated: Long(reader, 4),
                Archived: reader.IsDBNull(5) ? null : Long(reader, 5),
                Messages: (int)Long(reader, 6),
                // The messages' figures; the session's columns when the messages carry none.
                Tokens: tokens > 0 ? tokens : Long(reader, 9),
                Cost: cost > 0 ? cost : Double(reader, 10),
                Model: Text(reader, 11),
                BadRows: (int)Long(reader, 12),
                FirstBadRow: Text(reader, 13)));
        }
        return rows;
    }

    // Columns read by what they hold, not what the schema says: a hand-edited row never throws.
    private static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);

    private static long Long(SqliteDataReader reader, int i) => reader.GetValue(i) switch
    {
        long l => l,
        double d when !double.IsNaN(d) => (long)Math.Clamp(d, long.MinValue, long.MaxValue),
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
        _ => 0,
    };

    private static double Double(SqliteDataReader reader, int i) => reader.GetValue(i) switch
    {
        long l => l,
        double d when !double.IsNaN(d) => d,
        _ => 0,
    };
}
