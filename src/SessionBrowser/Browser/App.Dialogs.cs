using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

public static partial class App
{
    private static (AppState, Effect[]) DialogKey(AppState s, Dialog dialog, string key) => dialog switch
    {
        HelpDialog h => key switch
        {
            "j" or "Down" => (s with { Dialog = h with { Top = h.Top + 1 } }, []),
            "k" or "Up" => (s with { Dialog = h with { Top = Math.Max(0, h.Top - 1) } }, []),
            "PageDown" or "Space" => (s with { Dialog = h with { Top = h.Top + 10 } }, []),
            "PageUp" => (s with { Dialog = h with { Top = Math.Max(0, h.Top - 10) } }, []),
            "Ctrl+C" => Quit(s),
            _ => (s with { Dialog = null }, []),
        },
        ConfirmDialog c => ConfirmKey(s, c, key),
        RecoveryDialog r => RecoveryKey(s, r, key),
        InputDialog i => InputKey(s, i, key),
        StatsDialog => key is "Ctrl+C" ? Quit(s) : key is "Esc" or "q" or "A" or "Enter" ? (s with { Dialog = null }, []) : (s, []),
        _ => (s with { Dialog = null }, []),
    };

    private static (AppState, Effect[]) ConfirmKey(AppState s, ConfirmDialog c, string key)
    {
        switch (key)
        {
            case "Left": case "h": case "Right": case "l": case "Tab": case "BackTab":
                return (s with { Dialog = c with { Button = 1 - c.Button } }, []);
            case "y": case "Y": return Confirm(s, c);
            case "n": case "N": case "Esc": case "q": return (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []);
            case "Enter": return c.Button == 0 ? Confirm(s, c) : (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []);
            case "j": case "Down": return (s with { Dialog = c with { Top = c.Top + 1 } }, []);
            case "k": case "Up": return (s with { Dialog = c with { Top = Math.Max(0, c.Top - 1) } }, []);
            case "Ctrl+C": return Quit(s);
        }
        return (s, []);
    }

    /// <summary>The only place a destructive effect is released: the user chose the confirm button.</summary>
    private static (AppState, Effect[]) Confirm(AppState s, ConfirmDialog c) =>
        (Say(s with { Dialog = null }, "Working…"), [c.OnConfirm]);

    private static (AppState, Effect[]) RecoveryKey(AppState s, RecoveryDialog r, string key)
    {
        int buttons = RecoveryDialog.Buttons.Count;
        switch (key)
        {
            case "Left": case "h": case "BackTab": return (s with { Dialog = r with { Button = (r.Button + buttons - 1) % buttons } }, []);
            case "Right": case "l": case "Tab": return (s with { Dialog = r with { Button = (r.Button + 1) % buttons } }, []);
            case "Space": case "a": return (s with { Dialog = r with { DontAskAgain = !r.DontAskAgain } }, []);
            case "Enter": return Recover(s, r, (RecoveryChoice)r.Button);
            case "r": return Recover(s, r, RecoveryChoice.Resume);
            case "m": case "c": return Recover(s, r, RecoveryChoice.MarkCrashed);
            case "i": return Recover(s, r, RecoveryChoice.Ignore);
            case "Esc": case "q": return (Say(s with { Dialog = null }, "Interrupted sessions left as they are; `recover` lists them"), []);
            case "Ctrl+C": return Quit(s);
        }
        return (s, []);
    }

    /// <summary>Acts on the first interrupted session and moves on to the next one.</summary>
    public static (AppState State, Effect[] Effects) Recover(AppState s, RecoveryDialog r, RecoveryChoice choice)
    {
        var session = r.Current.Session;
        var rest = r.Queue.Skip(1).ToList();
        var next = s with { Dialog = rest.Count > 0 ? new RecoveryDialog(rest) : null };
        var effects = new List<Effect>();
        if (r.DontAskAgain) effects.Add(new IgnoreInterrupted(session.Ref));
        switch (choice)
        {
            case RecoveryChoice.Resume:
                {
                    // Make sure the session is in view, select it and run its resume action.
                    var shown = Recompute(next with { StatusFilter = null, TagFilter = null, Scope = Scope.All, Search = new SearchState(), Dialog = null }, session.Ref);
                    if (shown.Current?.Ref != session.Ref) return (Say(next, $"{session.Ref.Id} is no longer in the store", StatusKind.Error), [.. effects]);
                    var (resumed, more) = Resume(shown);
                    return (resumed, [.. effects, .. more]);
                }
            case RecoveryChoice.MarkCrashed:
                effects.Add(new MarkCrashed(session.Ref));
                return (Say(next, $"Marking {session.Ref.Id} as crashed…"), [.. effects]);
            default:
                return (Say(next, r.DontAskAgain ? $"{session.Ref.Id}: will not ask again" : $"{session.Ref.Id} left as it is"), [.. effects]);
        }
    }

    private static (AppState, Effect[]) InputKey(AppState s, InputDialog i, string key)
    {
        switch (key)
        {
            case "Esc": return (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []);
            case "Enter": return SubmitInput(s with { Dialog = null }, i);
            case "Left": return (s with { Dialog = i with { Cursor = PrevGrapheme(i.Text, i.Cursor) } }, []);
            case "Right": return (s with { Dialog = i with { Cursor = NextGrapheme(i.Text, i.Cursor) } }, []);
            case "Home": case "Ctrl+A": return (s with { Dialog = i with { Cursor = 0 } }, []);
            case "End": case "Ctrl+E": return (s with { Dialog = i with { Cursor = i.Text.Length } }, []);
            case "Backspace":
                {
                    if (i.Cursor == 0) return (s, []);
                    int from = PrevGrapheme(i.Text, i.Cursor);
                    return (s with { Dialog = i with { Text = i.Text.Remove(from, i.Cursor - from), Cursor = from } }, []);
                }
            case "Delete":
                {
                    if (i.Cursor >= i.Text.Length) return (s, []);
                    int to = NextGrapheme(i.Text, i.Cursor);
                    return (s with { Dialog = i with { Text = i.Text.Remove(i.Cursor, to - i.Cursor) } }, []);
                }
            case "Ctrl+U": return (s with { Dialog = i with { Text = i.Text[i.Cursor..], Cursor = 0 } }, []);
            case "Ctrl+C": return Quit(s);
        }
        return TextOf(key) is { } text
            ? (s with { Dialog = i with { Text = i.Text.Insert(i.Cursor, text), Cursor = i.Cursor + text.Length } }, [])
            : (s, []);
    }

    private static (AppState, Effect[]) SubmitInput(AppState s, InputDialog i)
    {
        switch (i.Purpose)
        {
            case InputPurpose.Rename:
                {
                    var text = i.Text.Trim();
                    if (text.Length == 0) return (Say(s, "A description cannot be empty; nothing changed", StatusKind.Error), []);
                    return (Say(s, "Renaming…"), [new RenameSession(i.Ref, text)]);
                }
            default:
                if (i.Text.Trim().Length == 0) return (Say(s, "No tags given; nothing changed"), []);
                return (Say(s, "Updating tags…"), [new ChangeTags(i.Ref, i.Text.Trim())]);
        }
    }
}
