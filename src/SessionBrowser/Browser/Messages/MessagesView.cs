using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>The Messages tab: only the lines on screen are laid out, from the top position down.</summary>
public static class MessagesView
{
    public static IReadOnlyList<Line> Render(AppState s, int width, int height)
    {
        var lines = new List<Line>(height);
        if (s.Detail is not { } d) return Placeholder(s.Loading ? "Loading…" : "No session selected.");
        if (d.Error is { } error) return [Line.Empty, Line.Of("  Cannot read this session: " + Markdown.SessionText.OneLine(error), Theme.StatusError)];
        if (d.Document is not { } doc) return Placeholder("Opening…");
        if (doc.Count == 0)
        {
            var damaged = s.Current?.Damaged;
            return Placeholder(damaged is null ? "No messages yet." : "Damaged: " + damaged);
        }
        var terms = d.HighlightTerms;
        int current = d.Matches is { } m && d.MatchCursor >= 0 && d.MatchCursor < m.Count ? m[d.MatchCursor] : -1;
        int skip = d.Top.Line;
        bool focused = s.Focus == Focus.Detail && s.Dialog is null && !s.Search.Editing;
        for (int i = d.Top.Message; i < doc.Count && lines.Count < height; i++)
        {
            var layout = MessageLayout.Lines(d, i, width, selected: i == d.SelectedMessage, focused);
            var style = i == current ? Theme.CurrentMatch : Theme.Match;
            for (int k = skip; k < layout.Count && lines.Count < height; k++)
            {
                var line = layout[k];
                if (terms.Count > 0 && k > 0) line = Highlighter.Apply(line, SearchHighlight.Find(line.PlainText, terms), style);
                lines.Add(line);
            }
            skip = 0;
        }
        return lines;
    }

    /// <summary>Scrollbar thumb rows for the message position (by message index: exact line totals would need every message).</summary>
    public static (int Start, int Length) Thumb(AppState s, int height)
    {
        if (s.Detail is not { Document: { Count: > 0 } doc } d || height <= 0) return (0, 0);
        if (DetailScroll.MaxTop(d, height) == default) return (0, 0);   // everything fits
        int length = Math.Clamp(height * height / Math.Max(height, doc.Count * 3), 1, height);
        int start = doc.Count <= 1 ? 0 : (int)((long)(height - length) * d.Top.Message / (doc.Count - 1));
        return (start, length);
    }

    private static List<Line> Placeholder(string text) => [Line.Empty, Line.Of("  " + text, Theme.Dim)];
}
