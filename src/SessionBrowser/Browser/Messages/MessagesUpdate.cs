using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>The Messages tab: the opened session arrives, grows (live), scrolls, collapses and jumps between search matches.</summary>
internal static class MessagesUpdate
{
    public static (AppState, Effect[]) OnPreview(AppState s, PreviewLoaded p)
    {
        if (s.Detail is not { } d || d.Ref != p.Ref) return (s, []);
        var layout = ScreenLayout.For(s);
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

    public static (AppState, Effect[]) OnFailed(AppState s, PreviewFailed f) =>
        f.Ref == s.Detail?.Ref ? (s with { Detail = s.Detail with { Error = f.Error } }, []) : (s, []);

    public static (AppState, Effect[]) OnLiveGrew(AppState s, LiveGrew g)
    {
        if (s.Detail is not { Document: { } doc } d || d.Ref != g.Ref || g.Document.Count == doc.Count) return (s, []);
        var layout = ScreenLayout.For(s);
        var grown = g.Document;
        var detail = d with { Document = grown };
        if (d.Follow)
            detail = detail with { Top = DetailScroll.MaxTop(detail, grown, layout.DetailTextWidth, layout.DetailBody.Height), SelectedMessage = grown.Count - 1 };
        return (s with { Detail = detail }, []);
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
        if (s.Detail is not { Document: { } doc } d) return s;
        var layout = ScreenLayout.For(s);
        return s with { Detail = d with { Top = DetailScroll.Clamp(d, doc, d.Top, layout.DetailTextWidth, layout.DetailBody.Height) } };
    }

    /// <summary>A click in the body selects the message drawn on that row.</summary>
    public static AppState Click(AppState s, ScreenLayout layout, int y)
    {
        var next = s with { Focus = Focus.Detail };
        if (s.Tab != DetailTab.Messages || s.Detail is not { Document: { } doc } d) return next;
        int? message = DetailScroll.MessageAtRow(d, doc, d.Top, y - layout.DetailBody.Y, layout.DetailTextWidth);
        return message is int m ? next with { Detail = d with { SelectedMessage = m } } : next;
    }

    public static (AppState, Effect[]) JumpMatch(AppState s, int direction)
    {
        if (s.Detail is not { } d || d.Highlight is null) return (App.Say(s, "Search with / first; n and N then jump between matches"), []);
        if (d.Matches is null) return (App.Say(s, "Still looking for matches…"), []);
        if (d.Matches.Count == 0) return (App.Say(s, "No match in this session's messages"), []);
        if (d.Document is not { } doc) return (s, []);
        int cursor = d.MatchCursor < 0 ? (direction > 0 ? 0 : d.Matches.Count - 1)
                   : (d.MatchCursor + direction + d.Matches.Count) % d.Matches.Count;
        int message = d.Matches[cursor];
        var layout = ScreenLayout.For(s);
        if (MessageLayout.IsCollapsed(d, doc, message, layout.DetailTextWidth)) d = d with { Toggled = d.Toggled.Add(message) };
        var detail = d with
        {
            MatchCursor = cursor,
            SelectedMessage = message,
            Top = DetailScroll.TopOf(d, doc, message, layout.DetailTextWidth, layout.DetailBody.Height),
            Follow = false,
        };
        return (App.Say(s with { Detail = detail, Tab = DetailTab.Messages }, $"Match {cursor + 1} of {d.Matches.Count} (message #{message + 1})"), []);
    }

    public static (AppState, Effect[]) OnCommand(AppState s, Command command, ScreenLayout layout)
    {
        if (s.Detail is not { Document: { } doc } d || doc.Count == 0) return (s, []);
        int width = layout.DetailTextWidth, height = layout.DetailBody.Height;
        DetailState Scrolled(int delta)
        {
            var top = DetailScroll.ScrollBy(d, doc, d.Top, delta, width, height);
            bool atEnd = DetailScroll.Compare(top, DetailScroll.MaxTop(d, doc, width, height)) == 0;
            int selected = DetailScroll.IsVisible(d, doc, top, d.SelectedMessage, width, height) ? d.SelectedMessage : top.Message;
            return d with { Top = top, SelectedMessage = selected, Follow = atEnd };
        }
        DetailState SelectMessage(int m)
        {
            m = Math.Clamp(m, 0, doc.Count - 1);
            var top = DetailScroll.IsVisible(d, doc, d.Top, m, width, height) && m >= d.SelectedMessage
                      && DetailScroll.IsVisible(d, doc, d.Top, m + 1 < doc.Count ? m + 1 : m, width, height)
                ? d.Top : DetailScroll.TopOf(d, doc, m, width, height);
            return d with { SelectedMessage = m, Top = top, Follow = false };
        }
        switch (command)
        {
            case Command.MoveDown: return (s with { Detail = Scrolled(1) }, []);
            case Command.MoveUp: return (s with { Detail = Scrolled(-1) }, []);
            case Command.PageDown: return (s with { Detail = Scrolled(Math.Max(1, height - 1)) }, []);
            case Command.PageUp: return (s with { Detail = Scrolled(-Math.Max(1, height - 1)) }, []);
            case Command.HalfPageDown: return (s with { Detail = Scrolled(Math.Max(1, height / 2)) }, []);
            case Command.HalfPageUp: return (s with { Detail = Scrolled(-Math.Max(1, height / 2)) }, []);
            case Command.First: return (s with { Detail = d with { Top = default, SelectedMessage = 0, Follow = false } }, []);
            case Command.Last:
                return (s with { Detail = d with { Top = DetailScroll.MaxTop(d, doc, width, height), SelectedMessage = doc.Count - 1, Follow = true } }, []);
            case Command.NextMessage: return (s with { Detail = SelectMessage(d.SelectedMessage + 1) }, []);
            case Command.PrevMessage: return (s with { Detail = SelectMessage(d.SelectedMessage - 1) }, []);
            case Command.ToggleCollapse:
                {
                    int m = d.SelectedMessage;
                    if (!MessageLayout.IsCollapsible(doc, m, width)) return (App.Say(s, "This message is short; nothing to collapse"), []);
                    var toggled = d.Toggled.Contains(m) ? d.Toggled.Remove(m) : d.Toggled.Add(m);
                    var next = d with { Toggled = toggled };
                    // Keep the message's header in view when it shrinks above the fold.
                    var top = d.Top.Message == m ? new MessagePosition(m, 0) : d.Top;
                    return (s with { Detail = next with { Top = DetailScroll.Clamp(next, doc, top, width, height) } }, []);
                }
            case Command.ToggleCollapseAll:
                {
                    var next = d with { ExpandAll = !d.ExpandAll, Toggled = [] };
                    next = next with { Top = DetailScroll.Clamp(next, doc, new MessagePosition(d.Top.Message, 0), width, height) };
                    return (App.Say(s with { Detail = next }, next.ExpandAll ? "All messages expanded" : "Tool output and long messages collapsed"), []);
                }
            case Command.OpenPager:
                {
                    var record = doc.Read(d.SelectedMessage);
                    var title = $"{s.Current?.Title ?? d.Ref.Id} — message #{d.SelectedMessage + 1}";
                    var text = record.Message is { } m
                        ? $"{MessageLayout.RoleLabel(m.Role)} · {m.Timestamp}\n\n{m.Content}"
                        : $"unreadable line: {record.Damage}";
                    return (s, [new OpenPager(title, text)]);
                }
        }
        return (s, []);
    }
}
