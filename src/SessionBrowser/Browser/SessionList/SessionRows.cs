using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>Which sessions the list shows, in which order: scope, status and tag filters, then
/// either the search ranking (while a search is active) or the chosen sort.</summary>
public static class SessionRows
{
    public static IReadOnlyList<int> Compute(AppState s)
    {
        var keep = new List<int>(s.Sessions.Count);
        for (int i = 0; i < s.Sessions.Count; i++)
            if (Visible(s, s.Sessions[i])) keep.Add(i);

        if (s.Search.IsActive)
        {
            var rank = new Dictionary<SessionRef, int>();
            for (int i = 0; i < s.Search.Hits!.Count; i++) rank.TryAdd(s.Search.Hits[i].Ref, i);
            return [.. keep.Where(i => rank.ContainsKey(s.Sessions[i].Ref)).OrderBy(i => rank[s.Sessions[i].Ref])];
        }

        Comparison<int> compare = s.Sort switch
        {
            SortKey.Created => (a, b) => Newer(s.Sessions[a].CreatedAt, s.Sessions[b].CreatedAt),
            SortKey.Messages => (a, b) => s.Sessions[b].MessageCount.CompareTo(s.Sessions[a].MessageCount),
            SortKey.Cost => (a, b) => s.Sessions[b].TotalCost.CompareTo(s.Sessions[a].TotalCost),
            SortKey.Title => (a, b) => string.Compare(s.Sessions[a].Title, s.Sessions[b].Title, StringComparison.CurrentCultureIgnoreCase),
            _ => (a, b) => Newer(s.Sessions[a].LastActive, s.Sessions[b].LastActive),
        };
        // Ties fall back to the id so the order never flickers between reloads.
        keep.Sort((a, b) =>
        {
            int c = compare(a, b);
            if (c == 0) c = string.CompareOrdinal(s.Sessions[a].Ref.ToString(), s.Sessions[b].Ref.ToString());
            return s.Reverse ? -c : c;
        });
        return keep;
    }

    public static bool Visible(AppState s, SessionSummary session)
    {
        if (s.StatusFilter is { } status && !Badges.Matches(session, status)) return false;
        if (s.TagFilter is { } tag && !session.Tags.Contains(tag)) return false;
        if (s.Dir is { } d && !(d.Subfolders ? InDirectory(session.WorkDir, d.Path) : (session.WorkDir ?? "") == d.Path)) return false;
        return true;
    }

    public static string SortLabel(SortKey key) => key switch
    {
        SortKey.Activity => "last activity",
        SortKey.Created => "created",
        SortKey.Messages => "messages",
        SortKey.Cost => "cost",
        SortKey.Title => "title",
        _ => key.ToString(),
    };

    private static int Newer(DateTimeOffset? a, DateTimeOffset? b) =>
        (b ?? DateTimeOffset.MinValue).CompareTo(a ?? DateTimeOffset.MinValue);

    public static bool InDirectory(string? dir, string root)
    {
        if (string.IsNullOrEmpty(dir) || string.IsNullOrEmpty(root)) return false;
        var d = dir.TrimEnd('/', '\\');
        var r = root.TrimEnd('/', '\\');
        return d == r || d.StartsWith(r + "/", StringComparison.Ordinal) || d.StartsWith(r + "\\", StringComparison.Ordinal);
    }
}
