using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>The Timeline tab: choosing a snapshot loads its state; R plans a restore and asks first.</summary>
internal static class TimelineUpdate
{
    public static (AppState, Effect[]) OnSnapshot(AppState s, SnapshotLoaded l)
    {
        if (s.Timeline is not { } t || t.Ref != l.Ref) return (s, []);
        return (s with { Timeline = t with { LoadedStep = l.Step, State = l.State, Error = l.Error, StateTop = 0 } }, []);
    }

    public static (AppState, Effect[]) OnCommand(AppState s, Command command, ScreenLayout layout)
    {
        if (s.Timeline is not { } t) return (s, []);
        if (command == Command.RestoreSnapshot)
        {
            if (t.Snapshots.Count == 0) return (App.Say(s, "This session has no snapshots"), []);
            if (s.Current is { Liveness: Liveness.Live }) return (App.Say(s, "The session is live (another process writes it); restore it when it stops", StatusKind.Error), []);
            var step = t.Snapshots[t.Selected].Step;
            return (App.Say(s, $"Working out what a restore to step {step} would cut…"), [new PlanRestore(t.Ref, step)]);
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

    /// <summary>The restore confirmation: exactly what is cut, what stays, and where the cut part is kept.</summary>
    public static (AppState, Effect[]) OnRestorePlanned(AppState s, RestorePlanned p)
    {
        var plan = p.Plan;
        if (plan.ChangesNothing)
            return (App.Say(s, $"Step {plan.Step} is already the latest state: nothing after it to cut"), []);
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
}
