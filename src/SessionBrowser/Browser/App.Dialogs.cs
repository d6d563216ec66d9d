using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

public static partial class App
{
    /// <summary>A command while a dialog is open; only the dialog's own bindings (and Always) reach here.</summary>
    private static (AppState, Effect[]) DialogCommand(AppState s, Dialog dialog, Command command)
    {
        if (command == Command.Quit) return Quit(s);
        return dialog switch
        {
            HelpDialog h => command switch
            {
                Command.MoveDown => (s with { Dialog = h with { Top = h.Top + 1 } }, []),
                Command.MoveUp => (s with { Dialog = h with { Top = Math.Max(0, h.Top - 1) } }, []),
                Command.PageDown => (s with { Dialog = h with { Top = h.Top + 10 } }, []),
                Command.PageUp => (s with { Dialog = h with { Top = Math.Max(0, h.Top - 10) } }, []),
                _ => (s with { Dialog = null }, []),
            },
            ConfirmDialog c => command switch
            {
                Command.NextButton or Command.PrevButton => (s with { Dialog = c with { Button = 1 - c.Button } }, []),
                Command.Confirm => Confirm(s, c),
                Command.PressButton when c.Button == 0 => Confirm(s, c),
                Command.PressButton or Command.Cancel => (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []),
                Command.MoveDown => (s with { Dialog = c with { Top = c.Top + 1 } }, []),
                Command.MoveUp => (s with { Dialog = c with { Top = Math.Max(0, c.Top - 1) } }, []),
                _ => (s, []),
            },
            RecoveryDialog r => RecoveryCommand(s, r, command),
            InputDialog i => command switch
            {
                Command.Cancel => (Say(s with { Dialog = null }, "Cancelled; nothing changed"), []),
                Command.Confirm => SubmitInput(s with { Dialog = null }, i),
                _ when EditOf(command) is { } edit => EditText(s, input => input.Apply(edit)),
                _ => (s, []),
            },
            StatsDialog => command == Command.Close ? (s with { Dialog = null }, []) : (s, []),
            _ => (s with { Dialog = null }, []),
        };
    }

    /// <summary>The only place a destructive effect is released: the user chose the confirm button.</summary>
    private static (AppState, Effect[]) Confirm(AppState s, ConfirmDialog c) =>
        (Say(s with { Dialog = null }, "Working…"), [c.OnConfirm]);

    private static (AppState, Effect[]) RecoveryCommand(AppState s, RecoveryDialog r, Command command)
    {
        int buttons = RecoveryDialog.Buttons.Count;
        return command switch
        {
            Command.PrevButton => (s with { Dialog = r with { Button = (r.Button + buttons - 1) % buttons } }, []),
            Command.NextButton => (s with { Dialog = r with { Button = (r.Button + 1) % buttons } }, []),
            Command.ToggleDontAsk => (s with { Dialog = r with { DontAskAgain = !r.DontAskAgain } }, []),
            // One-letter actions would fire on keys meant for something else: only the focused button acts.
            Command.PressButton => Recover(s, r, (RecoveryChoice)r.Button),
            Command.Cancel => (Say(s with { Dialog = null }, InterruptedBanner(s.Interrupted) ?? "Interrupted sessions left as they are"), []),
            _ => (s, []),
        };
    }

    /// <summary>The non-modal note about interrupted sessions; null when none is left.</summary>
    internal static string? InterruptedBanner(IReadOnlyList<InterruptedSession> left) => left.Count switch
    {
        0 => null,
        1 => "1 interrupted session: press R to review",
        _ => $"{left.Count} interrupted sessions: press R to review",
    };

    private static (AppState, Effect[]) ReviewInterrupted(AppState s) =>
        s.Interrupted.Count == 0
            ? (Say(s, "No interrupted sessions left to review"), [])
            : (s with { Dialog = new RecoveryDialog(s.Interrupted) }, []);

    /// <summary>Acts on the first interrupted session and moves on to the next one.</summary>
    public static (AppState State, Effect[] Effects) Recover(AppState s, RecoveryDialog r, RecoveryChoice choice)
    {
        var session = r.Current.Session;
        var rest = r.Queue.Skip(1).ToList();
        var next = s with { Dialog = rest.Count > 0 ? new RecoveryDialog(rest, Handled: r.Handled + 1) : null, Interrupted = rest };
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

    private static (AppState, Effect[]) SubmitInput(AppState s, InputDialog i)
    {
        switch (i.Purpose)
        {
            case InputPurpose.Rename:
                {
                    var text = i.Input.Text.Trim();
                    if (text.Length == 0) return (Say(s, "A description cannot be empty; nothing changed", StatusKind.Error), []);
                    return (Say(s, "Renaming…"), [new RenameSession(i.Ref, text)]);
                }
            default:
                if (i.Input.Text.Trim().Length == 0) return (Say(s, "No tags given; nothing changed"), []);
                return (Say(s, "Updating tags…"), [new ChangeTags(i.Ref, i.Input.Text.Trim())]);
        }
    }
}
