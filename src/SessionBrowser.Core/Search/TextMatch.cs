namespace SessionBrowser.Core.Search;

/// <summary>A matched stretch of text: UTF-16 start and length.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// Where a query's terms occur in a text, by the same word rule as the index (<see cref="TextTokens"/>).
/// The plain scan decides matches with it; both the scan and the index use it to place highlights.
/// </summary>
public static class TextMatch
{
    /// <summary>Every occurrence of every term, in text order; empty when some term does not occur.</summary>
    public static List<TextRange> FindAll(string text, IReadOnlyList<SearchTerm> terms) =>
        FindAll(TextTokens.Tokenize(text), terms, out _);

    /// <summary>As <see cref="FindAll(string, IReadOnlyList{SearchTerm})"/>, also counting occurrences per term (for ranking).</summary>
    public static List<TextRange> FindAll(List<Token> tokens, IReadOnlyList<SearchTerm> terms, out int[] counts)
    {
        var ranges = new List<TextRange>();
        counts = new int[terms.Count];
        for (int t = 0; t < terms.Count; t++)
        {
            var term = terms[t];
            for (int i = 0; i + term.Tokens.Count <= tokens.Count; i++)
            {
                if (!MatchesAt(tokens, i, term)) continue;
                counts[t]++;
                var first = tokens[i];
                var last = tokens[i + term.Tokens.Count - 1];
                ranges.Add(new TextRange(first.Start, last.Start + last.Length - first.Start));
            }
            if (counts[t] == 0) return [];
        }
        ranges.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        return Merge(ranges);
    }

    private static bool MatchesAt(List<Token> tokens, int at, SearchTerm term)
    {
        for (int k = 0; k < term.Tokens.Count; k++)
        {
            var word = tokens[at + k].Folded;
            bool last = k == term.Tokens.Count - 1;
            bool ok = last && term.Prefix
                ? word.StartsWith(term.Tokens[k], StringComparison.Ordinal)
                : word.Equals(term.Tokens[k], StringComparison.Ordinal);
            if (!ok) return false;
        }
        return true;
    }

    private static List<TextRange> Merge(List<TextRange> sorted)
    {
        var merged = new List<TextRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                var prev = merged[^1];
                merged[^1] = new TextRange(prev.Start, Math.Max(prev.End, r.End) - prev.Start);
            }
            else merged.Add(r);
        }
        return merged;
    }
}
