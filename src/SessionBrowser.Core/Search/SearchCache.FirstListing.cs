using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// A store's sessions read in one quick pass, before anything is written: what a first list
/// shows (issue 16, cold paths), then hands to <see cref="SearchCache.WriteFirstListing"/> so
/// the index is filled without reading a file again.
/// </summary>
public sealed class FirstListing
{
    internal FirstListing(Dictionary<string, SessionStamp> stamps, Dictionary<string, SessionSummary> summaries, string fingerprint)
    {
        Stamps = stamps;
        Summaries = summaries;
        Fingerprint = fingerprint;
    }

    internal Dictionary<string, SessionStamp> Stamps { get; }
    internal Dictionary<string, SessionSummary> Summaries { get; }
    internal string Fingerprint { get; }

    /// <summary>Every session read, in no order.</summary>
    public IEnumerable<SessionSummary> Sessions => Summaries.Values;
}

public sealed partial class SearchCache
{
    /// <summary>
    /// For an index that has never been filled: the stamps, then every session's summary read at
    /// once on two workers (stamps first, so a file changed meanwhile is read again next time;
    /// a store that stamps as it reads takes each stamp just before the read), nothing written.
    /// Null when the index has been filled once: a reconcile is the quick way then.
    /// </summary>
    /// <param name="newest">
    /// Called first with the summaries of the most recently written sessions (a screenful, by their
    /// metadata's time), read before the others: a screen can show them while the rest is read.
    /// </param>
    public FirstListing? ReadFirstListing(CancellationToken cancellationToken = default, Action<IReadOnlyCollection<SessionSummary>>? newest = null)
    {
        if (IsReady(ReconcileScope.Summaries)) return null;
        HashSet<string> titles;
        using (var connection = _db.Connect()) titles = TitleFromMessages(connection);
        // Nothing to show early: each session is stamped as it is read, with no pass of stamps
        // first (that pass is what orders the reading newest first for a screen).
        if (newest is null && Store is IStampedListing stamping) return StampedAsRead(stamping.ReadStamped(titles, cancellationToken));
        var (stamps, listed) = CurrentStamps(titles, cancellationToken);
        if (listed is null)
        {
            listed = ReadAll(stamps.Values, newest, out var titleSources, cancellationToken);
            // The messages files titles were read from, stamped as they were read: the row keeps
            // that stamp, and the next run stamps the same files (its fingerprint then matches).
            foreach (var (id, messages) in titleSources) stamps[id] = stamps[id] with { Messages = messages };
        }
        return new FirstListing(stamps, listed, Fingerprint(stamps.Values));
    }

    private static FirstListing StampedAsRead(IReadOnlyList<StampedSummary> read)
    {
        var stamps = new Dictionary<string, SessionStamp>(read.Count, StringComparer.Ordinal);
        var summaries = new Dictionary<string, SessionSummary>(read.Count, StringComparer.Ordinal);
        foreach (var (stamp, summary) in read)
        {
            stamps[stamp.Id] = stamp;
            if (summary is not null) summaries[stamp.Id] = summary;
        }
        return new FirstListing(stamps, summaries, Fingerprint(stamps.Values));
    }

    /// <summary>
    /// Writes a <see cref="ReadFirstListing"/> into the index as a reconcile of the summaries would,
    /// taking its summaries instead of reading them; a session another process indexed meanwhile
    /// is compared by its stamps as usual.
    /// </summary>
    public ReconcileReport WriteFirstListing(FirstListing listing, IProgress<ReconcileProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var connection = _db.Connect();
            return Write(connection, ReconcileScope.Summaries, listing.Stamps, listing.Summaries, listing.Fingerprint, progress, cancellationToken, oneCommit: true)
                with { Elapsed = clock.Elapsed };
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (IndexDatabase.IsDamage(e))
        {
            Rebuild();
            using var connection = _db.Connect();
            return Write(connection, ReconcileScope.Summaries, listing.Stamps, listing.Summaries, listing.Fingerprint, progress, cancellationToken, oneCommit: true)
                with { Elapsed = clock.Elapsed };
        }
    }

    /// <summary>
    /// Each session's summary, two at a time (on a cold disk cache the reads overlap), the newest
    /// screenful first (see <see cref="ReadFirstListing"/>); one gone meanwhile is left out.
    /// </summary>
    /// <param name="titleSources">The messages files a finder stamped as it read titles from them (see <see cref="ISessionFinder.Find"/>).</param>
    private Dictionary<string, SessionSummary> ReadAll(IEnumerable<SessionStamp> stamps, Action<IReadOnlyCollection<SessionSummary>>? newest,
        out Dictionary<string, FileStamp> titleSources, CancellationToken cancellationToken)
    {
        var all = stamps.OrderByDescending(s => s.Head.LastWriteTicks).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToArray();
        var read = new SessionSummary?[all.Length];
        var messages = new FileStamp?[all.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken };
        int first = newest is null ? 0 : Math.Min(FirstCommit, all.Length);
        using var finder = (Store as IBatchFind)?.OpenFinder();
        void Read(int i)
        {
            if (finder is null) read[i] = Store.Find(all[i]);
            else read[i] = finder.Find(all[i], out messages[i]);
        }
        Parallel.For(0, first, options, Read);
        newest?.Invoke([.. read.Take(first).OfType<SessionSummary>()]);
        Parallel.For(first, all.Length, options, Read);
        var summaries = new Dictionary<string, SessionSummary>(all.Length, StringComparer.Ordinal);
        titleSources = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        for (int i = 0; i < all.Length; i++)
        {
            if (read[i] is not { } summary) continue;
            summaries[all[i]] = summary;
            if (messages[i] is { } stamp) titleSources[all[i]] = stamp;
        }
        return summaries;
    }
}
