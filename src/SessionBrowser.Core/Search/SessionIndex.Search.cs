using System.Globalization;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

public sealed partial class SessionIndex
{
    // Rows are fetched in pages: more than the limit, because the per-session cap can skip some.
    private const int PageFactor = 4;

    /// <summary>The query over what the index holds, ranked by bm25 (best first).</summary>
    public List<SearchHit> Search(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty) return [];
        if (query.Sources.Count > 0 && !query.Sources.Contains(Store.Source.ToLowerInvariant())) return [];
        return Guarded(connection => query.Terms.Count == 0
            ? FilterOnly(connection, query)
            : FullText(connection, query, cancellationToken));
    }

    /// <summary>The FTS5 expression for the terms: each a quoted phrase of its tokens, prefix-marked, all required.</summary>
    internal static string MatchExpression(IReadOnlyList<SearchTerm> terms) =>
        string.Join(" AND ", terms.Select(term => "\"" + string.Join(' ', term.Tokens).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.Prefix ? "*" : "")));

    private List<SearchHit> FullText(SqliteConnection connection, SearchQuery query, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var where = new List<string> { "texts MATCH $match" };
        command.Parameters.AddWithValue("$match", MatchExpression(query.Terms));
        bool join = query.HasSessionFilters;
        AddSessionFilters(command, query, where);
        if (query.Roles.Count > 0)
        {
            where.Add("(t.rowid & 4294967295) != 0");
            where.Add("lower(t.role) IN (" + Parameters(command, "role", query.Roles) + ")");
        }
        if (query.After is not null || query.Before is not null)
        {
            // Messages by their own time (else the session's last activity); the session's own row by its active span.
            var message = new List<string>();
            var session = new List<string>();
            if (query.After is { } after)
            {
                command.Parameters.AddWithValue("$after", after.UtcTicks);
                message.Add("coalesce(t.ts, s.last_ticks) >= $after");
                session.Add("coalesce(s.last_ticks, s.created_ticks) >= $after");
            }
            if (query.Before is { } before)
            {
                command.Parameters.AddWithValue("$before", before.UtcTicks);
                message.Add("coalesce(t.ts, s.last_ticks) < $before");
                session.Add("coalesce(s.created_ticks, s.last_ticks) < $before");
            }
            where.Add($"(((t.rowid & 4294967295) != 0 AND {string.Join(" AND ", message)}) OR ((t.rowid & 4294967295) = 0 AND {string.Join(" AND ", session)}))");
        }
        command.CommandText = "SELECT t.rowid, bm25(texts), t.body, t.role, t.ts FROM texts t"
            + (join ? " JOIN sessions s ON s.sid = (t.rowid >> 32)" : "")
            + " WHERE " + string.Join(" AND ", where)
            + " ORDER BY bm25(texts) LIMIT $limit OFFSET $offset";
        int pageSize = Math.Max(query.Limit, 1) * PageFactor;
        command.Parameters.AddWithValue("$limit", pageSize);
        var offset = command.Parameters.AddWithValue("$offset", 0);
        int skipped = 0;

        var summaries = new Dictionary<long, SessionSummary?>();
        var hits = new List<SearchHit>();
        var perSession = new Dictionary<long, int>();
        while (hits.Count < query.Limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int rows = 0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read() && hits.Count < query.Limit)
                {
                    rows++;
                    long rowId = reader.GetInt64(0);
                    long sid = rowId >> 32;
                    if (query.HitsPerSession > 0)
                    {
                        int seen = perSession.GetValueOrDefault(sid);
                        if (seen >= query.HitsPerSession) continue;
                        perSession[sid] = seen + 1;
                    }
                    if (!summaries.TryGetValue(sid, out var summary)) summaries[sid] = summary = SummaryBySid(connection, sid);
                    if (summary is null) continue;
                    int position = (int)(rowId & 0xFFFFFFFF) - 1;
                    var body = TextTokens.FromIndex(reader.GetString(2));
                    hits.Add(MakeHit(summary, position, body, reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetInt64(4), -reader.GetDouble(1), query));
                }
            }
            if (rows < pageSize) break;
            skipped += rows;
            offset.Value = skipped;
        }
        return hits;
    }

    private static SearchHit MakeHit(SessionSummary summary, int position, string body, string? role, long? ticks, double score, SearchQuery query)
    {
        if (position < 0)
        {
            var (text, ranges) = SessionOwnText.SnippetOf(body, query.Terms);
            return new SearchHit(summary, null, null, null, text, ranges, score);
        }
        var (snippet, matches) = Snippet.Build(body, TextMatch.FindAll(body, query.Terms));
        var timestamp = ticks is { } t
            ? new DateTimeOffset(t, TimeSpan.Zero).ToLocalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : null;
        return new SearchHit(summary, position, role, timestamp, snippet, matches, score);
    }

    private static List<SearchHit> FilterOnly(SqliteConnection connection, SearchQuery query)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        AddSessionFilters(command, query, where);
        if (query.After is { } after)
        {
            where.Add("coalesce(s.last_ticks, s.created_ticks) >= $after");
            command.Parameters.AddWithValue("$after", after.UtcTicks);
        }
        if (query.Before is { } before)
        {
            where.Add("coalesce(s.created_ticks, s.last_ticks) < $before");
            command.Parameters.AddWithValue("$before", before.UtcTicks);
        }
        command.CommandText = "SELECT s.summary FROM sessions s"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + " ORDER BY s.last_ticks DESC, s.id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", query.Limit);
        var hits = new List<SearchHit>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var summary = ReadSummary(reader.GetString(0));
            hits.Add(ScanSearch.SessionHit(summary, SessionOwnText.Of(summary), query, ScanSearch.LastActiveScore(summary)));
        }
        return hits;
    }

    private static void AddSessionFilters(SqliteCommand command, SearchQuery query, List<string> where)
    {
        if (query.Statuses.Count > 0) where.Add("s.status IN (" + Parameters(command, "status", query.Statuses) + ")");
        if (query.Models.Count > 0) where.Add("s.model IN (" + Parameters(command, "model", query.Models.Select(m => m.ToLowerInvariant()).ToList()) + ")");
        if (query.Tags.Count > 0)
        {
            var names = query.Tags.Select((tag, i) =>
            {
                command.Parameters.AddWithValue($"$tag{i}", "\n" + tag.ToLowerInvariant() + "\n");
                return $"instr(s.tags, $tag{i}) > 0";
            });
            where.Add("(" + string.Join(" OR ", names) + ")");
        }
    }

    private static string Parameters(SqliteCommand command, string name, IReadOnlyList<string> values) =>
        string.Join(", ", values.Select((value, i) =>
        {
            command.Parameters.AddWithValue($"${name}{i}", value);
            return $"${name}{i}";
        }));

    private static SessionSummary? SummaryBySid(SqliteConnection connection, long sid)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT summary FROM sessions WHERE sid = $sid";
        command.Parameters.AddWithValue("$sid", sid);
        return command.ExecuteScalar() is string json ? ReadSummary(json) : null;
    }
}
