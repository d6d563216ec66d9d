using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// Every session for the commands that look at all of them at once (stats, cleanup): from the
/// search index, brought in line with the files first (after the first run that only stats
/// them), instead of reading thousands of metadata files on each run; live or interrupted
/// sessions are read again (<see cref="CachedSources.List(bool, CancellationToken)"/> with fresh).
/// </summary>
internal static class IndexedSessions
{
    public static List<SessionMatch> Load(CliContext context, SessionSources sources)
    {
        var search = new CachedSources(sources, new SearchOptions { CacheDirectory = context.Host.CacheDirectory });
        if (search.Notice is { } notice) context.Error.WriteLine(notice);
        return [.. search.List(fresh: true)];
    }

    /// <summary>
    /// <see cref="Load"/> for a command that may move most of the sessions away (cleanup): a store
    /// never indexed is read in one quick pass and not written (writing 10,000 rows that are about
    /// to go cost more than the pass); the caller calls <c>WriteIndex</c> when it moved nothing.
    /// </summary>
    public static (List<SessionMatch> Sessions, Action WriteIndex) LoadBeforeIndexing(CliContext context, SessionSources sources)
    {
        var search = new CachedSources(sources, new SearchOptions { CacheDirectory = context.Host.CacheDirectory });
        if (search.Notice is { } notice) context.Error.WriteLine(notice);
        var (sessions, writeIndex) = search.ListBeforeIndexing();
        return ([.. sessions], writeIndex);
    }
}
