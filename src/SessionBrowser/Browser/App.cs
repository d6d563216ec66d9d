using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>
/// The browser's logic: <c>Update(state, msg) -> (state, effects)</c>. This class only routes: a
/// message or a key command goes to the component it concerns (the folders SessionList/,
/// SearchBox/, Messages/, Timeline/, Info/, Stats/, Dialogs/, Chrome/, each with its state, its
/// update and its view). Pure: it reads only its arguments and asks for every side effect by
/// returning it.
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
        var (next, effects) = Route(s, msg);
        // Whatever moved the messages pane, the messages it will show are asked for here, laid out off the UI thread.
        return MessagesUpdate.Prefetch(next) is (var asked, { } layOut) ? (asked, [.. effects, layOut]) : (next, effects);
    }

    private static (AppState State, Effect[] Effects) Route(AppState s, Msg msg) =>
        msg switch
        {
            KeyPressed k => OnKey(s, k.Key),
            Pasted p => OnPaste(s, p.Text),
            MouseClicked c => OnClick(s, c.X, c.Y),
            MouseWheel w => OnWheel(s, w.X, w.Y, w.Delta),
            Resized r => OnResize(s, r.Width, r.Height),
            Tick t => OnTick(s, t.Now),
            SessionsLoaded l => SessionListUpdate.OnLoaded(s, l),
            LivenessChecked l => SessionListUpdate.OnLivenessChecked(s, l),
            InterruptedFound f => DialogsUpdate.OnInterrupted(s, f.Sessions),
            PreviewLoaded p => MessagesUpdate.OnPreview(s, p),
            PreviewFailed f => MessagesUpdate.OnFailed(s, f),
            LiveGrew g => MessagesUpdate.OnLiveGrew(s, g),
            MessagesLaidOut l => MessagesUpdate.OnLaidOut(s, l),
            SearchCompleted c => SearchBoxUpdate.OnCompleted(s, c),
            MatchesFound m => MessagesUpdate.OnMatches(s, m),
            SnapshotLoaded l => TimelineUpdate.OnSnapshot(s, l),
            DeletePlanned p => SessionActions.OnDeletePlanned(s, p.Items),
            RestorePlanned p => TimelineUpdate.OnRestorePlanned(s, p),
            StatsLoaded st => StatsUpdate.OnLoaded(s, st),
            ActionCompleted a => OnActionCompleted(s, a),
            ResumeReady r => SessionListUpdate.OnResumeReady(s, r),
            ResumeNeedsFolder n => SessionListUpdate.OnResumeNeedsFolder(s, n),
            ExportTargetExists e => ExportUpdate.OnTargetExists(s, e),
            ActionFailed f => StatsUpdate.OnFailed(Say(s, f.Error, StatusKind.Error), f.Error),
            _ => (s, []),
        };

    /// <summary>The binding context: the too-small screen, the open dialog, the search box, else the focused pane.</summary>
    public static KeyContext ContextOf(AppState s) =>
        ScreenLayout.For(s).TooSmall ? KeyContext.TooSmall
        : s.Dialog switch
        {
            HelpDialog => KeyContext.Help,
            ConfirmDialog => KeyContext.Confirm,
            RecoveryDialog => KeyContext.Recovery,
            InputDialog => KeyContext.InputDialog,
            ExportDialog => KeyContext.Export,
            PickerDialog => KeyContext.Picker,
            StatsDialog => KeyContext.Stats,
            _ when s.Search.Editing => KeyContext.Search,
            _ when s.Focus == Focus.List => KeyContext.List,
            _ => s.Tab switch
            {
                DetailTab.Timeline => KeyContext.Timeline,
                DetailTab.Info => KeyContext.Info,
                _ => KeyContext.Messages,
            },
        };

    private static (AppState, Effect[]) OnKey(AppState s, Chord key)
    {
        var context = ContextOf(s);
        if (KeyMap.Find(context, key) is { } command) return Run(s, command);
        if (KeyMap.Types(context) && key.Text is { } text) return EditText(s, input => input.Insert(text));
        // The help overlay closes on any key it does not scroll with.
        return context == KeyContext.Help ? (s with { Dialog = null }, []) : (s, []);
    }

    /// <summary>Runs a command as if its key was pressed in the current context.</summary>
    public static (AppState State, Effect[] Effects) Run(AppState s, Command command)
    {
        // From every focus, the search box and dialogs included; the note says the frame is a full one.
        if (command == Command.Redraw) return (Say(s, "Screen redrawn"), [new RedrawAll()]);
        var context = ContextOf(s);
        switch (context)
        {
            case KeyContext.TooSmall: return command == Command.Quit ? Quit(s) : (s, []);
            case KeyContext.Help or KeyContext.Confirm or KeyContext.Recovery or KeyContext.InputDialog or KeyContext.Export or KeyContext.Picker or KeyContext.Stats:
                return command == Command.Quit ? Quit(s) : DialogsUpdate.OnCommand(s, s.Dialog!, command);
            case KeyContext.Search:
                if (command == Command.Quit) return Quit(s);
                return TextInput.EditOf(command) is { } edit ? EditText(s, input => input.Apply(edit)) : SearchBoxUpdate.OnCommand(s, command);
        }

        switch (command)
        {
            case Command.Help: return (s with { Dialog = new HelpDialog() }, []);
            case Command.Quit: return Quit(s);
            case Command.ShowMessages: return ShowTab(s, DetailTab.Messages);
            case Command.ShowTimeline: return ShowTab(s, DetailTab.Timeline);
            case Command.ShowInfo: return ShowTab(s, DetailTab.Info);
            case Command.NextTab: return ShowTab(s, (DetailTab)(((int)s.Tab + 1) % 3));
            case Command.PrevTab: return ShowTab(s, (DetailTab)(((int)s.Tab + 2) % 3));
            case Command.Search: return SearchBoxUpdate.Open(s);
            case Command.CopyId: return SessionActions.CopyId(s);
            case Command.Undo: return SessionActions.Undo(s);
            case Command.Stats: return StatsUpdate.Open(s);
            case Command.Delete: return SessionActions.Delete(s);
            case Command.Rename: return SessionActions.Rename(s);
            case Command.EditTags: return SessionActions.EditTags(s);
            case Command.Export: return ExportUpdate.Open(s);
            case Command.NarrowList or Command.WidenList: return Resplit(s, s.Split.Widen(command == Command.WidenList ? 1 : -1));
            case Command.TogglePreview:
                return Resplit(Say(s, s.Split.PreviewHidden ? "Preview shown" : "Preview hidden: Tab opens the session, Tab again comes back"),
                               s.Split with { PreviewHidden = !s.Split.PreviewHidden });
            case Command.FocusList:
                return (s with { Focus = Focus.List, Status = s.Status?.Text == SessionListUpdate.ResumeHint ? null : s.Status }, []);
            case Command.FocusDetail: return s.Current is null ? (s, []) : (s with { Focus = Focus.Detail }, []);
            case Command.ReviewInterrupted: return DialogsUpdate.ReviewInterrupted(s);
            case Command.Resume: return SessionListUpdate.Resume(s);
            case Command.NextMatch: return MessagesUpdate.JumpMatch(s, +1);
            case Command.PrevMatch: return MessagesUpdate.JumpMatch(s, -1);
        }

        var layout = ScreenLayout.For(s);
        return context switch
        {
            KeyContext.List => SessionListUpdate.OnCommand(s, command, layout),
            KeyContext.Messages => MessagesUpdate.OnCommand(s, command, layout),
            KeyContext.Timeline => TimelineUpdate.OnCommand(s, command, layout),
            KeyContext.Info => InfoUpdate.OnCommand(s, command),
            _ => (s, []),
        };
    }

    internal static (AppState, Effect[]) Quit(AppState s) =>
        (s with { Outcome = s.Options.PickMode ? new CancelOutcome() : new QuitOutcome() }, []);

    /// <summary>Shows a tab of the detail pane and moves the focus there.</summary>
    internal static (AppState, Effect[]) ShowTab(AppState s, DetailTab tab)
    {
        var next = s with { Tab = tab, Focus = s.Current is null ? s.Focus : Focus.Detail };
        if (tab == DetailTab.Timeline && next.Timeline is { Snapshots.Count: > 0 } t && t.LoadedStep is null)
            return (next, [new LoadSnapshot(t.Ref, t.Snapshots[t.Selected].Step)]);
        return (next, []);
    }

    /// <summary>Gives the focused text field (an input dialog's, else the search box) its next value.</summary>
    internal static (AppState, Effect[]) EditText(AppState s, Func<TextInput, TextInput> edit) => s.Dialog switch
    {
        InputDialog i => (s with { Dialog = i with { Input = edit(i.Input) } }, []),
        ExportDialog e => (s with { Dialog = e with { Path = edit(e.Path) } }, []),
        // A new filter text: the choice starts again at the first that matches.
        PickerDialog p => (s with { Dialog = p with { Filter = edit(p.Filter), Selected = 0 } }, []),
        _ => SearchBoxUpdate.Edit(s, edit(s.Search.Input)),
    };

    private static (AppState, Effect[]) OnPaste(AppState s, string text)
    {
        if (s.Dialog is not (null or InputDialog or ExportDialog or PickerDialog) || (s.Dialog is null && !s.Search.Editing)) return (s, []);
        var line = Markdown.SessionText.OneLine(text);
        return EditText(s, input => input.Insert(line));
    }

    private static (AppState, Effect[]) OnResize(AppState s, int width, int height) =>
        (Refit(s with { Width = width, Height = height }), []);

    private static (AppState, Effect[]) Resplit(AppState s, PaneSplit split) => (Refit(s with { Split = split }), []);

    /// <summary>After the panes changed size: the selection stays in view and the messages' top stays valid.</summary>
    private static AppState Refit(AppState s) => MessagesUpdate.Refit(SessionListUpdate.KeepSelectionVisible(s));

    private static (AppState, Effect[]) OnTick(AppState s, DateTimeOffset now)
    {
        var next = s with { Now = now };
        var effects = new List<Effect>();
        // Live sessions are polled: the reader picks up appended lines without blocking input.
        if (s.Current is { Liveness: Liveness.Live } current && s.Detail is { Document: { } doc } && s.Detail.Ref == current.Ref)
            effects.Add(new PollLive(current.Ref, doc, ScreenLayout.For(s).DetailTextWidth));
        // A writer that exits leaves its session interrupted: the row says so without a restart.
        var live = s.Sessions.Where(x => x.Liveness == Liveness.Live).Select(x => x.Ref).ToList();
        if (live.Count > 0) effects.Add(new CheckLiveness(live));
        return (next, [.. effects]);
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

    internal static AppState Say(AppState s, string text, StatusKind kind = StatusKind.Info) =>
        s with { Status = new StatusLine(text, kind) };
}
