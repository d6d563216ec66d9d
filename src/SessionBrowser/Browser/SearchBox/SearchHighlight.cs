using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

/// <summary>
/// Where a search's words occur in a line of the Messages tab, by Core's own word rule
/// (<see cref="QueryParser"/>, <see cref="TextMatch"/>), so what is highlighted is what matched.
/// Each term is looked for on its own: a line shows a match even when the other words are
/// elsewhere in the message.
/// </summary>
public static class SearchHighlight
{
    public static IReadOnlyList<SearchTerm> TermsOf(string? query) =>
        string.IsNullOrWhiteSpace(query) ? [] : QueryParser.Parse(query, asYouType: true).Terms;

    public static List<(int Start, int Length)> Find(string text, IReadOnlyList<SearchTerm> terms)
    {
        var ranges = new List<(int Start, int Length)>();
        if (terms.Count == 0 || text.Length == 0) return ranges;
        foreach (var term in terms)
            ranges.AddRange(TextMatch.FindAll(text, [term]).Select(r => (r.Start, r.Length)));
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        return ranges;
    }
}
