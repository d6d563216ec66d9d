namespace SessionBrowser.Browser;

public static partial class App
{
    private static (AppState, Effect[]) OnClick(AppState s, int x, int y)
    {
        var layout = ScreenLayout.Of(s.Width, s.Height);
        if (layout.TooSmall) return (s, []);
        if (s.Dialog is { } dialog) return DialogClick(s, dialog, x, y);

        if (layout.TabAt(x, y) is { } tab) return ShowTab(s, tab);
        if (layout.List.Contains(x, y))
        {
            int row = s.ListTop + (y - layout.List.Y) / ScreenLayout.RowHeight;
            if (row >= s.Rows.Count) return (s with { Focus = Focus.List, Search = s.Search with { Editing = false } }, []);
            return Select(s with { Focus = Focus.List, Search = s.Search with { Editing = false } }, row);
        }
        if (layout.DetailBody.Contains(x, y) && s.Current is not null)
        {
            var next = s with { Focus = Focus.Detail };
            if (s.Tab == DetailTab.Messages && s.Detail is { Document: { } doc } d)
            {
                int? message = DetailScroll.MessageAtRow(d, doc, d.Top, y - layout.DetailBody.Y, layout.DetailTextWidth);
                if (message is int m) next = next with { Detail = d with { SelectedMessage = m } };
            }
            return (next, []);
        }
        return (s, []);
    }

    private static (AppState, Effect[]) DialogClick(AppState s, Dialog dialog, int x, int y)
    {
        var buttons = DialogGeometry.Buttons(s, dialog);
        for (int i = 0; i < buttons.Count; i++)
        {
            if (!buttons[i].Contains(x, y)) continue;
            return dialog switch
            {
                ConfirmDialog c => i == 0 ? Confirm(s, c) : (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []),
                RecoveryDialog r => Recover(s, r, (RecoveryChoice)i),
                InputDialog input => i == 0 ? SubmitInput(s with { Dialog = null }, input) : (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []),
                _ => (s, []),
            };
        }
        if (dialog is RecoveryDialog rd && DialogGeometry.DontAskAgain(s, rd).Contains(x, y))
            return (s with { Dialog = rd with { DontAskAgain = !rd.DontAskAgain } }, []);
        // A click outside closes what is only informative; choices must be made explicitly.
        if (dialog is HelpDialog or StatsDialog && !DialogGeometry.Frame(s, dialog).Contains(x, y))
            return (s with { Dialog = null }, []);
        return (s, []);
    }

    private static (AppState, Effect[]) OnWheel(AppState s, int x, int y, int delta)
    {
        var layout = ScreenLayout.Of(s.Width, s.Height);
        if (layout.TooSmall) return (s, []);
        if (s.Dialog is HelpDialog h) return (s with { Dialog = h with { Top = Math.Max(0, h.Top + delta) } }, []);
        if (s.Dialog is ConfirmDialog c) return (s with { Dialog = c with { Top = Math.Max(0, c.Top + delta) } }, []);
        if (s.Dialog is not null) return (s, []);
        if (layout.List.Contains(x, y)) return Select(s, s.Selected + Math.Sign(delta));
        if (layout.Detail.Contains(x, y))
        {
            var inDetail = s with { Focus = Focus.Detail };
            var command = delta > 0 ? Command.MoveDown : Command.MoveUp;
            var result = (inDetail, Array.Empty<Effect>());
            for (int i = 0; i < Math.Abs(delta); i++)
            {
                var (state, effects) = Run(result.Item1, command);
                result = (state, [.. result.Item2, .. effects]);
            }
            return result;
        }
        return (s, []);
    }
}
