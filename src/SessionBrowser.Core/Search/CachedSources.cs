using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>Where the index lives and whether to use one at all.</summary>
public sealed record SearchOptions
{
    /// <summary>Null: <see cref="CacheLocation.DefaultCacheDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>False: never touch SQLite, always scan the files.</summary>
    public bool UseIndex { get; init; } = true;
}

/// <summary>
/// The one search and listing call for the command line and the browser, over every source.
/// Each store gets its own index (<see cref="SearchCache"/>); a store whose index cannot be
/// opened, or has never been fully built, is scanned instead, so results are always there and
/// only speed differs. <see cref="Notice"/> says so in one line.
/// <para>
/// The browser: show <see cref="List"/> with <c>fresh: false</c> at once, run
/// <see cref="Reconcile"/> in the background, report its <see cref="ReconcileReport.Describe"/>,
/// list again. Each keystroke: <c>Search(QueryParser.Parse(text, asYouType: true) with { HitsPerSession = 1 })</c>.
/// </para>
/// </summary>
public sealed class CachedSources
{
    private readonly List<(ISessionStore Store, SearchCache? Index)> _sources = [];
    private readonly List<string> _notices = [];
    private readonly ProjectFolder? _project;

    /// <summary>The sources' stores, kept to their <see cref="SessionSources.Project"/> folder when it has one.</summary>
    public CachedSources(SessionSources sources, SearchOptions? options = null) : this(sources.Stores, options, sources.Project) { }

    /// <summary><paramref name="project"/>: list, search and find only the sessions of that folder (<c>--project</c>).</summary>
    public CachedSources(IEnumerable<ISessionStore> stores, SearchOptions? options = null, ProjectFolder? project = null)
    {
        options ??= new SearchOptions();
        _project = project;
        foreach (var store in stores)
        {
            SearchCache? index = null;
            if (options.UseIndex)
            {
                try
                {
                    index = SearchCache.Open(store, options.CacheDirectory);
                }
                catch (IndexUnavailableException e)
                {
                    _notices.Add($"search index unavailable ({e.Message}); scanning {store.Source} files instead, which is slower");
                }
            }
            _sources.Add((store, index));
        }
    }

    public IReadOnlyList<ISessionStore> Stores => [.. _sources.Select(s => s.Store)];

    /// <summary>One line for the user when an index could not be used; null when all is well.</summary>
    public string? Notice
    {
        get
        {
            lock (_notices) return _notices.Count == 0 ? null : string.Join("; ", _notices.Distinct());
        }
    }

    /// <summary>The store's index, or null when it is scanned instead.</summary>
    public SearchCache? IndexOf(ISessionStore store) => _sources.FirstOrDefault(s => ReferenceEquals(s.Store, store)).Index;

    /// <summary>
    /// Brings every index in line with the files (see <see cref="SearchCache.Reconcile"/>), all
    /// stores at once: each has its own database, so one store's reading overlaps another's
    /// writing on the second core. The report sums them; so does the progress, reported one at a
    /// time. Stores without an index have nothing to do.
    /// </summary>
    public ReconcileReport Reconcile(ReconcileScope scope = ReconcileScope.Everything, IProgress<ReconcileProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var indexed = _sources.Where(s => s.Index is not null).ToList();
        var combined = progress is null ? null : new CombinedProgress(progress, indexed.Count);
        var reports = Together(indexed.Select((source, i) => (Func<ReconcileReport?>)(
            () => ReconcileOne(source.Store, source.Index!, scope, combined?.Part(i), cancellationToken))).ToList(), cancellationToken);
        var total = new ReconcileReport(0, 0, 0, 0, TimeSpan.Zero);
        foreach (var report in reports.OfType<ReconcileReport>())
        {
            total = new ReconcileReport(total.Added + report.Added, total.Updated + report.Updated, total.Removed + report.Removed,
                total.Unchanged + report.Unchanged, total.Elapsed > report.Elapsed ? total.Elapsed : report.Elapsed); // they ran at once
        }
        return total;
    }

    /// <summary>
    /// Runs each piece of work on a thread of its own (a reconcile can take minutes; the pool's
    /// threads stay free) and waits for all of them, so nothing keeps writing behind a caller that
    /// thinks it is done; then the first failure is rethrown as itself, not as an AggregateException.
    /// </summary>
    private static List<T> Together<T>(IReadOnlyList<Func<T>> work, CancellationToken cancellationToken)
    {
        var tasks = work.Select(w => Task.Factory.StartNew(w, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            // Rethrown below by GetResult, unwrapped.
        }
        return [.. tasks.Select(task => task.GetAwaiter().GetResult())];
    }

    /// <summary>One store's reconcile; null when its database is busy (the notice says so).</summary>
    private ReconcileReport? ReconcileOne(ISessionStore store, SearchCache index, ReconcileScope scope, IProgress<ReconcileProgress>? progress,
        CancellationToken cancellationToken) =>
        Guard(store, () => index.Reconcile(scope, progress, cancellationToken));

    /// <summary>One store's writing into its index; null when its database is busy (the notice says so).</summary>
    private ReconcileReport? Guard(ISessionStore store, Func<ReconcileReport> write)
    {
        try
        {
            return write();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 5 /* BUSY */ or 6 /* LOCKED */)
        {
            // A source's own database (opencode.db) held by its agent, or the index by another process:
            // this store is searched as last indexed, the others as usual.
            lock (_notices) _notices.Add($"{store.Source} is busy (another process holds its database); its sessions are as last indexed");
            return null;
        }
    }

    /// <summary>The stores' progress as one: done, total and visible summed over the stores, reported under a lock.</summary>
    private sealed class CombinedProgress(IProgress<ReconcileProgress> target, int parts)
    {
        private readonly ReconcileProgress[] _parts = new ReconcileProgress[parts];

        public IProgress<ReconcileProgress> Part(int index) => new Reporter(this, index);

        private void Report(int index, ReconcileProgress value)
        {
            lock (_parts)
            {
                _parts[index] = value;
                target.Report(new ReconcileProgress(_parts.Sum(p => p.Done), _parts.Sum(p => p.Total), _parts.Sum(p => p.Visible)));
            }
        }

        private sealed class Reporter(CombinedProgress combined, int index) : IProgress<ReconcileProgress>
        {
            public void Report(ReconcileProgress value) => combined.Report(index, value);
        }
    }

    /// <summary>Hits for the query from every store, best first. Stores whose index is not built yet are scanned.</summary>
    public SearchResults Search(SearchQuery query, CancellationToken cancellationToken = default)
    {
        if (query.IsEmpty) return SearchResults.Empty;
        var hits = new List<SearchHit>();
        var scanned = new List<ISessionStore>();
        bool usedIndex = false, truncated = false;
        foreach (var (store, index) in _sources)
        {
            if (index is not null && index.IsReady(ReconcileScope.Everything))
            {
                var (found, cut) = query.Statuses.Any(SessionStatus.OfTheMoment.Contains)
                    ? index.SearchRanked(query with { Statuses = [] }, InStateNow(store, index, query.Statuses, cancellationToken), cancellationToken)
                    : index.SearchRanked(query, InProject(store, index, cancellationToken), cancellationToken);
                truncated |= cut;
                hits.AddRange(store is IMomentarySummaries momentary ? found.Select(Now(momentary)) : found);
                usedIndex = true;
            }
            else scanned.Add(store);
        }
        if (scanned.Count > 0) hits.AddRange(ScanSearch.Search(scanned, query, _project, cancellationToken));
        string? notice = Notice;
        if (scanned.Any(store => IndexOf(store) is not null))
            notice = "the search index is still being built; searched the files directly";
        else if (truncated)
            notice = $"more than {SearchCache.RankWindow:N0} messages match: the newest {SearchCache.RankWindow:N0} were ranked (add words or filters to narrow)";
        return new SearchResults(_sources.Count == 1 ? hits : HitSelection.Take(hits, query), usedIndex, notice);
    }

    /// <summary>A hit from the index with its session's values of the moment (see <see cref="IMomentarySummaries"/>).</summary>
    private static Func<SearchHit, SearchHit> Now(IMomentarySummaries store)
    {
        var atThisMoment = store.AtThisMoment();
        return hit => hit with { Session = atThisMoment(hit.Session) };
    }

    /// <summary>
    /// The ids of the store's sessions in the project folder, for the index to search within (in
    /// SQL, so the limit counts only them and no match is lost); null without a project.
    /// </summary>
    private IReadOnlyCollection<string>? InProject(ISessionStore store, SearchCache index, CancellationToken cancellationToken) =>
        _project is null ? null : [.. index.Rows(null, cancellationToken).Where(_project.RuleFor(store)).Select(s => s.Id)];

    /// <summary>
    /// The ids of the store's sessions (in the project folder, if any) that one of the status words
    /// describes now. Whether a session is live, interrupted or damaged is a matter of the moment
    /// (a lock held, a file that no longer reads), which the index's stored status cannot say: the
    /// index's rows are brought to this moment as a list is, and the search runs within them.
    /// </summary>
    private List<string> InStateNow(ISessionStore store, SearchCache index, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var sessions = index.Rows(null, cancellationToken);
        if (store is IMomentarySummaries momentary) sessions = sessions.Select(momentary.AtThisMoment());
        if (_project is not null) sessions = sessions.Where(_project.RuleFor(store));
        return [.. sessions.Select(s => Current(store, s)).OfType<SessionSummary>()
            .Where(s => words.Any(word => SessionStatus.Describes(word, s))).Select(s => s.Id)];
    }

    /// <summary>Convenience for a typed query.</summary>
    public SearchResults Search(string text, int limit = 50, CancellationToken cancellationToken = default)
    {
        var query = QueryParser.Parse(text) with { Limit = limit };
        if (query.Problems.Count > 0) throw new ArgumentException(query.Problems[0], nameof(text));
        return Search(query, cancellationToken);
    }

    /// <summary>
    /// The sessions of every store that fit <paramref name="query"/> (all when null), most
    /// recently active first (unknown times last, then id), served by the indexes and read lazily:
    /// taking 50 of 10,000 reads 50. <paramref name="fresh"/>: first reconcile the session table
    /// with the files (the first run reads every metadata file once; later runs only list and
    /// stat), and re-read each session handed out whose live/interrupted state may have changed
    /// since (see <see cref="Current"/>) — what the command line wants. Without it: what the index
    /// has now, instantly, even while a first indexing is still filling it (see
    /// <see cref="SummariesReady"/>); a screen shows that, reconciles in the background, then lists
    /// again. Stores without an index are listed directly.
    /// </summary>
    public IEnumerable<SessionMatch> List(SessionQuery? query, bool fresh = true, CancellationToken cancellationToken = default) =>
        ListMatching(query, fresh, cancellationToken);

    /// <summary>Every session, as <see cref="List(SessionQuery?, bool, CancellationToken)"/> without a filter.</summary>
    public IEnumerable<SessionMatch> List(bool fresh = true, CancellationToken cancellationToken = default) =>
        ListMatching(null, fresh, cancellationToken);

    /// <summary>Whether every index has been filled once, so <c>List(fresh: false)</c> shows every session (stale at worst).</summary>
    public bool SummariesReady => _sources.All(s => s.Index is null || s.Index.IsReady(ReconcileScope.Summaries));

    /// <summary>
    /// <see cref="List(SessionQuery?, bool, CancellationToken)"/> as the files are now, for a first
    /// screen: a store whose index was never filled is read in one quick pass (every summary, no
    /// writing), <paramref name="show"/> gets the list, and only then is that pass written into the
    /// index (issue 16: a first <c>list</c> prints before the index is written; the browser lists
    /// every session while the index fills behind it). The rows are the ones the index gives.
    /// </summary>
    /// <param name="newest">
    /// Called (before <paramref name="show"/>, perhaps several times) with the newest screenful of
    /// each store read so far, newest first: a screen shows those while the rest of the pass is read.
    /// Not called when every index has been filled before.
    /// </param>
    public void ListThenIndex(SessionQuery? query, Action<IReadOnlyList<SessionMatch>> show, IProgress<ReconcileProgress>? progress = null,
        CancellationToken cancellationToken = default, Action<IReadOnlyList<SessionMatch>>? newest = null)
    {
        var early = new List<SessionMatch>();
        Action<IReadOnlyCollection<SessionSummary>>? NewestOf(ISessionStore store) => newest is null ? null : sessions =>
        {
            lock (early)
            {
                early.AddRange(sessions.Where(s => (_project is null || _project.RuleFor(store)(s)) && (query ?? SessionQuery.All).Matches(s))
                    .Select(s => new SessionMatch(store, s)));
                early.Sort((a, b) => NewestFirst.Instance.Compare(a.Session, b.Session));
                newest([.. early]);
            }
        };
        var firsts = Together(_sources.Select(s => (Func<FirstListing?>)(() => s.Index?.ReadFirstListing(cancellationToken, NewestOf(s.Store))))
            .ToList(), cancellationToken);
        show([.. ListMatching(query, fresh: true, cancellationToken, firsts)]);
        WriteFirstListings(firsts, progress, cancellationToken);
    }

    /// <summary>
    /// Every session as <c>List(fresh: true)</c> gives them, but a store whose index was never
    /// filled is read in one quick pass that is not written: the caller calls the returned action
    /// to write it (as <see cref="ListThenIndex"/> does after showing), or not at all when it is
    /// about to move most of the sessions away (a cleanup: the next command reads only what is left).
    /// </summary>
    public (IReadOnlyList<SessionMatch> Sessions, Action WriteIndex) ListBeforeIndexing(CancellationToken cancellationToken = default)
    {
        var firsts = Together(_sources.Select(s => (Func<FirstListing?>)(() => s.Index?.ReadFirstListing(cancellationToken))).ToList(),
            cancellationToken);
        return ([.. ListMatching(null, fresh: true, cancellationToken, firsts)], () => WriteFirstListings(firsts, null, cancellationToken));
    }

    private void WriteFirstListings(IReadOnlyList<FirstListing?> firsts, IProgress<ReconcileProgress>? progress, CancellationToken cancellationToken)
    {
        var written = _sources.Select((s, i) => (s.Store, s.Index, First: firsts[i])).Where(s => s.First is not null).ToList();
        var combined = progress is null ? null : new CombinedProgress(progress, written.Count);
        Together(written.Select((s, i) => (Func<ReconcileReport?>)(() => Guard(s.Store,
            () => s.Index!.WriteFirstListing(s.First!, combined?.Part(i), cancellationToken)))).ToList(), cancellationToken);
    }

    private IEnumerable<SessionMatch> ListMatching(SessionQuery? query, bool fresh, CancellationToken cancellationToken,
        IReadOnlyList<FirstListing?>? firsts = null)
    {
        query ??= SessionQuery.All;
        var streams = new List<IEnumerator<SessionMatch>>();
        var served = ServedByIndex(fresh, cancellationToken, firsts);
        for (int i = 0; i < _sources.Count; i++)
        {
            var (store, index) = _sources[i];
            bool fromIndex = served[i];
            var first = firsts?[i];
            // A quick pass just read these from the files: as current as a reconciled row, in the index's order.
            var sessions = first is not null ? first.Sessions.OrderBy(s => s, NewestFirst.Instance)
                : fromIndex
                ? index!.Rows(query.StoredStatus, cancellationToken)
                : store.List(cancellationToken).OrderBy(s => s, NewestFirst.Instance);
            if (fromIndex && store is IMomentarySummaries momentary) sessions = sessions.Select(momentary.AtThisMoment());
            if (_project is not null) sessions = sessions.Where(_project.RuleFor(store));
            if (fromIndex && fresh) sessions = sessions.Select(s => Current(store, s)).OfType<SessionSummary>();
            streams.Add(sessions.Where(query.Matches).Select(s => new SessionMatch(store, s)).GetEnumerator());
        }
        var merged = Merge(streams);
        return query.Limit is int limit ? merged.Take(Math.Max(0, limit)) : merged;
    }

    /// <summary>
    /// Which stores the index serves: with <paramref name="fresh"/>, each index is reconciled
    /// first, all stores at once (proving 10,000 files unchanged is mostly waiting on stats, and
    /// two stores' stats overlap on two cores).
    /// </summary>
    private bool[] ServedByIndex(bool fresh, CancellationToken cancellationToken, IReadOnlyList<FirstListing?>? firsts)
    {
        if (!fresh) return [.. _sources.Select(s => s.Index is not null)];
        var served = Together(_sources.Select((s, i) => (Func<bool>)(() => s.Index is not null && firsts?[i] is null && TryReconcile(s.Index, cancellationToken))).ToList(),
            cancellationToken);
        return [.. served];
    }

    /// <summary>
    /// Brings the session table up to date; false when another process has held the index's
    /// write lock for longer than SQLite waits (a first indexing elsewhere): the files are then
    /// listed directly, slower but never stale.
    /// </summary>
    private static bool TryReconcile(SearchCache index, CancellationToken cancellationToken)
    {
        try
        {
            index.Reconcile(ReconcileScope.Summaries, null, cancellationToken);
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 5 /* BUSY */ or 6 /* LOCKED */)
        {
            return false;
        }
    }

    /// <summary>
    /// Every index's <see cref="SearchCache.RowsVersion"/> in one value: equal before and after a
    /// reconcile, a list read from the indexes in between is what they hold. Null when a store has
    /// no index (its sessions come from its files, which no version follows).
    /// </summary>
    public string? RowsVersion() =>
        _sources.Any(s => s.Index is null) ? null : string.Join('|', _sources.Select(s => s.Index!.RowsVersion));

    /// <summary>
    /// What <c>List(fresh: true)</c> would give, from rows read from the indexes since they were last
    /// changed (see <see cref="RowsVersion"/>): the same instances, but for the sessions whose live
    /// or interrupted state may have changed, which are read again. The browser keeps one list of
    /// 100,000 rows instead of two while it brings it up to date.
    /// </summary>
    public IEnumerable<SessionSummary> Current(IEnumerable<SessionSummary> listed)
    {
        var stores = _sources.GroupBy(s => s.Store.Source).ToDictionary(g => g.Key, g => g.First().Store, StringComparer.Ordinal);
        foreach (var session in listed)
            if (!stores.TryGetValue(session.Source, out var store)) yield return session;
            else if (Current(store, session) is { } current) yield return current;
    }

    /// <summary>
    /// A row just reconciled is current but for whether its session is live or interrupted, which
    /// is a matter of this moment (a lock held), not of the files' stamps: sessions marked active,
    /// not idle when indexed, or whose lock is held now are read again (null: gone meanwhile).
    /// </summary>
    private static SessionSummary? Current(ISessionStore store, SessionSummary indexed)
    {
        bool mayHaveChanged = indexed.Status == SessionStatus.Active
            || indexed.Liveness != Liveness.Idle
            || store is ILiveSessions live && live.MayBeLive(indexed.Id);
        return mayHaveChanged ? store.Find(indexed.Id) : indexed;
    }

    /// <summary>The messages of a session for reading by position, its line offsets kept in the store's index.</summary>
    public MessageList OpenMessages(ISessionStore store, string id, CancellationToken cancellationToken = default) =>
        MessageList.Open(store, id, IndexOf(store), cancellationToken);

    private static IEnumerable<SessionMatch> Merge(List<IEnumerator<SessionMatch>> streams)
    {
        try
        {
            var live = streams.Where(s => s.MoveNext()).ToList();
            while (live.Count > 0)
            {
                var next = live.MinBy(s => s.Current.Session, NewestFirst.Instance)!;
                yield return next.Current;
                if (!next.MoveNext()) live.Remove(next);
            }
        }
        finally
        {
            foreach (var stream in streams) stream.Dispose();
        }
    }

    /// <summary>The list order: last activity, newest first, unknown last; then id.</summary>
    private sealed class NewestFirst : IComparer<SessionSummary>
    {
        public static readonly NewestFirst Instance = new();

        public int Compare(SessionSummary? x, SessionSummary? y)
        {
            var a = x!.LastActive ?? DateTimeOffset.MinValue;
            var b = y!.LastActive ?? DateTimeOffset.MinValue;
            int byTime = b.CompareTo(a);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
