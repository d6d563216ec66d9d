using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// Search by reading every session's files: always right, slower than the index. Used when the
/// index cannot be (no SQLite, read-only cache), and by the tests as the reference the index must equal.
/// </summary>
public static class ScanSearch
{
    public static List<SearchHit> Search(IEnumerable<ISessionStore> stores, SearchQuery query, CancellationToken cancellationToken = default) =>
        Search(stores, query, null, cancellationToken);

    /// <summary><paramref name="project"/>: only the sessions of that folder.</summary>
    public static List<SearchHit> Search(IEnumerable<ISessionStore> stores, SearchQuery query, ProjectFolder? project, CancellationToken cancellationToken = default)
    {
        var hits = new List<SearchHit>();
        if (query.IsEmpty) return hits;
        foreach (var store in stores)
        {
            if (query.Sources.Count > 0 && !query.Sources.Contains(store.Source.ToLowerInvariant())) continue;
            foreach (var session in store.List(cancellationToken))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!SessionFilter.Accepts(query, session) || project?.Includes(store, session) == false) continue;
                hits.AddRange(SearchSession(store, session, query, cancellationToken));
            }
        }
        return HitSelection.Take(hits, query);
    }

    private static IEnumerable<SearchHit> SearchSession(ISessionStore store, SessionSummary session, SearchQuery query, CancellationToken cancellationToken)
    {
        var sessionText = SessionOwnText.Of(session);
        if (query.Terms.Count == 0)
        {
            if (SessionFilter.ActiveWithin(query, session))
                yield return SessionHit(session, sessionText, query, LastActiveScore(session));
            yield break;
        }
        if (query.Roles.Count == 0 && SessionFilter.ActiveWithin(query, session))
        {
            var tokens = TextTokens.Tokenize(sessionText);
            if (TextMatch.FindAll(tokens, query.Terms, out var counts).Count > 0)
                yield return SessionHit(session, sessionText, query, HitSelection.ScanScore(counts, tokens.Count));
        }
        int position = 0;
        foreach (var record in store.ReadMessages(session.Id, cancellationToken))
        {
            int index = position++;
            if (record.Message is not { } message) continue;
            if (!SessionFilter.AcceptsRole(query, message.Role)) continue;
            if (!SessionFilter.MessageWithin(query, message.Time, session)) continue;
            var tokens = TextTokens.Tokenize(message.Content);
            var ranges = TextMatch.FindAll(tokens, query.Terms, out var counts);
            if (ranges.Count == 0) continue;
            var (snippet, matches) = Snippet.Build(message.Content, ranges);
            yield return new SearchHit(session, index, message.Role, message.Timestamp, snippet, matches,
                HitSelection.ScanScore(counts, tokens.Count));
        }
    }

    internal static SearchHit SessionHit(SessionSummary session, string sessionText, SearchQuery query, double score)
    {
        var (snippet, matches) = SessionOwnText.SnippetOf(sessionText, query.Terms);
        return new SearchHit(session, null, null, null, snippet, matches, score);
    }

    /// <summary>Filter-only queries list sessions newest first: the score is the last activity.</summary>
    internal static double LastActiveScore(SessionSummary session) =>
        (session.LastActive ?? session.CreatedAt)?.ToUnixTimeMilliseconds() ?? 0;
}
