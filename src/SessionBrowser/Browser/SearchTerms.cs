using System.Text.RegularExpressions;

namespace SessionBrowser.Browser;

/// <summary>
/// The words and phrases of a search query that can be highlighted in text: quoted phrases
/// and plain words; filters such as <c>status:paused</c> select sessions and are not shown.
/// </summary>
public static partial class SearchTerms
{
    [GeneratedRegex("\"([^\"]*)\"?|(\\S+)")]
    private static partial Regex Token();

    public static IReadOnlyList<string> Of(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return [];
        var terms = new List<string>();
        foreach (Match m in Token().Matches(query))
        {
            if (m.Groups[1].Success) { if (m.Groups[1].Value.Trim().Length > 0) terms.Add(m.Groups[1].Value.Trim()); continue; }
            var word = m.Groups[2].Value;
            if (IsFilter(word)) continue;
            word = word.TrimEnd('*');
            if (word.Length > 0) terms.Add(word);
        }
        return terms;
    }

    /// <summary>The query when it has anything to highlight, else null.</summary>
    public static string? Highlightable(string query) => Of(query).Count > 0 ? query : null;

    private static bool IsFilter(string word)
    {
        int colon = word.IndexOf(':');
        return colon > 0 && word[..colon] is "status" or "tag" or "role" or "model" or "before" or "after" or "source";
    }

    /// <summary>Every (start, length) where a term occurs in <paramref name="text"/>, ignoring case, in order, not overlapping.</summary>
    public static List<(int Start, int Length)> Find(string text, IReadOnlyList<string> terms)
    {
        var found = new List<(int, int)>();
        if (terms.Count == 0 || text.Length == 0) return found;
        int i = 0;
        while (i < text.Length)
        {
            int best = -1, bestLength = 0;
            foreach (var term in terms)
            {
                int at = text.IndexOf(term, i, StringComparison.OrdinalIgnoreCase);
                if (at >= 0 && (best < 0 || at < best || (at == best && term.Length > bestLength))) { best = at; bestLength = term.Length; }
            }
            if (best < 0) break;
            found.Add((best, bestLength));
            i = best + bestLength;
        }
        return found;
    }
}
