using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// Every session for the commands that look at all of them at once (stats, cleanup): from the
/// search index, brought in line with the files first (after the first run that only stats
/// them), instead of reading thousands of metadata files on each run. Whether a session is live
/// or interrupted is a matter of this moment, not of the cache: sessions whose status is active,
/// and native sessions whose lock is held now, are read again.
/// </summary>
internal static class IndexedSessions
{
    public static List<SessionMatch> Load(CliContext context, SessionSources sources)
    {
        var search = new SessionSearch(sources.Stores, new SearchOptions { CacheDirectory = context.Host.CacheDirectory });
        search.Reconcile(ReconcileScope.Summaries);
        if (search.Notice is { } notice) context.Error.WriteLine(notice);
        var sessions = new List<SessionMatch>();
        foreach (var match in search.List(fresh: false))
        {
            if (!MayHaveChanged(match)) sessions.Add(match);
            else if (match.Store.Find(match.Session.Id) is { } current) sessions.Add(match with { Session = current });
        }
        return sessions;
    }

    private static bool MayHaveChanged(SessionMatch match) =>
        match.Session.Status == SessionStatus.Active
        || match.Session.Liveness != Liveness.Idle
        || (match.Store is NativeStore native && native.ProbeLock(match.Session.Id).Held);
}
