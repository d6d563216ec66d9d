using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

public sealed partial class SearchCache
{
    /// <summary>Most matching messages ranked per query (the newest, when more match).</summary>
    public const int RankWindow = 2000;

    /// <summary>The query over what the index holds, ranked by bm25 (best first).</summary>
    public List<SearchHit> Search(SearchQuery query, CancellationToken cancellationToken = default) =>
        SearchRanked(query, null, cancellationToken).Hits;

    /// <summary>
    /// <see cref="Search(SearchQuery, CancellationToken)"/>, and whether more than
    /// <see cref="RankWindow"/> messages matched so that only the newest of them were ranked.
    /// <paramref name="within"/>: only these sessions (a project's), filtered in SQL before ranking
    /// and the limit, so every match among them is found; null: all.
    /// </summary>
    public (List<SearchHit> Hits, bool Truncated) SearchRanked(SearchQuery query, IReadOnlyCollection<string>? within = null,
        CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty && within is null || within is { Count: 0 }) return ([], false);
        if (query.Sources.Count > 0 && !query.Sources.Contains(Store.Source.ToLowerInvariant())) return ([], false);
        return Guarded(connection => query.Terms.Count == 0
            ? (FilterOnly(connection, query, within), false)
            : FullText(connection, query, within, cancellationToken));
    }

    /// <summary>The FTS5 expression for the terms: each a quoted phrase of its tokens, prefix-marked, all required.</summary>
    internal static string MatchExpression(IReadOnlyList<SearchTerm> terms) =>
        string.Join(" AND ", terms.Select(term => "\"" + string.Join(' ', term.Tokens).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.Prefix ? "*" : "")));

    private (List<SearchHit>, bool Truncated) FullText(SqliteConnection connection, SearchQuery query, IReadOnlyCollection<string>? within,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        var where = new List<string> { "texts MATCH $match" };
        command.Parameters.AddWithValue("$match", MatchExpression(query.Terms));
        bool join = query.HasSessionFilters || within is not null;
        AddSessionFilters(command, query, within, where);
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
        // Rank by bm25 reading only the index (it holds no message text), then read the text of
        // just the rows shown from the store (HitTexts). bm25 costs ~5 ms per thousand rows (a column-size lookup each), and a common
        // word matches 50,000 of a million messages, so at most RankWindow are ranked: the newest
        // (a higher rowid is a newer session, then a later message), which is every match for all
        // but the broadest queries; Truncated says so.
        command.CommandText = "SELECT t.rowid, bm25(texts) FROM texts t"
            + (join ? " JOIN sessions s ON s.sid = (t.rowid >> 32)" : "")
            + " WHERE " + string.Join(" AND ", where)
            + " ORDER BY t.rowid DESC LIMIT $window";
        command.Parameters.AddWithValue("$window", RankWindow + 1);
        var window = new List<(long RowId, double Rank)>();
        // A broad prefix ("re*" while typing: the index keeps no prefix lists) reads the doclists of
        // every word it covers, up to a second over a million messages: a newer search as the user
        // types stops it (SQLite's interrupt) rather than waiting behind it.
        using (cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(connection.Handle)))
        {
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read()) window.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        bool truncated = window.Count > RankWindow;
        if (truncated) window.RemoveAt(window.Count - 1);
        var perSession = new Dictionary<long, int>();
        var ranked = window
            .OrderBy(hit => hit.Rank).ThenByDescending(hit => hit.RowId)
            .Where(hit => query.HitsPerSession <= 0
                || (perSession[hit.RowId >> 32] = perSession.GetValueOrDefault(hit.RowId >> 32) + 1) <= query.HitsPerSession)
            .Take(Math.Max(query.Limit, 0))
            .ToList();

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT role, ts, off FROM texts WHERE rowid = $id";
        var id = read.Parameters.Add("$id", SqliteType.Integer);
        var summaries = SummariesBySid(connection, ranked.Select(hit => hit.RowId >> 32));
        var texts = new HitTexts(Store);
        var shown = new List<(SessionSummary Summary, int Position, string? Role, long? Ticks, long? Offset, double Rank)>(ranked.Count);
        foreach (var (rowId, rank) in ranked)
        {
            if (!summaries.TryGetValue(rowId >> 32, out var summary)) continue;
            id.Value = rowId;
            using var reader = read.ExecuteReader();
            if (!reader.Read()) continue;
            int position = (int)(rowId & 0xFFFFFFFF) - 1;
            long? offset = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            shown.Add((summary, position, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), offset, rank));
            if (position >= 0) texts.Want(summary.Id, position, offset);
        }
        var hits = new List<SearchHit>(shown.Count);
        foreach (var hit in shown)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The session's own row is its title and tags, from the summary; a message is read back from its file.
            var body = hit.Position < 0 ? SessionOwnText.Of(hit.Summary) : texts.Text(hit.Summary.Id, hit.Position, hit.Offset, cancellationToken);
            // A text that cannot be read back now (changed since indexed, its database busy) still
            // names the session and message the index found, with no excerpt.
            hits.Add(MakeHit(hit.Summary, hit.Position, body ?? "", hit.Role, hit.Ticks, -hit.Rank, query));
        }
        return (hits, truncated);
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

    private static List<SearchHit> FilterOnly(SqliteConnection connection, SearchQuery query, IReadOnlyCollection<string>? within)
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        AddSessionFilters(command, query, within, where);
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

    private static void AddSessionFilters(SqliteCommand command, SearchQuery query, IReadOnlyCollection<string>? within, List<string> where)
    {
        if (within is not null)
        {
            where.Add("s.id IN (SELECT value FROM json_each($within))");
            command.Parameters.AddWithValue("$within", new JsonArray([.. within.Select(id => (JsonNode?)id)]).ToJsonString());
        }
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

    /// <summary>The summaries of these sessions, in one query (a search shows up to hundreds).</summary>
    private static Dictionary<long, SessionSummary> SummariesBySid(SqliteConnection connection, IEnumerable<long> sids)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sid, summary FROM sessions WHERE sid IN (SELECT value FROM json_each($sids))";
        command.Parameters.AddWithValue("$sids", "[" + string.Join(',', sids.Distinct()) + "]");
        var summaries = new Dictionary<long, SessionSummary>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) summaries[reader.GetInt64(0)] = ReadSummary(reader.GetString(1));
        return summaries;
    }
}
