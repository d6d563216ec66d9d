namespace SessionBrowser.Core.Search;

/// <summary>Orders hits best first and applies the per-session and total limits.</summary>
public static class HitSelection
{
    public static List<SearchHit> Take(IEnumerable<SearchHit> hits, SearchQuery query)
    {
        var ordered = hits
            .OrderByDescending(h => h.Score)
            .ThenByDescending(h => h.Session.LastActive ?? DateTimeOffset.MinValue)
            .ThenBy(h => h.Session.Ref.ToString(), StringComparer.Ordinal)
            .ThenBy(h => h.MessageIndex ?? -1);
        var perSession = new Dictionary<string, int>();
        var taken = new List<SearchHit>();
        foreach (var hit in ordered)
        {
            if (taken.Count >= query.Limit) break;
            if (query.HitsPerSession > 0)
            {
                var key = hit.Session.Ref.ToString();
                int seen = perSession.GetValueOrDefault(key);
                if (seen >= query.HitsPerSession) continue;
                perSession[key] = seen + 1;
            }
            taken.Add(hit);
        }
        return taken;
    }

    /// <summary>
    /// The scan's stand-in for bm25 (which needs corpus statistics the scan does not keep):
    /// more occurrences score higher, with diminishing returns, and long texts are discounted.
    /// </summary>
    public static double ScanScore(int[] counts, int tokenCount)
    {
        const double k1 = 1.2, b = 0.75, averageLength = 100;
        double norm = k1 * (1 - b + b * tokenCount / averageLength);
        double score = 0;
        foreach (int tf in counts) score += tf * (k1 + 1) / (tf + norm);
        return score;
    }
}
