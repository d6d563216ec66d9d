using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>The modal dialogs: help, confirmation, the interrupted-session review, the rename and tag prompts.</summary>
internal static class DialogsUpdate
{
    /// <summary>Interrupted sessions found at start-up.</summary>
    public static (AppState, Effect[]) OnInterrupted(AppState s, IReadOnlyList<InterruptedSession> found)
    {
        // A banner (drawn by the status line from the list), not a prompt: a modal opened here
        // would take the keys the user is already typing.
        if (found.Count == 0 || !s.Options.AskAboutInterrupted) return (s, []);
        return (s with { Interrupted = found }, []);
    }

    /// <summary>
    /// The interrupted sessions still to review after the list was read again: one that is gone,
    /// got another status (marked crashed, completed) or is live again was handled elsewhere, so the
    /// banner's count follows what the list shows.
    /// </summary>
    internal static IReadOnlyList<InterruptedSession> StillInterrupted(IReadOnlyList<InterruptedSession> left, IReadOnlyList<SessionSummary> listed)
    {
        if (left.Count == 0) return left;
        var rows = new Dictionary<SessionRef, SessionSummary>();
        foreach (var row in listed) rows.TryAdd(row.Ref, row);
        return [.. left.Where(i => rows.TryGetValue(i.Session.Ref, out var now) && now.Status == i.Session.Status && now.Liveness != Liveness.Live)];
    }

    /// <summary>A click while a dialog is open: its buttons and check box act; a click outside closes only what is informative.</summary>
    public static (AppState, Effect[]) Click(AppState s, Dialog dialog, int x, int y)
    {
        var buttons = DialogGeometry.Buttons(s, dialog);
        for (int i = 0; i < buttons.Count; i++)
        {
            if (!buttons[i].Contains(x, y)) continue;
            return dialog switch
            {
                ConfirmDialog c => i == 0 ? Confirm(s, c) : Cancelled(s, c),
                RecoveryDialog r => Recover(s, r, (RecoveryChoice)i),
                InputDialog input => i == 0 ? SubmitInput(s with { Dialog = null }, input) : Cancelled(s),
                ExportDialog export => i == 0 ? ExportUpdate.Submit(s, export) : Cancelled(s),
                _ => (s, []),
            };
        }
        if (dialog is RecoveryDialog rd && DialogGeometry.DontAskAgain(s, rd).Contains(x, y))
            return (s with { Dialog = rd with { DontAskAgain = !rd.DontAskAgain } }, []);
        // A click outside closes what is only informative; choices must be made explicitly.
        if (dialog is HelpDialog or StatsDialog or PickerDialog && !DialogGeometry.Frame(s, dialog).Contains(x, y))
            return (s with { Dialog = null }, []);
        return (s, []);
    }

    internal static (AppState, Effect[]) Cancelled(AppState s) => (App.Say(s with { Dialog = null }, "Cancelled; nothing changed"), []);

    /// <summary>A confirmation cancelled: back to the choice it came from, else closed.</summary>
    private static (AppState, Effect[]) Cancelled(AppState s, ConfirmDialog c) =>
        c.Back is { } back ? (App.Say(s with { Dialog = back }, "Nothing changed"), []) : Cancelled(s);

    /// <summary>A command while a dialog is open; only the dialog's own bindings (and Always) reach here.</summary>
    public static (AppState, Effect[]) OnCommand(AppState s, Dialog dialog, Command command)
    {
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
                Command.PressButton or Command.Cancel => Cancelled(s, c),
                Command.MoveDown => (s with { Dialog = c with { Top = c.Top + 1 } }, []),
                Command.MoveUp => (s with { Dialog = c with { Top = Math.Max(0, c.Top - 1) } }, []),
                _ => (s, []),
            },
            RecoveryDialog r => RecoveryCommand(s, r, command),
            InputDialog i => command switch
            {
                Command.Cancel => Cancelled(s),
                Command.Confirm => SubmitInput(s with { Dialog = null }, i),
                _ when TextInput.EditOf(command) is { } edit => App.EditText(s, input => input.Apply(edit)),
                _ => (s, []),
            },
            ExportDialog e => ExportUpdate.OnCommand(s, e, command),
            PickerDialog p => PickerUpdate.OnCommand(s, p, command),
            StatsDialog => command == Command.Close ? (s with { Dialog = null }, []) : (s, []),
            _ => (s with { Dialog = null }, []),
        };
    }

    /// <summary>The only place a destructive effect is released: the user chose the confirm button.</summary>
    private static (AppState, Effect[]) Confirm(AppState s, ConfirmDialog c) =>
        (App.Say(s with { Dialog = null }, "Working…"), [c.OnConfirm]);

    private static (AppState, Effect[]) RecoveryCommand(AppState s, RecoveryDialog r, Command command)
    {
        int buttons = RecoveryDialog.Buttons.Count;
        return command switch
        {
            Command.PrevButton => (s with { Dialog = r with { Button = (r.Button + buttons - 1) % buttons } }, []),
            Command.NextButton => (s with { Dialog = r with { Button = (r.Button + 1) % buttons } }, []),
            Command.ToggleDontAsk => (s with { Dialog = r with { DontAskAgain = !r.DontAskAgain } }, []),
            Command.CycleAge => NextAge(s, r),
            // One-letter actions would fire on keys meant for something else: only the focused button acts.
            Command.PressButton => Recover(s, r, (RecoveryChoice)r.Button),
            // The status line then shows the banner with what is left, not an older message.
            Command.Cancel => (s with { Dialog = null, Status = null }, []),
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

    public static (AppState, Effect[]) ReviewInterrupted(AppState s) =>
        s.Interrupted.Count == 0
            ? (App.Say(s, "No interrupted sessions left to review"), [])
            : (s with { Dialog = new RecoveryDialog(s.Interrupted) }, []);

    /// <summary>The next age filter that keeps at least one session; the count starts again for the new selection.</summary>
    private static (AppState, Effect[]) NextAge(AppState s, RecoveryDialog r)
    {
        int ages = RecoveryAges.All.Count;
        for (int step = 1; step < ages; step++)
        {
            int age = (r.Age + step) % ages;
            var queue = RecoveryAges.Filter(s.Interrupted, age, s.Now);
            if (queue.Count > 0) return (s with { Dialog = r with { Queue = queue, Age = age, Handled = 0 } }, []);
        }
        return (s, []);
    }

    /// <summary>"All crashed…": the confirmation lists every session of the review (as filtered) before anything changes.</summary>
    private static (AppState, Effect[]) ConfirmMarkAll(AppState s, RecoveryDialog r)
    {
        var queue = r.Queue;
        var body = new List<string>
        {
            $"{Format.Count(queue.Count, "interrupted session")}{(r.Age == 0 ? "" : $" ({RecoveryAges.All[r.Age].Label})")} get the status crashed;",
            "nothing else in their files changes.",
            "",
        };
        body.AddRange(queue.Select(i => $"  {i.Id} · {Format.Age(i.LastActive, s.Now)} · {Markdown.SessionText.OneLine(i.Title)}"));
        var label = $"Mark {queue.Count} crashed";
        return (s with { Dialog = new ConfirmDialog(label + "?", body, label, new MarkCrashed([.. queue.Select(i => i.Session.Ref)]), Back: r) }, []);
    }

    /// <summary>Acts on the first interrupted session and moves on to the next one.</summary>
    public static (AppState, Effect[]) Recover(AppState s, RecoveryDialog r, RecoveryChoice choice)
    {
        if (choice == RecoveryChoice.MarkAllCrashed) return ConfirmMarkAll(s, r);
        var session = r.Current.Session;
        var rest = r.Queue.Skip(1).ToList();
        // The button stays where it was (answering several the same way is Enter, Enter); the check box is per session.
        var next = s with
        {
            Dialog = rest.Count > 0 ? r with { Queue = rest, Handled = r.Handled + 1, DontAskAgain = false } : null,
            Interrupted = [.. s.Interrupted.Where(i => i.Session.Ref != session.Ref)],
        };
        var effects = new List<Effect>();
        if (r.DontAskAgain) effects.Add(new IgnoreInterrupted(session.Ref));
        switch (choice)
        {
            case RecoveryChoice.Resume:
                {
                    // Make sure the session is in view, select it and run its resume action.
                    var shown = SessionListUpdate.Recompute(next with { StatusFilter = null, TagFilter = null, Dir = null, Search = new SearchState(), Dialog = null }, session.Ref);
                    if (shown.Current?.Ref != session.Ref) return (App.Say(next, $"{session.Ref.Id} is no longer in the store", StatusKind.Error), [.. effects]);
                    var (resumed, more) = SessionListUpdate.Resume(shown);
                    return (resumed, [.. effects, .. more]);
                }
            case RecoveryChoice.MarkCrashed:
                effects.Add(new MarkCrashed([session.Ref]));
                return (App.Say(next, $"Marking {session.Ref.Id} as crashed…"), [.. effects]);
            default:
                return (App.Say(next, r.DontAskAgain ? $"{session.Ref.Id}: will not ask again" : $"{session.Ref.Id} left as it is"), [.. effects]);
        }
    }

    private static (AppState, Effect[]) SubmitInput(AppState s, InputDialog i)
    {
        switch (i.Purpose)
        {
            case InputPurpose.Rename:
                {
                    var text = i.Input.Text.Trim();
                    if (text.Length == 0) return (App.Say(s, "A description cannot be empty; nothing changed", StatusKind.Error), []);
                    return (App.Say(s, "Renaming…"), [new RenameSession(i.Ref, text)]);
                }
            default:
                if (i.Input.Text.Trim().Length == 0) return (App.Say(s, "No tags given; nothing changed"), []);
                return (App.Say(s, "Updating tags…"), [new ChangeTags(i.Ref, i.Input.Text.Trim())]);
        }
    }
}
