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
            case MarkCrashed m:
                Native(m.Ref).MarkCrashed(m.Ref.Id);
                yield return new ActionCompleted($"Marked {m.Ref.Id} as crashed", KeepUndo: true);
                break;
            case ExportSessions e:
                yield return Export(e.Refs);
                break;
            default:
                yield return new ActionFailed($"{effect.GetType().Name} is not available in this build");
                break;
        }
    }

    private NativeStore Native(SessionRef r) =>
        services.StoreOf(r) as NativeStore ?? throw new InvalidOperationException($"{r.Source} sessions cannot be changed from here");

    private ActionCompleted Export(IReadOnlyList<SessionRef> refs)
    {
        var sources = new List<ExportSource>();
        foreach (var r in refs)
        {
            var native = Native(r);
            var session = native.Find(r.Id) ?? throw new KeyNotFoundException($"no session {r.Id}");
            sources.Add(new ExportSource(r.Id, native.SessionDir(r.Id), session.Description));
        }
        var stamp = services.Clock.GetLocalNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var name = refs.Count == 1 ? $"session-{refs[0].Id}-{stamp}.zip" : $"sessions-{refs.Count}-{stamp}.zip";
        var result = SessionExporter.Export(sources, Path.Combine(services.ExportDirectory, name), services.Clock);
        return new ActionCompleted($"Exported {result.Sessions} session(s) to {result.ZipPath}", Reload: false, KeepUndo: true);
    }

    private IReadOnlyList<InterruptedSession> Interrupted(CancellationToken token)
    {
        var found = new List<InterruptedSession>();
        // Straight from the files, not the index: the lock state must be now, not as last indexed.
        foreach (var store in services.Sources.Stores)
        {
            foreach (var s in store.List(token))
            {
                if (s.Liveness != Liveness.Interrupted || s.Damaged is not null) continue;
                var latest = store.ListSnapshots(s.Id).LastOrDefault();
                var holder = store is NativeStore native ? native.ProbeLock(s.Id).LastHolder?.ToString() : null;
                found.Add(new InterruptedSession(s.Ref, s.Title, s.LastActive, s.Progress, s.CurrentTask, latest?.Step, holder));
            }
        }
        return found;
    }
}
