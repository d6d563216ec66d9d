using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>The frame around the panes: header, search/filter bar, tab row, status line, key hints.</summary>
public static class ChromeView
{
    /// <summary>
    /// The header is never cut mid-word: its parts are kept whole by importance (name, counts,
    /// store path, source, live/interrupted/damaged, sort) while they fit, in screen order; the
    /// store path then gives way, keeping its end (the telling part), to whatever room is left.
    /// </summary>
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
        string path = Format.Path(s.Options.StoreLabel);
        const int MinPath = 12;
        // (text, style, importance: lower is kept first); the path's text is fitted last.
        var parts = new List<(string Text, Style Style, int Rank)>
        {
            (" SessionBrowser ", Theme.Header, 0),
            ("│ " + path + " ", Theme.Header, 2),
            ("│ " + s.Options.SourceLabel + " ", Theme.HeaderDim, 3),
            ("│ " + counts, Theme.Header, 1),
        };
        if (live > 0) parts.Add((" · " + live + " live", Theme.HeaderDim, 4));
        if (interrupted > 0) parts.Add((" · " + interrupted + " interrupted", Theme.HeaderDim, 4));
        if (damaged > 0) parts.Add((" · " + damaged + " damaged", Theme.HeaderDim, 4));
        parts.Add((" │ sort: " + SessionRows.SortLabel(s.Sort) + (s.Reverse ? " ↑" : " ↓") + " ", Theme.HeaderDim, 5));

        int Cells(int i) => i == 1 ? 2 + Math.Min(CellWidth.Of(path), MinPath) + 1 : CellWidth.Of(parts[i].Text);
        var keep = new bool[parts.Count];
        int used = 0;
        foreach (int i in Enumerable.Range(0, parts.Count).OrderBy(i => parts[i].Rank))
        {
            if (used + Cells(i) > width) continue;
            keep[i] = true;
            used += Cells(i);
        }
        var line = new LineBuilder();
        for (int i = 0; i < parts.Count; i++)
        {
            if (!keep[i]) continue;
            if (i == 1)
            {
                int room = width - used + Cells(1) - 3;
                line.Add("│ " + (CellWidth.Of(path) > room ? TailOf(path, room) : path) + " ", Theme.Header);
            }
            else line.Add(parts[i].Text, parts[i].Style);
        }
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
                : q.Hits is { } hits ? (q.More ? $"  the best {s.Rows.Count} of more sessions that match" : $"  {Format.Count(s.Rows.Count, "session")} match")
                : "";
            line.Add(result, Theme.Dim);
            if (!q.Pending && q.Notice is { } notice) line.Add("  · " + SessionText.OneLine(notice), Theme.Warning);
            line.Add(q.Editing ? "   ⏎ keep · Esc clear · ↑↓ move" : "   / edit · Esc clear · n/N matches", Theme.Hint);
        }
        else
        {
            line.Add(" ");
            var parts = new List<string>();
            if (s.StatusFilter is { } status) parts.Add("status: " + status);
            if (s.TagFilter is { } tag) parts.Add("tag: #" + tag);
            if (s.Dir is { } dir) parts.Add((dir.Subfolders ? "dir: " : "project: ") + SessionText.OneLine(Format.Path(dir.Path)));
            if (!s.Marks.IsEmpty) parts.Add($"{s.Marks.Count} marked");
            if (parts.Count > 0) line.Add("filter  " + string.Join(" · ", parts), Theme.Warning).Add("   Esc clears", Theme.Hint);
            else
            {
                // Whole hints only, as many as fit: a cut one ("T tag ·…") reads as a glitch.
                string[] hints = ["/ search", "? help", "s sort", "f status", "T tag", "w dir", "P projects", "Space mark", "p preview", "< > resize"];
                var shown = new List<string>();
                foreach (var hint in hints)
                    if (1 + CellWidth.Of(string.Join(" · ", [.. shown, hint])) <= width) shown.Add(hint);
                line.Add(string.Join(" · ", shown), Theme.Hint);
            }
        }
        return new Line(SpanText.Fit(line.Build().Spans, width));
    }

    public static Line Tabs(AppState s, int width)
    {
        var line = new LineBuilder().Add(" ");
        foreach (var (tab, title) in ScreenLayout.TabTitles)
        {
            bool active = tab == s.Tab;
            line.Add(title, active ? (s.Focus == Focus.Detail ? Theme.TabActive : Theme.TabActiveUnfocused) : Theme.TabInactive);
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
        // The interrupted sessions stay offered (non-modal) whatever the last message said, and
        // keep their room: a long message is cut before the banner is.
        var banner = s.Dialog is null ? DialogsUpdate.InterruptedBanner(s.Interrupted) : null;
        int room = width - 1 - (banner is null ? 0 : CellWidth.Of(banner) + 5);
        var line = new LineBuilder().Add(" ");
        if (s.Status is { } status)
        {
            var style = status.Kind switch { StatusKind.Error => Theme.StatusError, StatusKind.Success => Theme.StatusSuccess, _ => Theme.StatusInfo };
            line.Add(TextLayout.Truncate(SessionText.OneLine(status.Text), Math.Max(room, 0)), style);
        }
        else if (s.Loading) line.Add("Loading sessions…", Theme.Dim);
        else if (s.Undo is { } undo) line.Add($"u to {undo.Description}", Theme.Dim);
        if (banner is not null) line.Add((line.Width > 1 ? "  ·  " : "") + banner, Theme.Warning);
        return new Line(SpanText.Fit(line.Build().Spans, width));
    }

    /// <summary>The sideways keys, offered only while a code line is cut.</summary>
    private static IEnumerable<(string, string)> Sideways(AppState s) =>
        s.Detail is { } d && MessageLayout.MaxShift(d) > 0 ? [("H/L", "sideways")] : [];

    /// <summary>The most useful keys for where the user is; `?` lists all of them.</summary>
    public static Line Hints(AppState s, int width)
    {
        IReadOnlyList<(string Key, string What)> hints = s.Dialog switch
        {
            ConfirmDialog => [("y", "confirm"), ("n/Esc", "cancel"), ("←→", "choose"), ("⏎", "press")],
            RecoveryDialog => [("←→", "choose"), ("⏎", "press"), ("Space", "don't ask again"), ("o", "older than"), ("Esc", "later")],
            InputDialog => [("⏎", "save"), ("Esc", "cancel")],
            ExportDialog => [("⏎", "export"), ("Tab", "format"), ("Esc", "cancel")],
            PickerDialog => [("type", "filter"), ("↑↓", "choose"), ("⏎", "apply"), ("Esc", "close")],
            HelpDialog or StatsDialog => [("Esc", "close"), ("↑↓", "scroll")],
            _ when s.Search.Editing => [("type", "search"), ("⏎", "keep"), ("Esc", "clear"), ("↑↓", "move")],
            _ when s.Focus == Focus.List =>
                [("↑↓/jk", "move"), ("⏎", s.Options.PickMode ? "pick" : ScreenLayout.For(s).OnePane ? "open" : "resume"), ("Tab", "detail"), ("/", "search"), ("?", "help"),
                 ("Space", "mark"), ("d", "delete"), ("u", "undo"), ("s", "sort"), ("q", "quit")],
            _ => s.Tab switch
            {
                DetailTab.Timeline => [("↑↓", "snapshot"), ("R", "restore"), ("PgDn", "scroll state"), ("Tab", "list"), ("?", "help")],
                DetailTab.Info => [("↑↓", "scroll"), ("y", "copy id"), ("Tab", "list"), ("?", "help")],
                _ => [("↑↓", "scroll"), ("⏎", s.Options.PickMode ? "pick" : "resume"), ("J/K", "message"), .. Sideways(s), ("z", "collapse"), ("n/N", "match"), ("o", "pager"), ("y", "copy id"), ("Tab", "list"), ("?", "help")],
            },
        };
        var line = new LineBuilder().Add(" ");
        foreach (var (key, what) in hints)
        {
            // Whole hints only: one that does not fit is left out, and a shorter one after it may still fit.
            if (line.Width + CellWidth.Of(key) + CellWidth.Of(what) + 3 > width) continue;
            line.Add(key, Theme.HintKey).Add(" " + what + "  ", Theme.Hint);
        }
        return line.Build();
    }
}
