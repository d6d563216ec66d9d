using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Browser.Runtime;

/// <summary>The effects that change something: each one Core call, reported back in one status line.</summary>
public sealed partial class EffectRunner
{
    private IEnumerable<Msg> RunAction(Effect effect)
    {
        switch (effect)
        {
            case DeleteSessions d:
                yield return Delete(d.Refs);
                break;
            case RestoreFromTrash r:
                {
                    var restored = new List<string>();
                    var failed = new List<string>();
                    foreach (var t in r.Trashed)
                    {
                        try
                        {
                            services.Trash.Restore(t.TrashId, services.Sources.Store(t.Ref.Source));
                            restored.Add(t.Ref.Id);
                        }
                        catch (Exception e) when (e is IOException or InvalidOperationException or KeyNotFoundException)
                        {
                            failed.Add($"{t.Ref.Id}: {e.Message}");
                        }
                    }
                    yield return failed.Count == 0
                        ? new ActionCompleted($"Restored {Plural(restored.Count)} from the trash: {string.Join(", ", restored)}")
                        : new ActionFailed($"Restored {restored.Count}; could not restore {string.Join("; ", failed)}");
                    break;
                }
            case PlanRestore p:
                {
                    var session = services.StoreOf(p.Ref).Find(p.Ref.Id) ?? throw new KeyNotFoundException($"no session {p.Ref.Id}");
                    yield return new RestorePlanned(p.Ref, session.Title, Restorer(p.Ref).Plan(p.Ref.Id, p.Step));
                    break;
                }
            case RestoreSnapshot r:
                {
                    var backup = Restorer(r.Ref).Apply(r.Plan);
                    yield return new ActionCompleted(
                        $"Restored {r.Ref.Id} to step {backup.Step}; what was cut is in {backup.Folder}",
                        new UndoRestore(r.Ref, backup.Name, $"step {backup.Step}"));
                    break;
                }
            case UndoSnapshotRestore u:
                {
                    var restorer = Restorer(u.Ref);
                    var newest = restorer.ListBackups(u.Ref.Id).FirstOrDefault();
                    if (newest?.Name != u.Backup)
                        throw new InvalidOperationException($"{u.Ref.Id} was restored again since ({newest?.Name ?? "no backup left"}); undo from the command line");
                    var undone = restorer.Undo(u.Ref.Id);
                    yield return new ActionCompleted($"Undid the restore of {u.Ref.Id} to step {undone.Step}: every cut message is back");
                    break;
                }
            case MarkCrashed m:
                yield return MarkCrashed(m.Refs);
                break;
            case IgnoreInterrupted i:
                Recovery(i.Ref).Ignore(i.Ref.Id);
                yield return new ActionCompleted($"Will not ask about {i.Ref.Id} again (until it has new activity)", Reload: false, KeepUndo: true);
                break;
            case RenameSession r:
                {
                    string title = SessionNaming.Rename(services.StoreOf(r.Ref), r.Ref.Id, r.Description);
                    yield return new ActionCompleted($"Renamed {r.Ref.Id} to “{title}”", KeepUndo: true);
                    break;
                }
            case ChangeTags t:
                {
                    var change = TagChange.Parse(t.Changes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
                    var tags = SessionNaming.ChangeTags(services.StoreOf(t.Ref), t.Ref.Id, change);
                    yield return new ActionCompleted($"Tags of {t.Ref.Id}: {(tags.Count == 0 ? "none" : string.Join(" ", tags.Select(x => "#" + x)))}", KeepUndo: true);
                    break;
                }
            case ExportSessions e:
                yield return Export(e);
                break;
            default:
                throw new InvalidOperationException($"the browser has no action for {effect.GetType().Name}");
        }
    }

    private static string Plural(int n) => n == 1 ? "1 session" : $"{n} sessions";

    private SnapshotRestorer Restorer(SessionRef r) => new(services.RecordedStoreOf(r, "restoring a snapshot"), services.Clock);

    private SessionRecovery Recovery(SessionRef r) => new(services.RecordedStoreOf(r, "crash recovery"), services.Clock);

    /// <summary>Each session marked crashed; one that cannot be (live again, gone) is reported, the others still are.</summary>
    private Msg MarkCrashed(IReadOnlyList<SessionRef> refs)
    {
        var marked = new List<string>();
        var refused = new List<string>();
        foreach (var r in refs)
        {
            try
            {
                Recovery(r).MarkCrashed(r.Id);
                marked.Add(r.Id);
            }
            catch (Exception e) when (e is LiveSessionException or IOException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
            {
                refused.Add($"{r.Id}: {e.Message}");
            }
        }
        if (marked.Count == 0) return new ActionFailed("Nothing marked crashed: " + string.Join("; ", refused));
        var text = (marked.Count == 1 ? $"Marked {marked[0]} as crashed" : $"Marked {Plural(marked.Count)} as crashed")
                   + (refused.Count > 0 ? $" (kept {string.Join("; ", refused)})" : "");
        return new ActionCompleted(text, KeepUndo: true);
    }

    /// <summary>Each session into the trash; one that cannot go (live, gone) is reported, the others still go.</summary>
    private Msg Delete(IReadOnlyList<SessionRef> refs)
    {
        var trashed = new List<TrashedSession>();
        var refused = new List<string>();
        foreach (var r in refs)
        {
            try
            {
                var entry = services.Trash.DeleteSession(services.StoreOf(r), r.Id);
                trashed.Add(new TrashedSession(r, entry.Title ?? r.Id, entry.Id));
            }
            catch (Exception e) when (e is LiveSessionException or IOException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
            {
                refused.Add($"{r.Id}: {e.Message}");
            }
        }
        if (trashed.Count == 0) return new ActionFailed("Nothing deleted: " + string.Join("; ", refused));
        var text = $"Deleted {Plural(trashed.Count)} to the trash" + (refused.Count > 0 ? $" (kept {string.Join("; ", refused)})" : "");
        return new ActionCompleted(text, new UndoDelete(trashed));
    }

    /// <summary>The export the dialog asked for; a file already there is asked about first (errors go to the status line).</summary>
    private Msg Export(ExportSessions e)
    {
        string path = ExportPath(e.Path);
        if (File.Exists(path) && !e.Replace) return new ExportTargetExists(e, path);
        if (e.Format == ExportFormat.Zip)
        {
            var sources = new List<ExportSource>();
            foreach (var r in e.Refs)
            {
                var native = services.RecordedStoreOf(r, "export to a zip (Tab: Markdown or HTML)");
                var session = native.Find(r.Id) ?? throw new KeyNotFoundException($"no session {r.Id}");
                sources.Add(new ExportSource(r.Id, native.SessionDir(r.Id), session.Description));
            }
            var result = SessionExporter.Export(sources, path, services.Clock, e.Replace);
            return new ActionCompleted($"Exported {Plural(result.Sessions)} to {result.ZipPath}", Reload: false, KeepUndo: true);
        }
        var one = e.Refs.Count == 1 ? e.Refs[0] : throw new InvalidOperationException("a transcript is of one session; choose zip for several");
        var store = services.StoreOf(one);
        var found = store.Find(one.Id) ?? throw new KeyNotFoundException($"no session {one.Id}");
        TranscriptFile.Write(store, found, path, html: e.Format == ExportFormat.Html, e.Replace);
        return new ActionCompleted($"Wrote the {(e.Format == ExportFormat.Html ? "HTML" : "Markdown")} transcript of {one.Id} to {path}", Reload: false, KeepUndo: true);
    }

    /// <summary>The path as typed: "~/" is the home, a relative path is from the folder the browser started in.</summary>
    private string ExportPath(string typed)
    {
        if (typed == "~" || typed.StartsWith("~/", StringComparison.Ordinal))
            typed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), typed.TrimStart('~').TrimStart('/'));
        return Path.GetFullPath(typed, services.CurrentDirectory);
    }

    /// <summary>
    /// The recovery prompt's sessions (the native store's: only it has locks to be left behind),
    /// read from the files, as the lock state must be now. With an index, only the sessions it has as active are read
    /// again (an interrupted session is an active one nobody holds), not every metadata file.
    /// </summary>
    private IReadOnlyList<InterruptedSession> Interrupted(CancellationToken token)
    {
        var active = services.Search.SummariesReady
            ? services.Search.List(new SessionQuery { Status = SessionStatus.Active }, fresh: false, token).ToLookup(m => m.Store, m => m.Session.Id)
            : null;
        if (services.Recorded is not { } native) return [];
        var recovery = new SessionRecovery(native, services.Clock);
        return active is null ? recovery.FindInterrupted(false, token) : recovery.FindInterrupted(active[native], false, token);
    }
}
