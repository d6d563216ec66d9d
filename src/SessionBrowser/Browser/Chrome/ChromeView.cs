using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>The frame around the panes: header, search/filter bar, tab row, status line, key hints.</summary>
public static class ChromeView
{
    public static Line Header(AppState s, int width)
    {
        int live = 0, interrupted = 0, damaged = 0;
        foreach (var session in s.Sessions)
        {
            switch (Badges.Of(session))
            {
                case Badges.Live: live++; break;
                case Badges.Interrupted: interrupted++; break;
                case Badges.Damaged: damaged++; break;
            }
        }
        var counts = s.Loading ? "loading…" : Format.Count(s.Sessions.Count, "session");
        if (!s.Loading && s.Rows.Count != s.Sessions.Count) counts = $"{s.Rows.Count} of {counts}";
        if (s.Filling is { } filling) counts += $" · {filling}…";
        var rest = new LineBuilder();
        rest.Add("│ ", Theme.HeaderDim).Add(s.Options.SourceLabel + " ", Theme.HeaderDim);
        rest.Add("│ ", Theme.HeaderDim).Add(counts, Theme.Header);
        // A long store path gives way (keeping its end, the telling part) so the counts and how far
        // an indexing has got stay in view; the badges and sort label after them are cut first.
        const string name = " SessionBrowser ";
        string path = Format.Path(s.Options.StoreLabel);
        int room = width - CellWidth.Of(name) - 2 - 1 - TextLayout.Width(rest.Build()) - 1;
        if (CellWidth.Of(path) > room) path = TailOf(path, Math.Max(8, room));
        if (live > 0) rest.Add($" · {live} live", Theme.HeaderDim);
        if (interrupted > 0) rest.Add($" · {interrupted} interrupted", Theme.HeaderDim);
        if (damaged > 0) rest.Add($" · {damaged} damaged", Theme.HeaderDim);
        rest.Add(" │ sort: " + SessionRows.SortLabel(s.Sort) + (s.Reverse ? " ↑" : " ↓") + " ", Theme.HeaderDim);
        var after = rest.Build();
        var line = new LineBuilder().Add(name, Theme.Header);
        line.Add("│ ", Theme.HeaderDim).Add(path + " ", Theme.Header);
        foreach (var span in after.Spans) line.Add(span.Text, span.Style);
        return new Line(SpanText.Fit(line.Build().Spans, width, Theme.HeaderDim));
    }

    /// <summary>"…" and as much of the end of <paramref name="text"/> as fits in <paramref name="width"/> cells.</summary>
    private static string TailOf(string text, int width)
    {
        int start = text.Length;
        int used = 1;
        while (start > 0)
        {
            int step = char.IsLowSurrogate(text[start - 1]) && start > 1 ? 2 : 1;
            int cells = CellWidth.Of(text.Substring(start - step, step));
            if (used + cells > width) break;
            used += cells;
            start -= step;
        }
        return "…" + text[start..];
    }

    /// <summary>The search input while searching; otherwise the active filters and marks.</summary>
    public static Line Bar(AppState s, int width)
    {
        var line = new LineBuilder();
        var q = s.Search;
        if (q.Editing || q.Query.Length > 0)
        {
            line.Add(" / ", Theme.HintKey);
            // The real cursor shows where typing goes (View returns its position).
            line.Add(SessionText.OneLine(q.Query), Style.Plain.Bold());
            var result = q.Pending ? "  searching…"
                : q.Hits is { } hits ? $"  {Format.Count(s.Rows.Count, "session")} match"
                : "";
            line.Add(result, Theme.Dim);
            line.Add(q.Editing ? "   ⏎ keep · Esc clear · ↑↓ move" : "   / edit · Esc clear · n/N matches", Theme.Hint);
        }
        else
        {
            line.Add(" ");
            var parts = new List<string>();
            if (s.StatusFilter is { } status) parts.Add("status: " + status);
            if (s.TagFilter is { } tag) parts.Add("tag: #" + tag);
            if (s.Scope == Scope.WorkDir) parts.Add("dir: " + Format.Path(s.Options.CurrentDirectory));
            if (!s.Marks.IsEmpty) parts.Add($"{s.Marks.Count} marked");
            if (parts.Count > 0) line.Add("filter  " + string.Join(" · ", parts), Theme.Warning).Add("   Esc clears", Theme.Hint);
            else line.Add("/ search · s sort · f status · T tag · w this dir · Space mark · ? help", Theme.Hint);
        }
        return new Line(SpanText.Fit(line.Build().Spans, width));
    }

    public static Line Tabs(AppState s, int width)
    {
        var line = new LineBuilder().Add(" ");
        foreach (var (tab, title) in ScreenLayout.TabTitles)
        {
            bool active = tab == s.Tab;
            line.Add(title, active ? (s.Focus == Focus.Detail ? Theme.TabActive : Theme.TabActive.Remove(Modifiers.Bold)) : Theme.TabInactive);
            line.Add(" ");
        }
        if (s.Current is { } c)
        {
            int room = width - line.Width - 1;
            if (room > 8) line.Add(SpanText.Fit([new Span(SessionText.OneLine(c.Title), Theme.Dim)], room, default, Alignment.Right));
        }
        return new Line(SpanText.Fit(line.Build().Spans, width));
    }

    public static Line Status(AppState s, int width)
    {
        var line = new LineBuilder().Add(" ");
        if (s.Status is { } status)
        {
            var style = status.Kind switch { StatusKind.Error => Theme.StatusError, StatusKind.Success => Theme.StatusSuccess, _ => Theme.StatusInfo };
            line.Add(SessionText.OneLine(status.Text), style);
        }
        else if (s.Loading) line.Add("Loading sessions…", Theme.Dim);
        else if (s.Undo is { } undo) line.Add($"u to {undo.Description}", Theme.Dim);
        // The interrupted sessions stay offered (non-modal) whatever the last message said.
        if (DialogsUpdate.InterruptedBanner(s.Interrupted) is { } banner && s.Dialog is null && s.Status?.Text != banner)
            line.Add((line.Width > 1 ? "  ·  " : "") + banner, Theme.Warning);
        return new Line(SpanText.Fit(line.Build().Spans, width));
    }

    /// <summary>The most useful keys for where the user is; `?` lists all of them.</summary>
    public static Line Hints(AppState s, int width)
    {
        IReadOnlyList<(string Key, string What)> hints = s.Dialog switch
        {
            ConfirmDialog => [("y", "confirm"), ("n/Esc", "cancel"), ("←→", "choose"), ("⏎", "press")],
            RecoveryDialog => [("←→", "choose"), ("⏎", "press"), ("Space", "don't ask again"), ("Esc", "later")],
            InputDialog => [("⏎", "save"), ("Esc", "cancel")],
            HelpDialog or StatsDialog => [("Esc", "close"), ("↑↓", "scroll")],
            _ when s.Search.Editing => [("type", "search"), ("⏎", "keep"), ("Esc", "clear"), ("↑↓", "move")],
            _ when s.Focus == Focus.List =>
                [("↑↓/jk", "move"), ("⏎", s.Options.PickMode ? "pick" : "resume"), ("/", "search"), ("Space", "mark"), ("d", "delete"),
                 ("u", "undo"), ("Tab", "detail"), ("s", "sort"), ("?", "help"), ("q", "quit")],
            _ => s.Tab switch
            {
                DetailTab.Timeline => [("↑↓", "snapshot"), ("R", "restore"), ("PgDn", "scroll state"), ("Tab", "list"), ("?", "help")],
                DetailTab.Info => [("↑↓", "scroll"), ("y", "copy id"), ("Tab", "list"), ("?", "help")],
                _ => [("↑↓", "scroll"), ("J/K", "message"), ("z", "collapse"), ("n/N", "match"), ("o", "pager"), ("y", "copy id"), ("Tab", "list"), ("?", "help")],
            },
        };
        var line = new LineBuilder().Add(" ");
        foreach (var (key, what) in hints)
        {
            if (line.Width + CellWidth.Of(key) + CellWidth.Of(what) + 3 > width) break;
            line.Add(key, Theme.HintKey).Add(" " + what + "  ", Theme.Hint);
        }
        return line.Build();
    }
}
