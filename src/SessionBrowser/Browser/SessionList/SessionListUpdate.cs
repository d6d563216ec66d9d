using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>The session list: moving, marking, sorting and filtering, and opening the selected session in the detail pane.</summary>
internal static class SessionListUpdate
{
    public static (AppState, Effect[]) OnLoaded(AppState s, SessionsLoaded loaded)
    {
        // While the list fills in at start-up, a cursor still on the first row stays on the first
        // row: the newest sessions of the slower sources arrive above the first source's, and the
        // cursor (and the preview) would otherwise be left on an old session halfway down.
        var previous = s.Filling is not null && s.Selected == 0 ? null : s.Current?.Ref;
        var existing = loaded.Sessions.Select(x => x.Ref).ToHashSet();
        var next = s with
        {
            Loading = false,
            Filling = loaded.Filling,
            Sessions = loaded.Sessions,
            Marks = [.. s.Marks.Where(existing.Contains)],
            // Only a complete list can say a session is gone or changed.
            Interrupted = loaded.Filling is null ? DialogsUpdate.StillInterrupted(s.Interrupted, loaded.Sessions) : s.Interrupted,
            // A notice from the index never hides what the user's last action said.
            Status = loaded.Notice is { } n && s.Status is null ? new StatusLine(n) : s.Status,
        };
        next = Recompute(next, previous);
        // A writer that exited between two loads is said as the liveness check says it: a reload
        // that came first must not make the change silent.
        if (loaded.Filling is null) next = SayEnded(next, EndedSince(s.Sessions, loaded.Sessions));
        return WithPreview(next, force: s.Detail is null);
    }

    /// <summary>Sessions live in <paramref name="before"/> that <paramref name="after"/> has, no longer live.</summary>
    private static List<SessionSummary> EndedSince(IReadOnlyList<SessionSummary> before, IReadOnlyList<SessionSummary> after)
    {
        var wasLive = before.Where(x => x.Liveness == Liveness.Live).Select(x => x.Ref).ToHashSet();
        return wasLive.Count == 0 ? [] : [.. after.Where(x => wasLive.Contains(x.Ref) && x.Liveness != Liveness.Live)];
    }

    private static AppState SayEnded(AppState s, List<SessionSummary> ended)
    {
        if (ended.Count == 0) return s;
        var what = ended.Count == 1
            ? $"“{Markdown.SessionText.OneLine(ended[0].Title)}” is no longer live: {Badges.Of(ended[0])}"
            : $"{ended.Count} sessions are no longer live";
        return App.Say(s, what);
    }

    /// <summary>Sessions looked at again (live ones): a changed liveness or status replaces the row and is said.</summary>
    public static (AppState, Effect[]) OnLivenessChecked(AppState s, LivenessChecked l)
    {
        var changed = l.Sessions.ToDictionary(x => x.Ref);
        var sessions = s.Sessions.Select(x => changed.TryGetValue(x.Ref, out var now) && (now.Liveness != x.Liveness || now.Status != x.Status) ? now : x).ToList();
        if (sessions.Select((x, i) => ReferenceEquals(x, s.Sessions[i])).All(same => same)) return (s, []);
        var next = Recompute(s with { Sessions = sessions }, s.Current?.Ref);
        var ended = sessions.Where((x, i) => s.Sessions[i].Liveness == Liveness.Live && x.Liveness != Liveness.Live).ToList();
        return (SayEnded(next, ended), []);
    }

    public static (AppState, Effect[]) OnCommand(AppState s, Command command, ScreenLayout layout)
    {
        int page = layout.ListRows;
        switch (command)
        {
            case Command.MoveDown: return Select(s, s.Selected + 1);
            case Command.MoveUp: return Select(s, s.Selected - 1);
            case Command.PageDown: return Select(s, s.Selected + page);
            case Command.PageUp: return Select(s, s.Selected - page);
            case Command.HalfPageDown: return Select(s, s.Selected + Math.Max(1, page / 2));
            case Command.HalfPageUp: return Select(s, s.Selected - Math.Max(1, page / 2));
            case Command.First: return Select(s, 0);
            case Command.Last: return Select(s, s.Rows.Count - 1);
            case Command.Resume: return Resume(s);
            case Command.ToggleMark:
                {
                    if (s.Current is not { } c) return (s, []);
                    var marks = s.Marks.Contains(c.Ref) ? s.Marks.Remove(c.Ref) : s.Marks.Add(c.Ref);
                    return Select(s with { Marks = marks }, s.Selected + 1);
                }
            case Command.MarkAll:
                return s.Marks.IsEmpty
                    ? (App.Say(s with { Marks = [.. s.Rows.Select(i => s.Sessions[i].Ref)] }, $"Marked {s.Rows.Count} session(s)"), [])
                    : (App.Say(s with { Marks = [] }, "Marks cleared"), []);
            case Command.CycleSort:
                return Reorder(s with { Sort = (SortKey)(((int)s.Sort + 1) % 5) }, $"Sorted by {SessionRows.SortLabel((SortKey)(((int)s.Sort + 1) % 5))}");
            case Command.ReverseSort: return Reorder(s with { Reverse = !s.Reverse }, s.Reverse ? "Normal order" : "Reversed order");
            case Command.CycleStatusFilter:
                {
                    // Only what the rows show (an "active" session nobody writes shows as interrupted), with counts.
                    var offered = Badges.All.Where(b => s.Sessions.Any(x => Badges.Matches(x, b))).ToList();
                    int at = s.StatusFilter is null ? -1 : offered.IndexOf(s.StatusFilter);
                    var next = at + 1 < offered.Count ? offered[at + 1] : null;
                    return Reorder(s with { StatusFilter = next }, next is null ? "Showing every status"
                        : $"Showing {Format.Count(s.Sessions.Count(x => Badges.Matches(x, next)), next + " session")}");
                }
            case Command.PickTag: return PickerUpdate.OpenTags(s);
            case Command.PickWorkDir: return PickerUpdate.OpenWorkDirs(s);
            case Command.PickProject: return PickerUpdate.OpenProjects(s);
            case Command.ClearFilters:
                if (s.Search.Query.Length > 0) return SearchBoxUpdate.Clear(s);
                if (!s.Marks.IsEmpty) return (App.Say(s with { Marks = [] }, "Marks cleared"), []);
                if (s.StatusFilter is not null || s.TagFilter is not null || s.Dir is not null)
                    return Reorder(s with { StatusFilter = null, TagFilter = null, Dir = null }, "Filters cleared");
                // Esc never quits: it was the commonest accidental exit. Pick mode keeps fzf's Esc = cancel.
                return s.Options.PickMode ? App.Quit(s) : (App.Say(s, "Nothing to clear; q quits"), []);
        }
        return (s, []);
    }

    /// <summary>A click on a list row selects it and gives the list the focus.</summary>
    public static (AppState, Effect[]) Click(AppState s, ScreenLayout layout, int y)
    {
        var focused = s with { Focus = Focus.List, Search = s.Search with { Editing = false } };
        int row = s.ListTop + (y - layout.List.Y) / ScreenLayout.RowHeight;
        return row >= s.Rows.Count ? (focused, []) : Select(focused, row);
    }

    internal static (AppState, Effect[]) Reorder(AppState s, string status) =>
        WithPreview(App.Say(Recompute(s, s.Current?.Ref), status));

    /// <summary>Moves the list selection (clamped) and opens the newly selected session.</summary>
    public static (AppState, Effect[]) Select(AppState s, int index)
    {
        if (s.Rows.Count == 0) return (s, []);
        var next = KeepSelectionVisible(s with { Selected = Math.Clamp(index, 0, s.Rows.Count - 1) });
        return WithPreview(next);
    }

    /// <summary>What the status line says after Enter opened the messages in one pane (gone once the list is back).</summary>
    public const string ResumeHint = "⏎ again resumes · Tab back to the list";

    public static (AppState, Effect[]) Resume(AppState s)
    {
        if (s.Current is not { } c) return (App.Say(s, "No session selected"), []);
        if (s.Options.PickMode) return (s with { Outcome = new PickedOutcome(c.Ref) }, []);
        if (s.Focus == Focus.List)
        {
            if (HasPendingHit(s)) return (OpenHit(s), []);
            // One pane: the list hides the messages, so Enter shows them first (as Tab does); Enter there resumes.
            if (ScreenLayout.For(s).OnePane)
                return (App.Say(s with { Focus = Focus.Detail, Tab = DetailTab.Messages }, ResumeHint), []);
        }
        if (c.Damaged is not null) return (App.Say(s, $"{c.Id} is damaged ({c.Damaged}); it cannot be resumed", StatusKind.Error), []);
        // The screen is left only for a command that can run: a missing work dir or program is said here.
        return (App.Say(s, $"Checking how to resume {c.Id}…"), [new PrepareResume(c.Ref)]);
    }

    public static (AppState, Effect[]) OnResumeReady(AppState s, ResumeReady ready) =>
        (s with { Outcome = new ResumeOutcome(ready.Ref, ready.Command) }, []);

    /// <summary>The work dir is gone: resuming in the current folder is offered, never done silently.</summary>
    public static (AppState, Effect[]) OnResumeNeedsFolder(AppState s, ResumeNeedsFolder n)
    {
        string[] body =
        [
            $"The session's work dir is gone: {Markdown.SessionText.OneLine(n.MissingDir)}",
            "",
            "Resume it in the current folder instead?",
            "  " + Markdown.SessionText.OneLine(n.CurrentDir),
        ];
        return (s with { Dialog = new ConfirmDialog("Work dir missing", body, "Resume here", new PrepareResume(n.Ref, InCurrentFolder: true)), Status = null }, []);
    }

    /// <summary>The selected row is a search hit inside a message that Enter has not opened yet.</summary>
    public static bool HasPendingHit(AppState s) =>
        s.Search.IsActive && s.Current is { } c && s.OpenedHit != c.Ref && s.Detail is { JumpTo: not null } d && d.Ref == c.Ref;

    /// <summary>Enter on a search hit: the messages pane, at the hit (the preview already scrolled there); the next Enter from the list resumes.</summary>
    public static AppState OpenHit(AppState s) =>
        s with { Focus = Focus.Detail, Tab = DetailTab.Messages, OpenedHit = s.Current!.Ref, Search = s.Search with { Editing = false } };

    /// <summary>Rebuilds the rows and keeps the selection on the same session when it is still shown.</summary>
    public static AppState Recompute(AppState s, SessionRef? keep)
    {
        var rows = SessionRows.Compute(s);
        int selected = Math.Clamp(s.Selected, 0, Math.Max(0, rows.Count - 1));
        if (keep is { } k)
        {
            for (int i = 0; i < rows.Count; i++)
                if (s.Sessions[rows[i]].Ref == k) { selected = i; break; }
        }
        return KeepSelectionVisible(s with { Rows = rows, Selected = selected });
    }

    public static AppState KeepSelectionVisible(AppState s)
    {
        int visible = ScreenLayout.For(s).ListRows;
        int top = s.ListTop;
        if (s.Selected < top) top = s.Selected;
        if (s.Selected >= top + visible) top = s.Selected - visible + 1;
        top = Math.Clamp(top, 0, Math.Max(0, s.Rows.Count - visible));
        return s with { ListTop = top };
    }

    /// <summary>Opens the selected session in the detail pane when it is not the one shown.</summary>
    public static (AppState, Effect[]) WithPreview(AppState s, bool force = false)
    {
        var current = s.Current;
        if (current is null) return (s with { Detail = null, Timeline = null }, []);
        if (!force && s.Detail?.Ref == current.Ref) return (s, []);
        var hit = s.Search.IsActive ? s.Search.Hits!.FirstOrDefault(h => h.Ref == current.Ref) : null;
        var detail = new DetailState
        {
            Ref = current.Ref,
            Highlight = s.Search.IsActive && s.Search.Parsed is { Terms.Count: > 0 } ? s.Search.Query : null,
            HighlightTerms = s.Search.IsActive && s.Search.Parsed is { } parsed ? parsed.Terms : [],
            JumpTo = hit?.MessageIndex,
        };
        var layout = ScreenLayout.For(s);
        var load = new LoadPreview(current.Ref, layout.DetailTextWidth, layout.DetailBody.Height, hit?.MessageIndex, AtEnd: current.Liveness == Liveness.Live);
        return (s with { Detail = detail, Timeline = null, InfoTop = 0 }, [load]);
    }
}
