using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>
/// The browser's logic: <c>Update(state, msg) -> (state, effects)</c>. Pure: it reads only its
/// arguments (the opened session's reader included, which is read-only) and asks for every
/// side effect by returning it.
/// </summary>
public static partial class App
{
    public static (AppState State, Effect[] Effects) Init(BrowserOptions options, int width, int height, DateTimeOffset now) =>
        (new AppState { Options = options, Width = width, Height = height, Now = now,
                        Status = options.Notice is { } n ? new StatusLine(n) : null },
         [new LoadSessions(FromIndexFirst: true), new CheckInterrupted()]);

    public static (AppState State, Effect[] Effects) Update(AppState s, Msg msg)
    {
        if (s.Outcome is not null) return (s, []);
        return msg switch
        {
            KeyPressed k => OnKey(s, k.Key),
            Pasted p => OnPaste(s, p.Text),
            MouseClicked c => OnClick(s, c.X, c.Y),
            MouseWheel w => OnWheel(s, w.X, w.Y, w.Delta),
            Resized r => OnResize(s, r.Width, r.Height),
            Tick t => OnTick(s, t.Now),
            SessionsLoaded l => OnSessionsLoaded(s, l),
            InterruptedFound f => OnInterrupted(s, f.Sessions),
            PreviewLoaded p => OnPreview(s, p),
            PreviewFailed f => f.Ref == s.Detail?.Ref ? (s with { Detail = s.Detail with { Error = f.Error } }, []) : (s, []),
            LiveGrew g => OnLiveGrew(s, g),
            SearchCompleted c => OnSearchCompleted(s, c),
            MatchesFound m => OnMatches(s, m),
            SnapshotLoaded l => OnSnapshot(s, l),
            DeletePlanned p => OnDeletePlanned(s, p.Items),
            RestorePlanned p => OnRestorePlanned(s, p),
            StatsLoaded st => s.Dialog is StatsDialog ? (s with { Dialog = new StatsDialog(st) }, []) : (s, []),
            ActionCompleted a => OnActionCompleted(s, a),
            ActionFailed f => (s with { Status = new StatusLine(f.Error, StatusKind.Error),
                                        Dialog = s.Dialog is StatsDialog ? new StatsDialog(null, f.Error) : s.Dialog }, []),
            _ => (s, []),
        };
    }

    private static (AppState, Effect[]) OnResize(AppState s, int width, int height)
    {
        var next = s with { Width = width, Height = height };
        next = KeepSelectionVisible(next);
        if (next.Detail is { Document: { } doc } d)
        {
            var layout = ScreenLayout.Of(width, height);
            next = next with { Detail = d with { Top = DetailScroll.Clamp(d, doc, d.Top, layout.DetailTextWidth, layout.DetailBody.Height) } };
        }
        return (next, []);
    }

    private static (AppState, Effect[]) OnTick(AppState s, DateTimeOffset now)
    {
        var next = s with { Now = now };
        // Live sessions are polled: the reader picks up appended lines without blocking input.
        if (s.Current is { Liveness: Liveness.Live } current && s.Detail is { Document: { } doc } && s.Detail.Ref == current.Ref)
            return (next, [new PollLive(current.Ref, doc)]);
        return (next, []);
    }

    private static (AppState, Effect[]) OnSessionsLoaded(AppState s, SessionsLoaded loaded)
    {
        var previous = s.Current?.Ref;
        var existing = loaded.Sessions.Select(x => x.Ref).ToHashSet();
        var next = s with
        {
            Loading = false,
            Filling = loaded.Filling,
            Sessions = loaded.Sessions,
            Marks = [.. s.Marks.Where(existing.Contains)],
            // A notice from the index never hides what the user's last action said.
            Status = loaded.Notice is { } n && s.Status is null ? new StatusLine(n) : s.Status,
        };
        next = Recompute(next, previous);
        return WithPreview(next, force: s.Detail is null);
    }

    private static (AppState, Effect[]) OnInterrupted(AppState s, IReadOnlyList<InterruptedSession> found)
    {
        // A banner, not a prompt: a modal opened here would take the keys the user is already typing.
        if (found.Count == 0 || !s.Options.AskAboutInterrupted) return (s, []);
        return (Say(s with { Interrupted = found }, InterruptedBanner(found)!), []);
    }

    private static (AppState, Effect[]) OnPreview(AppState s, PreviewLoaded p)
    {
        if (s.Detail is not { } d || d.Ref != p.Ref) return (s, []);
        var layout = ScreenLayout.Of(s.Width, s.Height);
        int width = layout.DetailTextWidth, height = layout.DetailBody.Height;
        var doc = p.Document;
        var detail = d with { Document = doc, Error = null };
        bool live = s.Current is { Liveness: Liveness.Live } c && c.Ref == p.Ref;
        if (d.JumpTo is int jump && jump < doc.Count)
        {
            // The hit may be in the hidden part of a collapsed message: open it.
            if (MessageLayout.IsCollapsed(detail, doc, jump, width)) detail = detail with { Toggled = detail.Toggled.Add(jump) };
            detail = detail with { SelectedMessage = jump, Top = DetailScroll.TopOf(detail, doc, jump, width, height) };
        }
        else if (live)
            detail = detail with { Follow = true, SelectedMessage = Math.Max(0, doc.Count - 1), Top = DetailScroll.MaxTop(detail, doc, width, height) };
        var timeline = new TimelineState { Ref = p.Ref, Snapshots = p.Snapshots, Selected = Math.Max(0, p.Snapshots.Count - 1) };
        var next = s with { Detail = detail, Timeline = timeline };
        var effects = new List<Effect>();
        if (detail.Highlight is { Length: > 0 } q) effects.Add(new FindMatches(p.Ref, doc, q));
        if (s.Tab == DetailTab.Timeline && p.Snapshots.Count > 0) effects.Add(new LoadSnapshot(p.Ref, p.Snapshots[^1].Step));
        return (next, [.. effects]);
    }

    private static (AppState, Effect[]) OnLiveGrew(AppState s, LiveGrew g)
    {
        if (s.Detail is not { Document: { } doc } d || d.Ref != g.Ref || g.Document.Count == doc.Count) return (s, []);
        var layout = ScreenLayout.Of(s.Width, s.Height);
        var grown = g.Document;
        var detail = d with { Document = grown };
        if (d.Follow)
            detail = detail with { Top = DetailScroll.MaxTop(detail, grown, layout.DetailTextWidth, layout.DetailBody.Height), SelectedMessage = grown.Count - 1 };
        return (s with { Detail = detail }, []);
    }

    private static (AppState, Effect[]) OnSearchCompleted(AppState s, SearchCompleted c)
    {
        if (c.Generation != s.Search.Generation || s.Search.Query.Length == 0) return (s, []);
        var next = s with
        {
            Search = s.Search with { Hits = c.Hits, Pending = false },
            Status = c.Notice is { } n ? new StatusLine(n) : s.Status,
        };
        next = Recompute(next, null) with { Selected = 0, ListTop = 0 };
        return WithPreview(next, force: true);
    }

    private static (AppState, Effect[]) OnMatches(AppState s, MatchesFound m)
    {
        if (s.Detail is not { } d || d.Ref != m.Ref || d.Highlight != m.Query) return (s, []);
        int cursor = d.JumpTo is int j ? IndexAtOrAfter(m.Messages, j) : (m.Messages.Count > 0 ? 0 : -1);
        return (s with { Detail = d with { Matches = m.Messages, MatchCursor = cursor } }, []);
    }

    private static int IndexAtOrAfter(IReadOnlyList<int> sorted, int value)
    {
        for (int i = 0; i < sorted.Count; i++) if (sorted[i] >= value) return i;
        return sorted.Count - 1;
    }

    private static (AppState, Effect[]) OnSnapshot(AppState s, SnapshotLoaded l)
    {
        if (s.Timeline is not { } t || t.Ref != l.Ref) return (s, []);
        return (s with { Timeline = t with { LoadedStep = l.Step, State = l.State, Error = l.Error, StateTop = 0 } }, []);
    }

    private static (AppState, Effect[]) OnActionCompleted(AppState s, ActionCompleted a)
    {
        var next = s with
        {
            Status = new StatusLine(a.Undo is null ? a.Text : $"{a.Text} — u to {a.Undo.Description}", StatusKind.Success),
            Undo = a.Undo ?? (a.KeepUndo ? s.Undo : null),
        };
        if (!a.Reload) return (next, []);
        // The opened session may have changed on disk: drop it so the reload opens it afresh.
        return (next with { Marks = [], Detail = null, Timeline = null }, [new LoadSessions()]);
    }

    /// <summary>Rebuilds the rows and keeps the selection on the same session when it is still shown.</summary>
    private static AppState Recompute(AppState s, SessionRef? keep)
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

    private static AppState KeepSelectionVisible(AppState s)
    {
        int visible = ScreenLayout.Of(s.Width, s.Height).ListRows;
        int top = s.ListTop;
        if (s.Selected < top) top = s.Selected;
        if (s.Selected >= top + visible) top = s.Selected - visible + 1;
        top = Math.Clamp(top, 0, Math.Max(0, s.Rows.Count - visible));
        return s with { ListTop = top };
    }

    /// <summary>Opens the selected session in the detail pane when it is not the one shown.</summary>
    private static (AppState, Effect[]) WithPreview(AppState s, bool force = false)
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
        return (s with { Detail = detail, Timeline = null, InfoTop = 0 }, [new LoadPreview(current.Ref)]);
    }

    private static AppState Say(AppState s, string text, StatusKind kind = StatusKind.Info) =>
        s with { Status = new StatusLine(text, kind) };
}
