using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>
/// The session list: two rows per session. Row one: mark, status dot, title, age. Row two: the
/// status word and the facts (messages, tokens, cost, tags, work dir), or, while searching, the
/// snippet that matched with the match highlighted.
/// </summary>
public static class SessionListView
{
    public static IReadOnlyList<Line> Render(AppState s, int width, int height)
    {
        var lines = new List<Line>(height);
        if (s.Rows.Count == 0)
        {
            lines.Add(Line.Empty);
            lines.Add(Line.Of(EmptyText(s), Theme.Dim));
            return lines;
        }
        bool focused = s.Focus == Focus.List && s.Dialog is null;
        for (int row = s.ListTop; row < s.Rows.Count && lines.Count + ScreenLayout.RowHeight <= height; row++)
        {
            var session = s.Sessions[s.Rows[row]];
            bool selected = row == s.Selected;
            var hit = s.Search.IsActive ? s.Search.Hits!.FirstOrDefault(h => h.Ref == session.Ref) : null;
            var first = TitleRow(s, session, width);
            var second = hit is not null ? SnippetRow(s, session, hit, width) : FactsRow(s, session, width);
            if (selected)
            {
                var style = focused ? Theme.Selected : Theme.SelectedUnfocused;
                first = Highlight(first, style);
                second = Highlight(second, style);
            }
            lines.Add(first);
            lines.Add(second);
        }
        return lines;
    }

    private static string EmptyText(AppState s) =>
        s.Loading ? "  Loading sessions…"
        : s.Search.Pending ? "  Searching…"
        : s.Search.IsActive ? $"  Nothing matches “{s.Search.Query}”. Esc clears the search."
        : s.Sessions.Count > 0 ? "  No session fits the filters. Esc clears them."
        : "  No sessions in this store yet.";

    private static Line TitleRow(AppState s, SessionSummary session, int width)
    {
        var badge = Badges.Of(session);
        var line = new LineBuilder();
        line.Add(s.Marks.Contains(session.Ref) ? "◆" : " ", Theme.Mark);
        line.Add(Dot(badge) + " ", Theme.Badge(badge));
        var age = Format.Age(session.LastActive, s.Now);
        int room = width - line.Width - CellWidth.Of(age) - 1;
        var title = SessionText.OneLine(session.Title);
        var titleStyle = session.Damaged is not null ? Theme.Damaged : Style.Plain.Bold();
        line.Add(SpanText.Fit([new Span(title, titleStyle)], Math.Max(1, room)));
        line.Add(" ").Add(age, Theme.Dim);
        return Fit(line.Build(), width);
    }

    private static Line FactsRow(AppState s, SessionSummary session, int width)
    {
        var badge = Badges.Of(session);
        var line = new LineBuilder().Add("   ");
        // In a mixed list every row says its source, first, so a long row never cuts it off.
        if (Mixed(s)) line.Add("[" + session.Source + "] ", Theme.Dim);
        line.Add(badge, Theme.Badge(badge));
        if (session.Damaged is { } why)
        {
            line.Add(" · " + SessionText.OneLine(why), Theme.Damaged);
            return Fit(line.Build(), width);
        }
        line.Add(" · " + Format.Facts(session), Theme.Dim);
        foreach (var tag in session.Tags) line.Add(" #" + SessionText.OneLine(tag), Theme.Tag);
        if (!string.IsNullOrEmpty(session.WorkDir)) line.Add(" " + Format.Path(SessionText.OneLine(session.WorkDir)), Theme.Dim);
        return Fit(line.Build(), width);
    }

    /// <summary>Where the hit is (a message's role and number, or the session's own fields) and the snippet, matches highlighted.</summary>
    private static Line SnippetRow(AppState s, SessionSummary session, SearchHit hit, int width)
    {
        // Search results of a mixed list say their source too, as the facts row does.
        var source = Mixed(s) ? "[" + session.Source + "] " : "";
        var where = source + (hit.MessageIndex is int m ? $"{MessageLayout.RoleLabel(hit.Role ?? "")} #{m + 1} › " : "› ");
        // The snippet's ranges index its text as Core built it; sanitizing first would move them.
        var text = hit.Snippet;
        var ranges = hit.Matches.Where(r => r.Start >= 0 && r.End <= text.Length).Select(r => (r.Start, r.Length)).ToList();
        // A narrow list would cut the match off: start the snippet shortly before it instead.
        int room = width - 3 - CellWidth.Of(where);
        if (ranges.Count > 0 && CellWidth.Of(text[..(ranges[0].Start + ranges[0].Length)]) > room)
        {
            int from = Math.Max(0, ranges[0].Start - Math.Max(4, room / 4));
            while (from > 0 && from < text.Length && char.IsLowSurrogate(text[from])) from--;
            text = "…" + text[from..];
            ranges = [.. ranges.Where(r => r.Start >= from).Select(r => (r.Start - from + 1, r.Length))];
        }
        var highlighted = Highlighter.Apply(new Line([new Span(text, Theme.Snippet)]), ranges, Theme.Match);
        var line = new LineBuilder().Add("   ").Add(where, Theme.Dim);
        line.Add(highlighted.Spans);
        return Fit(line.Build(), width);
    }

    private static bool Mixed(AppState s) => s.Options.SourceLabel.Contains(',') || s.Options.SourceLabel == "all";

    public static string Dot(string badge) => badge switch
    {
        Badges.Live => "●",
        Badges.Interrupted => "◐",
        Badges.Damaged => "✖",
        Badges.Crashed => "✗",
        Badges.Completed => "✓",
        Badges.Active => "▸",
        _ => "○",
    };

    private static Line Fit(Line line, int width) => new(SpanText.Fit(line.Spans, width));

    /// <summary>The selection's background under the row, except where a search match keeps its own.</summary>
    private static Line Highlight(Line line, Style over) =>
        new([.. line.Spans.Select(sp => sp with { Style = sp.Style.Bg.Kind != ColorKind.Default ? sp.Style : sp.Style.WithBg(over.Bg).Add(over.Mods) })]);
}
