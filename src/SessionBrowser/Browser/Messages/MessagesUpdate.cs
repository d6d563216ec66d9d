using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>The Messages tab: the opened session arrives, grows (live), scrolls, collapses and jumps between search matches.</summary>
internal static class MessagesUpdate
{
    public static (AppState, Effect[]) OnPreview(AppState s, PreviewLoaded p)
    {
        if (s.Detail is not { } d || d.Ref != p.Ref) return (s, []);
        var layout = ScreenLayout.For(s);
        int height = layout.DetailBody.Height;
        var doc = p.Document;
        var detail = d with { Document = doc, Error = null, Pages = Usable(layout, MessagePages.None, p.Pages, 0) };
        bool live = s.Current is { Liveness: Liveness.Live } c && c.Ref == p.Ref;
        if (d.JumpTo is int jump && jump < doc.Count)
            detail = Reveal(detail, jump, height);
        else if (live)
            detail = detail with { Follow = true, SelectedMessage = Math.Max(0, doc.Count - 1), Top = DetailScroll.MaxTop(detail, height) };
        var timeline = new TimelineState { Ref = p.Ref, Snapshots = p.Snapshots, Selected = Math.Max(0, p.Snapshots.Count - 1) };
        var next = s with { Detail = detail, Timeline = timeline };
        var effects = new List<Effect>();
        if (detail.Highlight is { Length: > 0 } q) effects.Add(new FindMatches(p.Ref, doc, q));
        if (s.Tab == DetailTab.Timeline && p.Snapshots.Count > 0) effects.Add(new LoadSnapshot(p.Ref, p.Snapshots[^1].Step));
        return (next, [.. effects]);
    }

    public static (AppState, Effect[]) OnFailed(AppState s, PreviewFailed f) =>
        f.Ref == s.Detail?.Ref ? (s with { Detail = s.Detail with { Error = f.Error } }, []) : (s, []);

    public static (AppState, Effect[]) OnLiveGrew(AppState s, LiveGrew g)
    {
        if (s.Detail is not { Document: { } doc } d || d.Ref != g.Ref || g.Document.Count == doc.Count) return (s, []);
        var layout = ScreenLayout.For(s);
        // The old last line may have been torn while it was written: it is laid out again with the new ones.
        var kept = d.Pages with { Messages = d.Pages.Messages.Remove(doc.Count - 1) };
        var detail = d with { Document = g.Document, Pages = Usable(layout, kept, g.Pages, d.Top.Message) };
        if (d.Follow) detail = detail with { SelectedMessage = g.Document.Count - 1 };
        return (s with { Detail = Settle(detail, layout.DetailBody.Height) }, []);
    }

    /// <summary>More messages are laid out: merged when they fit the pane as it is now (a resize asks again).</summary>
    public static (AppState, Effect[]) OnLaidOut(AppState s, MessagesLaidOut m)
    {
        if (s.Detail is not { } d || d.Ref != m.Ref) return (s, []);
        var layout = ScreenLayout.For(s);
        if (m.Pages.Width != layout.DetailTextWidth) return (s, []);
        return (s with { Detail = Settle(d with { Pages = d.Pages.Merge(m.Pages, d.Top.Message) }, layout.DetailBody.Height) }, []);
    }

    private static MessagePages Usable(ScreenLayout layout, MessagePages have, MessagePages? more, int around) =>
        more is not null && more.Width == layout.DetailTextWidth ? have.Merge(more, around) : have;

    /// <summary>Once line counts are real: a followed session stays at its end, a pending match opens, the top stays valid.</summary>
    private static DetailState Settle(DetailState d, int height) =>
        d.Follow ? d with { Top = DetailScroll.MaxTop(d, height) }
        : d.Reveal is int r ? Reveal(d, r, height)
        : d with { Top = DetailScroll.Clamp(d, d.Top, height) };

    /// <summary>
    /// Puts a message (a search match) at the top, opened when it is collapsed (the match may be in
    /// the hidden part); until it is laid out the top goes there and the opening waits for it.
    /// </summary>
    private static DetailState Reveal(DetailState d, int message, int height)
    {
        bool known = d.Pages.Get(message) is not null;
        if (known && MessageLayout.IsCollapsed(d, message)) d = d with { Toggled = d.Toggled.Add(message) };
        return d with { SelectedMessage = message, Top = DetailScroll.TopOf(d, message, height), Reveal = known ? null : message };
    }

    /// <summary>
    /// The layout the pane needs next. When a message within a screen of the top is not laid out
    /// at the pane's width (nor asked for), the messages around the top are asked for, nearest
    /// first: scrolling finds them ready, and Update itself never reads or renders.
    /// </summary>
    public static (AppState State, Effect? Effect) Prefetch(AppState s)
    {
        if (s.Detail is not { Document: { Count: > 0 } doc } d || d.Error is not null) return (s, null);
        var layout = ScreenLayout.For(s);
        int width = layout.DetailTextWidth, height = Math.Max(1, layout.DetailBody.Height), top = d.Top.Message;
        bool Ready(int i) => d.Pages.Has(width, i) || d.Requested is { } r && r.Width == width && i >= r.First && i <= r.Last;
        int first = Math.Max(0, top - height / 2), last = Math.Min(doc.Count - 1, top + height);
        if (Enumerable.Range(first, last - first + 1).All(Ready)) return (s, null);
        var wanted = MessagePages.Around(top, doc.Count, height).Where(i => !d.Pages.Has(width, i)).ToList();
        var asked = d with { Requested = (width, wanted.Min(), wanted.Max()) };
        return (s with { Detail = asked }, new LayOutMessages(d.Ref, doc, width, wanted));
    }

    public static (AppState, Effect[]) OnMatches(AppState s, MatchesFound m)
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

    /// <summary>After a resize: the top stays where it was, clamped to the new screen.</summary>
    public static AppState Refit(AppState s)
    {
        if (s.Detail is not { Document: not null } d) return s;
        return s with { Detail = d with { Top = DetailScroll.Clamp(d, d.Top, ScreenLayout.For(s).DetailBody.Height) } };
    }

    /// <summary>A click in the body selects the message drawn on that row.</summary>
    public static AppState Click(AppState s, ScreenLayout layout, int y)
    {
        var next = s with { Focus = Focus.Detail };
        if (s.Tab != DetailTab.Messages || s.Detail is not { Document: not null } d) return next;
        int? message = DetailScroll.MessageAtRow(d, d.Top, y - layout.DetailBody.Y);
        return message is int m ? next with { Detail = d with { SelectedMessage = m } } : next;
    }

    public static (AppState, Effect[]) JumpMatch(AppState s, int direction)
    {
        if (s.Detail is not { } d || d.Highlight is null) return (App.Say(s, "Search with / first; n and N then jump between matches"), []);
        if (d.Matches is null) return (App.Say(s, "Still looking for matches…"), []);
        if (d.Matches.Count == 0) return (App.Say(s, "No match in this session's messages"), []);
        if (d.Document is null) return (s, []);
        int cursor = d.MatchCursor < 0 ? (direction > 0 ? 0 : d.Matches.Count - 1)
                   : (d.MatchCursor + direction + d.Matches.Count) % d.Matches.Count;
        int message = d.Matches[cursor];
        var detail = Reveal(d with { MatchCursor = cursor, Follow = false }, message, ScreenLayout.For(s).DetailBody.Height);
        return (App.Say(s with { Detail = detail, Tab = DetailTab.Messages }, $"Match {cursor + 1} of {d.Matches.Count} (message #{message + 1})"), []);
    }

    public static (AppState, Effect[]) OnCommand(AppState s, Command command, ScreenLayout layout)
    {
        if (s.Detail is not { Document: { Count: > 0 } doc } d) return (s, []);
        int height = layout.DetailBody.Height;
        DetailState Scrolled(int delta)
        {
            var top = DetailScroll.ScrollBy(d, d.Top, delta, height);
            bool atEnd = DetailScroll.Compare(top, DetailScroll.MaxTop(d, height)) == 0;
            int selected = DetailScroll.IsVisible(d, top, d.SelectedMessage, height) ? d.SelectedMessage : top.Message;
            return d with { Top = top, SelectedMessage = selected, Follow = atEnd, Reveal = null };
        }
        DetailState SelectMessage(int m)
        {
            m = Math.Clamp(m, 0, doc.Count - 1);
            var top = DetailScroll.IsVisible(d, d.Top, m, height) && m >= d.SelectedMessage
                      && DetailScroll.IsVisible(d, d.Top, m + 1 < doc.Count ? m + 1 : m, height)
                ? d.Top : DetailScroll.TopOf(d, m, height);
            return d with { SelectedMessage = m, Top = top, Follow = false, Reveal = null };
        }
        switch (command)
        {
            case Command.MoveDown: return (s with { Detail = Scrolled(1) }, []);
            case Command.MoveUp: return (s with { Detail = Scrolled(-1) }, []);
            case Command.PageDown: return (s with { Detail = Scrolled(Math.Max(1, height - 1)) }, []);
            case Command.PageUp: return (s with { Detail = Scrolled(-Math.Max(1, height - 1)) }, []);
            case Command.HalfPageDown: return (s with { Detail = Scrolled(Math.Max(1, height / 2)) }, []);
            case Command.HalfPageUp: return (s with { Detail = Scrolled(-Math.Max(1, height / 2)) }, []);
            case Command.First: return (s with { Detail = d with { Top = default, SelectedMessage = 0, Follow = false, Reveal = null } }, []);
            case Command.Last:
                return (s with { Detail = d with { Top = DetailScroll.MaxTop(d, height), SelectedMessage = doc.Count - 1, Follow = true, Reveal = null } }, []);
            case Command.NextMessage: return (s with { Detail = SelectMessage(d.SelectedMessage + 1) }, []);
            case Command.PrevMessage: return (s with { Detail = SelectMessage(d.SelectedMessage - 1) }, []);
            case Command.ToggleCollapse:
                {
                    int m = d.SelectedMessage;
                    if (d.Pages.Get(m) is null) return (App.Say(s, StillReading), []);
                    if (!MessageLayout.IsCollapsible(d, m)) return (App.Say(s, "This message is short; nothing to collapse"), []);
                    var toggled = d.Toggled.Contains(m) ? d.Toggled.Remove(m) : d.Toggled.Add(m);
                    var next = d with { Toggled = toggled };
                    // Keep the message's header in view when it shrinks above the fold.
                    var top = d.Top.Message == m ? new MessagePosition(m, 0) : d.Top;
                    return (s with { Detail = next with { Top = DetailScroll.Clamp(next, top, height) } }, []);
                }
            case Command.ToggleCollapseAll:
                {
                    var next = d with { ExpandAll = !d.ExpandAll, Toggled = [] };
                    next = next with { Top = DetailScroll.Clamp(next, new MessagePosition(d.Top.Message, 0), height) };
                    return (App.Say(s with { Detail = next }, next.ExpandAll ? "All messages expanded" : "Tool output and long messages collapsed"), []);
                }
            case Command.ScrollRight or Command.ScrollLeft:
                {
                    int max = MessageLayout.MaxShift(d);
                    if (max == 0) return (App.Say(s, "No code line here is cut; nothing to scroll sideways"), []);
                    int step = Math.Max(4, MessageLayout.BodyWidth(layout.DetailTextWidth) / 4);
                    int shift = Math.Clamp(d.Shift + (command == Command.ScrollRight ? step : -step), 0, max);
                    return (s with { Detail = d with { Shift = shift } }, []);
                }
            case Command.OpenPager:
                {
                    if (d.Pages.Get(d.SelectedMessage) is not { Record: var record }) return (App.Say(s, StillReading), []);
                    var title = $"{s.Current?.Title ?? d.Ref.Id} — message #{d.SelectedMessage + 1}";
                    var text = record.Message is { } m
                        ? $"{MessageLayout.RoleLabel(m.Role)} · {m.Timestamp}\n\n{m.Content}"
                        : $"unreadable line: {record.Damage}";
                    return (s, [new OpenPager(title, text)]);
                }
        }
        return (s, []);
    }

    private const string StillReading = "Still reading this message; try again in a moment";
}
