using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

public static partial class App
{
    /// <summary>The binding context: the too-small screen, the open dialog, the search box, else the focused pane.</summary>
    public static KeyContext ContextOf(AppState s) =>
        ScreenLayout.Of(s.Width, s.Height).TooSmall ? KeyContext.TooSmall
        : s.Dialog switch
        {
            HelpDialog => KeyContext.Help,
            ConfirmDialog => KeyContext.Confirm,
            RecoveryDialog => KeyContext.Recovery,
            InputDialog => KeyContext.InputDialog,
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
        if (command == Command.Redraw) return (s, [new RedrawAll()]);
        var context = ContextOf(s);
        switch (context)
        {
            case KeyContext.TooSmall: return command == Command.Quit ? Quit(s) : (s, []);
            case KeyContext.Help or KeyContext.Confirm or KeyContext.Recovery or KeyContext.InputDialog or KeyContext.Stats:
                return DialogCommand(s, s.Dialog!, command);
            case KeyContext.Search:
                if (command == Command.Quit) return Quit(s);
                return EditOf(command) is { } edit ? EditText(s, input => input.Apply(edit)) : SearchCommand(s, command);
        }

        var layout = ScreenLayout.Of(s.Width, s.Height);
        switch (command)
        {
            case Command.Help: return (s with { Dialog = new HelpDialog() }, []);
            case Command.Quit: return Quit(s);
            case Command.ShowMessages: return ShowTab(s, DetailTab.Messages);
            case Command.ShowTimeline: return ShowTab(s, DetailTab.Timeline);
            case Command.ShowInfo: return ShowTab(s, DetailTab.Info);
            case Command.NextTab: return ShowTab(s, (DetailTab)(((int)s.Tab + 1) % 3));
            case Command.PrevTab: return ShowTab(s, (DetailTab)(((int)s.Tab + 2) % 3));
            case Command.Search:
                return (s with { Focus = Focus.List, Search = s.Search with { Editing = true, Input = TextInput.At(s.Search.Query) } }, []);
            case Command.CopyId:
                return s.Current is { } c
                    ? (Say(s, $"Copied {c.Id} to the clipboard", StatusKind.Success), [new CopyToClipboard(c.Id)])
                    : (Say(s, "No session selected"), []);
            case Command.Undo: return Undo(s);
            case Command.Stats: return (s with { Dialog = new StatsDialog() }, [new LoadStats()]);
            case Command.Delete: return Delete(s);
            case Command.Rename: return Rename(s);
            case Command.EditTags: return EditTags(s);
            case Command.Export:
                return Targets(s) is { Count: > 0 } refs ? (Say(s, $"Exporting {refs.Count} session(s)…"), [new ExportSessions(refs)]) : (Say(s, "No session selected"), []);
            case Command.FocusList: return (s with { Focus = Focus.List }, []);
            case Command.FocusDetail:
                return s.Current is null ? (s, []) : (s with { Focus = Focus.Detail }, []);
            case Command.ReviewInterrupted: return ReviewInterrupted(s);
            case Command.NextMatch: return JumpMatch(s, +1);
            case Command.PrevMatch: return JumpMatch(s, -1);
        }

        return context switch
        {
            KeyContext.List => ListCommand(s, command, layout),
            KeyContext.Messages => MessagesCommand(s, command, layout),
            KeyContext.Timeline => TimelineCommand(s, command, layout),
            KeyContext.Info => InfoCommand(s, command, layout),
            _ => (s, []),
        };
    }

    private static (AppState, Effect[]) Quit(AppState s) =>
        (s with { Outcome = s.Options.PickMode ? new CancelOutcome() : new QuitOutcome() }, []);

    private static (AppState, Effect[]) ShowTab(AppState s, DetailTab tab)
    {
        var next = s with { Tab = tab, Focus = s.Current is null ? s.Focus : Focus.Detail };
        if (tab == DetailTab.Timeline && next.Timeline is { Snapshots.Count: > 0 } t && t.LoadedStep is null)
            return (next, [new LoadSnapshot(t.Ref, t.Snapshots[t.Selected].Step)]);
        return (next, []);
    }

    private static (AppState, Effect[]) ListCommand(AppState s, Command command, ScreenLayout layout)
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
                    ? (Say(s with { Marks = [.. s.Rows.Select(i => s.Sessions[i].Ref)] }, $"Marked {s.Rows.Count} session(s)"), [])
                    : (Say(s with { Marks = [] }, "Marks cleared"), []);
            case Command.CycleSort:
                return Reorder(s with { Sort = (SortKey)(((int)s.Sort + 1) % 5) }, $"Sorted by {SessionRows.SortLabel((SortKey)(((int)s.Sort + 1) % 5))}");
            case Command.ReverseSort: return Reorder(s with { Reverse = !s.Reverse }, s.Reverse ? "Normal order" : "Reversed order");
            case Command.CycleStatusFilter:
                {
                    int at = s.StatusFilter is null ? -1 : Badges.All.ToList().IndexOf(s.StatusFilter);
                    var next = at + 1 < Badges.All.Count ? Badges.All[at + 1] : null;
                    return Reorder(s with { StatusFilter = next }, next is null ? "Showing every status" : $"Showing {next} sessions");
                }
            case Command.CycleTagFilter:
                {
                    var tags = s.Sessions.SelectMany(x => x.Tags).Distinct().Order(StringComparer.Ordinal).ToList();
                    if (tags.Count == 0) return (Say(s, "No session has tags"), []);
                    int at = s.TagFilter is null ? -1 : tags.IndexOf(s.TagFilter);
                    var next = at + 1 < tags.Count ? tags[at + 1] : null;
                    return Reorder(s with { TagFilter = next }, next is null ? "Showing every tag" : $"Showing tag #{next}");
                }
            case Command.ToggleScope:
                {
                    var scope = s.Scope == Scope.All ? Scope.WorkDir : Scope.All;
                    return Reorder(s with { Scope = scope }, scope == Scope.All ? "Showing every work dir" : $"Showing sessions in {s.Options.CurrentDirectory}");
                }
            case Command.ClearFilters:
                if (s.Search.Query.Length > 0) return ClearSearch(s);
                if (!s.Marks.IsEmpty) return (Say(s with { Marks = [] }, "Marks cleared"), []);
                if (s.StatusFilter is not null || s.TagFilter is not null || s.Scope != Scope.All)
                    return Reorder(s with { StatusFilter = null, TagFilter = null, Scope = Scope.All }, "Filters cleared");
                // Esc never quits: it was the commonest accidental exit. Pick mode keeps fzf's Esc = cancel.
                return s.Options.PickMode ? Quit(s) : (Say(s, "Nothing to clear; q quits"), []);
        }
        return (s, []);
    }

    private static (AppState, Effect[]) Reorder(AppState s, string status)
    {
        var next = Recompute(s, s.Current?.Ref);
        return WithPreview(Say(next, status));
    }

    /// <summary>Moves the list selection (clamped) and opens the newly selected session.</summary>
    public static (AppState State, Effect[] Effects) Select(AppState s, int index)
    {
        if (s.Rows.Count == 0) return (s, []);
        var next = KeepSelectionVisible(s with { Selected = Math.Clamp(index, 0, s.Rows.Count - 1) });
        return WithPreview(next);
    }

    private static (AppState, Effect[]) Resume(AppState s)
    {
        if (s.Current is not { } c) return (Say(s, "No session selected"), []);
        if (s.Options.PickMode) return (s with { Outcome = new PickedOutcome(c.Ref) }, []);
        if (HasPendingHit(s)) return (OpenHit(s), []);
        if (c.Damaged is not null) return (Say(s, $"{c.Id} is damaged ({c.Damaged}); it cannot be resumed", StatusKind.Error), []);
        return (s with { Outcome = new ResumeOutcome(c.Ref) }, []);
    }

    /// <summary>The selected row is a search hit inside a message that Enter has not opened yet.</summary>
    private static bool HasPendingHit(AppState s) =>
        s.Search.IsActive && s.Current is { } c && s.OpenedHit != c.Ref && s.Detail is { JumpTo: not null } d && d.Ref == c.Ref;

    /// <summary>Enter on a search hit: the messages pane, at the hit (the preview already scrolled there); the next Enter from the list resumes.</summary>
    private static AppState OpenHit(AppState s) =>
        s with { Focus = Focus.Detail, Tab = DetailTab.Messages, OpenedHit = s.Current!.Ref, Search = s.Search with { Editing = false } };

    /// <summary>The marked sessions, or the selected one when nothing is marked.</summary>
    private static List<SessionRef> Targets(AppState s)
    {
        if (!s.Marks.IsEmpty)
            return [.. s.Rows.Select(i => s.Sessions[i].Ref).Where(s.Marks.Contains)
                    .Concat(s.Marks.Where(m => !s.Rows.Any(i => s.Sessions[i].Ref == m)))];
        return s.Current is { } c ? [c.Ref] : [];
    }

    private static (AppState, Effect[]) Delete(AppState s)
    {
        var refs = Targets(s);
        return refs.Count == 0 ? (Say(s, "No session selected"), []) : (Say(s, "Checking what would be deleted…"), [new PlanDelete(refs)]);
    }

    private static (AppState, Effect[]) OnDeletePlanned(AppState s, IReadOnlyList<DeleteItem> items)
    {
        var go = items.Where(i => i.Refusal is null).ToList();
        var body = new List<string>();
        foreach (var item in go)
        {
            body.Add($"• {Markdown.SessionText.OneLine(item.Title)}  ({item.Ref.Id})");
            // The native store moves the whole folder; other sources list the exact files.
            foreach (var file in item.Files.Take(4))
                body.Add($"    {file}{(file == item.Path ? "  (the whole folder)" : "")}");
            if (item.Files.Count > 4) body.Add($"    … and {item.Files.Count - 4} more file(s)");
        }
        foreach (var item in items.Where(i => i.Refusal is not null))
            body.Add($"✗ {item.Title}  ({item.Ref.Id}) stays: {item.Refusal}");
        if (go.Count == 0)
            return (Say(s, items.Count == 1 ? $"Cannot delete: {items[0].Refusal}" : "None of the marked sessions can be deleted", StatusKind.Error), []);
        body.Add("");
        body.Add("They move to the trash: u (or `trash restore`) brings them back.");
        var title = go.Count == 1 ? "Delete this session?" : $"Delete these {go.Count} sessions?";
        return (s with { Dialog = new ConfirmDialog(title, body, "Delete", new DeleteSessions([.. go.Select(i => i.Ref)])), Status = null }, []);
    }

    /// <summary>The restore confirmation: exactly what is cut, what stays, and where the cut part is kept.</summary>
    private static (AppState, Effect[]) OnRestorePlanned(AppState s, RestorePlanned p)
    {
        var plan = p.Plan;
        if (plan.ChangesNothing)
            return (Say(s, $"Step {plan.Step} is already the latest state: nothing after it to cut"), []);
        var body = new List<string> { $"{p.Title}  ({p.Ref.Id})", $"Snapshot step {plan.Step}, taken {plan.SnapshotTimestamp}", "" };
        if (plan.CutMessages + plan.CutDamagedLines > 0)
        {
            body.Add($"Cuts {plan.CutMessages} message(s){(plan.CutDamagedLines > 0 ? $" and {plan.CutDamagedLines} unreadable line(s)" : "")} written after the snapshot;");
            body.Add($"keeps the {plan.KeptMessages} before it.");
            if (plan.FirstCutMessage is { } first)
                body.Add($"The first cut: {MessageLayout.RoleLabel(first.Role)} at {first.Timestamp}: “{Markdown.SessionText.OneLine(first.Content)}”");
        }
        else body.Add($"Cuts no messages (all {plan.KeptMessages} are from before the snapshot).");
        if (plan.RemovedSnapshotSteps.Count > 0)
            body.Add($"Removes the later snapshot(s): step {string.Join(", ", plan.RemovedSnapshotSteps)}.");
        body.Add("");
        body.Add("Everything cut is kept in:");
        body.Add("  " + plan.BackupFolder);
        body.Add("u undoes the restore afterwards.");
        return (s with { Dialog = new ConfirmDialog($"Restore to step {plan.Step}?", body, "Restore", new RestoreSnapshot(p.Ref, plan)), Status = null }, []);
    }

    private static (AppState, Effect[]) Undo(AppState s) => s.Undo switch
    {
        UndoDelete d => (Say(s with { Undo = null }, "Restoring from the trash…"), [new RestoreFromTrash(d.Trashed)]),
        UndoRestore r => (Say(s with { Undo = null }, "Undoing the restore…"), [new UndoSnapshotRestore(r.Ref, r.Backup)]),
        _ => (Say(s, "Nothing to undo"), []),
    };

    private static (AppState, Effect[]) Rename(AppState s)
    {
        if (s.Current is not { } c) return (Say(s, "No session selected"), []);
        var text = c.Description ?? "";
        return (s with { Dialog = new InputDialog(InputPurpose.Rename, c.Ref, "Rename session", "Description:", TextInput.At(text)) }, []);
    }

    private static (AppState, Effect[]) EditTags(AppState s)
    {
        if (s.Current is not { } c) return (Say(s, "No session selected"), []);
        var prompt = c.Tags.Count == 0 ? "No tags yet. +add -remove:" : $"Tags: {string.Join(" ", c.Tags.Select(t => "#" + t))}. +add -remove:";
        return (s with { Dialog = new InputDialog(InputPurpose.Tags, c.Ref, "Edit tags", prompt, new TextInput()) }, []);
    }

    private static (AppState, Effect[]) JumpMatch(AppState s, int direction)
    {
        if (s.Detail is not { } d || d.Highlight is null) return (Say(s, "Search with / first; n and N then jump between matches"), []);
        if (d.Matches is null) return (Say(s, "Still looking for matches…"), []);
        if (d.Matches.Count == 0) return (Say(s, "No match in this session's messages"), []);
        if (d.Document is not { } doc) return (s, []);
        int cursor = d.MatchCursor < 0 ? (direction > 0 ? 0 : d.Matches.Count - 1)
                   : (d.MatchCursor + direction + d.Matches.Count) % d.Matches.Count;
        int message = d.Matches[cursor];
        var layout = ScreenLayout.Of(s.Width, s.Height);
        if (MessageLayout.IsCollapsed(d, doc, message, layout.DetailTextWidth)) d = d with { Toggled = d.Toggled.Add(message) };
        var detail = d with
        {
            MatchCursor = cursor,
            SelectedMessage = message,
            Top = DetailScroll.TopOf(d, doc, message, layout.DetailTextWidth, layout.DetailBody.Height),
            Follow = false,
        };
        return (Say(s with { Detail = detail, Tab = DetailTab.Messages }, $"Match {cursor + 1} of {d.Matches.Count} (message #{message + 1})"), []);
    }

    private static (AppState, Effect[]) MessagesCommand(AppState s, Command command, ScreenLayout layout)
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
                    if (!MessageLayout.IsCollapsible(doc, m, width)) return (Say(s, "This message is short; nothing to collapse"), []);
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
                    return (Say(s with { Detail = next }, next.ExpandAll ? "All messages expanded" : "Tool output and long messages collapsed"), []);
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

    private static (AppState, Effect[]) TimelineCommand(AppState s, Command command, ScreenLayout layout)
    {
        if (s.Timeline is not { } t) return (s, []);
        if (command == Command.RestoreSnapshot)
        {
            if (t.Snapshots.Count == 0) return (Say(s, "This session has no snapshots"), []);
            if (s.Current is { Liveness: Liveness.Live }) return (Say(s, "The session is live (another process writes it); restore it when it stops", StatusKind.Error), []);
            var step = t.Snapshots[t.Selected].Step;
            return (Say(s, $"Working out what a restore to step {step} would cut…"), [new PlanRestore(t.Ref, step)]);
        }
        int page = Math.Max(1, layout.DetailBody.Height / 2);
        int selected = command switch
        {
            Command.MoveDown => t.Selected + 1,
            Command.MoveUp => t.Selected - 1,
            Command.First => 0,
            Command.Last => t.Snapshots.Count - 1,
            _ => t.Selected,
        };
        if (command is Command.PageDown or Command.PageUp)
            return (s with { Timeline = t with { StateTop = Math.Max(0, t.StateTop + (command == Command.PageDown ? page : -page)) } }, []);
        selected = Math.Clamp(selected, 0, Math.Max(0, t.Snapshots.Count - 1));
        if (selected == t.Selected || t.Snapshots.Count == 0) return (s, []);
        return (s with { Timeline = t with { Selected = selected, StateTop = 0 } }, [new LoadSnapshot(t.Ref, t.Snapshots[selected].Step)]);
    }

    private static (AppState, Effect[]) InfoCommand(AppState s, Command command, ScreenLayout layout) => command switch
    {
        Command.MoveDown => (s with { InfoTop = s.InfoTop + 1 }, []),
        Command.MoveUp => (s with { InfoTop = Math.Max(0, s.InfoTop - 1) }, []),
        _ => (s, []),
    };
}
