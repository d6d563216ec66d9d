namespace SessionBrowser.Browser;

public static partial class App
{
    /// <summary>A click goes to what is under it: the open dialog, a tab title, a list row or the detail body.</summary>
    private static (AppState, Effect[]) OnClick(AppState s, int x, int y)
    {
        var layout = ScreenLayout.For(s);
        if (layout.TooSmall) return (s, []);
        if (s.Dialog is { } dialog) return DialogsUpdate.Click(s, dialog, x, y);
        bool list = layout.ShowsList(s), detail = layout.ShowsDetail(s);
        if (detail && layout.TabAt(x, y) is { } tab) return ShowTab(s, tab);
        if (list && layout.List.Contains(x, y)) return SessionListUpdate.Click(s, layout, y);
        if (detail && layout.DetailBody.Contains(x, y) && s.Current is not null) return (MessagesUpdate.Click(s, layout, y), []);
        return (s, []);
    }

    private static (AppState, Effect[]) OnWheel(AppState s, int x, int y, int delta)
    {
        var layout = ScreenLayout.For(s);
        if (layout.TooSmall) return (s, []);
        if (s.Dialog is HelpDialog h) return (s with { Dialog = h with { Top = Math.Max(0, h.Top + delta) } }, []);
        if (s.Dialog is ConfirmDialog c) return (s with { Dialog = c with { Top = Math.Max(0, c.Top + delta) } }, []);
        if (s.Dialog is not null) return (s, []);
        if (layout.ShowsList(s) && layout.List.Contains(x, y)) return SessionListUpdate.Select(s, s.Selected + Math.Sign(delta));
        if (layout.ShowsDetail(s) && layout.Detail.Contains(x, y))
        {
            // The wheel scrolls the pane under the pointer as its arrow keys would.
            var command = delta > 0 ? Command.MoveDown : Command.MoveUp;
            var result = (State: s with { Focus = Focus.Detail }, Effects: Array.Empty<Effect>());
            for (int i = 0; i < Math.Abs(delta); i++)
            {
                var (state, effects) = Run(result.State, command);
                result = (state, [.. result.Effects, .. effects]);
            }
            return result;
        }
        return (s, []);
    }
}
