using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>What the keys do to the marked (or selected) sessions: delete, undo, rename, tag, copy the id (export: <see cref="ExportUpdate"/>).</summary>
internal static class SessionActions
{
    /// <summary>The marked sessions, or the selected one when nothing is marked.</summary>
    internal static List<SessionRef> Targets(AppState s)
    {
        if (!s.Marks.IsEmpty)
            return [.. s.Rows.Select(i => s.Sessions[i].Ref).Where(s.Marks.Contains)
                    .Concat(s.Marks.Where(m => !s.Rows.Any(i => s.Sessions[i].Ref == m)))];
        return s.Current is { } c ? [c.Ref] : [];
    }

    public static (AppState, Effect[]) CopyId(AppState s) =>
        s.Current is { } c
            ? (App.Say(s, $"Copying {c.Id}…"), [new CopyToClipboard(c.Id)])
            : (App.Say(s, "No session selected"), []);

    public static (AppState, Effect[]) Delete(AppState s)
    {
        var refs = Targets(s);
        return refs.Count == 0 ? (App.Say(s, "No session selected"), []) : (App.Say(s, "Checking what would be deleted…"), [new PlanDelete(refs)]);
    }

    /// <summary>The delete confirmation: every session that goes with its files, and each one that stays with why.</summary>
    public static (AppState, Effect[]) OnDeletePlanned(AppState s, IReadOnlyList<DeleteItem> items)
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
            // A session kept in a database (opencode) has no files: what goes is its rows.
            if (item.Files.Count == 0)
                foreach (var record in item.Records ?? []) body.Add($"    {Markdown.SessionText.OneLine(record)}");
        }
        foreach (var item in items.Where(i => i.Refusal is not null))
            body.Add($"✗ {item.Title}  ({item.Ref.Id}) stays: {item.Refusal}");
        if (go.Count == 0)
            return (App.Say(s, items.Count == 1 ? $"Cannot delete: {items[0].Refusal}" : "None of the marked sessions can be deleted", StatusKind.Error), []);
        body.Add("");
        body.Add("They move to the trash: u (or `trash restore`) brings them back.");
        var title = go.Count == 1 ? "Delete this session?" : $"Delete these {go.Count} sessions?";
        return (s with { Dialog = new ConfirmDialog(title, body, "Delete", new DeleteSessions([.. go.Select(i => i.Ref)])), Status = null }, []);
    }

    public static (AppState, Effect[]) Undo(AppState s) => s.Undo switch
    {
        UndoDelete d => (App.Say(s with { Undo = null }, "Restoring from the trash…"), [new RestoreFromTrash(d.Trashed)]),
        UndoRestore r => (App.Say(s with { Undo = null }, "Undoing the restore…"), [new UndoSnapshotRestore(r.Ref, r.Backup)]),
        _ => (App.Say(s, "Nothing to undo"), []),
    };

    /// <summary>A live session is written by its agent: an edit is refused before any dialog, as delete does.</summary>
    private static string? RefuseLive(SessionSummary c, string action) =>
        c.Liveness == Liveness.Live ? $"Cannot {action} {c.Id}: it is live (another process holds its lock)" : null;

    public static (AppState, Effect[]) Rename(AppState s)
    {
        if (s.Current is not { } c) return (App.Say(s, "No session selected"), []);
        if (RefuseLive(c, "rename") is { } refusal) return (App.Say(s, refusal, StatusKind.Error), []);
        var text = c.Description ?? "";
        return (s with { Dialog = new InputDialog(InputPurpose.Rename, c.Ref, "Rename session", "Description:", TextInput.At(text)) }, []);
    }

    public static (AppState, Effect[]) EditTags(AppState s)
    {
        if (s.Current is not { } c) return (App.Say(s, "No session selected"), []);
        if (RefuseLive(c, "tag") is { } refusal) return (App.Say(s, refusal, StatusKind.Error), []);
        var prompt = c.Tags.Count == 0 ? "No tags yet. +add -remove:" : $"Tags: {string.Join(" ", c.Tags.Select(t => "#" + t))}. +add -remove:";
        return (s with { Dialog = new InputDialog(InputPurpose.Tags, c.Ref, "Edit tags", prompt, new TextInput()) }, []);
    }
}
