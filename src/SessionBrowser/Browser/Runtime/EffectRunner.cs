using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Browser.Runtime;

/// <summary>
/// Does the work Update asks for, on the thread pool, and posts the answers back as messages.
/// Loads that only matter for what is on screen now (preview, search, matches, snapshot) are
/// latest-only: starting one cancels the one before, so fast scrolling or typing never queues
/// stale work. Everything that changes files goes through the Core calls, never around them.
/// </summary>
public sealed partial class EffectRunner(BrowserServices services, Action<Msg> post)
{
    private readonly Dictionary<Type, CancellationTokenSource> _latest = [];
    private readonly object _gate = new();

    public void Start(Effect effect)
    {
        bool latestOnly = LatestOnly(effect);
        var token = latestOnly ? Replace(effect.GetType()) : CancellationToken.None;
        // Loading the list, the recovery scan and the first indexing can take seconds: on threads of
        // their own, so a preview or a search never waits behind them for a pool thread (on two
        // cores the pool adds one only every half second).
        var placement = latestOnly ? TaskCreationOptions.None : TaskCreationOptions.LongRunning;
        Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var msg in Run(effect, token))
                    if (!token.IsCancellationRequested) post(msg);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // A newer request of the same kind took over.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                post(Failure(effect, e));
            }
        }, CancellationToken.None, placement, TaskScheduler.Default);
    }

    /// <summary>
    /// Most sessions a search in the browser lists (best first): five screens, and each one costs
    /// reading its matching message for the snippet, so typing stays under 30 ms a key.
    /// </summary>
    public const int SearchSessionsShown = 200;

    /// <summary>Sessions shown before the whole list is read: more than the tallest screen has rows.</summary>
    private const int FirstScreen = 100;

    /// <summary>One reconcile at a time: two writing the same index at once collide.</summary>
    private readonly object _indexGate = new();
    private int _fullIndexStarted;

    /// <summary>
    /// The list as the files are now: through the index when it is free, else straight from the
    /// stores. <paramref name="shown"/>: the whole list just read from the indexes at
    /// <paramref name="version"/> (see <see cref="CachedSources.RowsVersion"/>); when the reconcile
    /// changed no row since, its rows are kept rather than read a second time (two lists of 100,000
    /// held at once were a third of the browser's peak memory).
    /// </summary>
    private SessionsLoaded Fresh(CancellationToken token, IReadOnlyList<SessionSummary>? shown = null, string? version = null)
    {
        if (Monitor.TryEnter(_indexGate, TimeSpan.FromMilliseconds(300)))
        {
            try
            {
                var report = services.Search.Reconcile(ReconcileScope.Summaries, null, token);
                bool unchanged = shown is not null && version is not null && services.Search.RowsVersion() == version;
                var fresh = unchanged
                    ? services.Search.Current(shown!).ToList()
                    : services.Search.List(fresh: true, token).Select(m => m.Session).ToList();
                return new SessionsLoaded(fresh, report.Changed > 0 ? "index: " + report.Describe() : null);
            }
            finally
            {
                Monitor.Exit(_indexGate);
            }
        }
        return new SessionsLoaded([.. services.Sources.List(null, token).Select(m => m.Session)]);
    }

    /// <summary>
    /// A store never indexed: every session is listed from one quick pass over the files (no
    /// writing; 10,000 in well under a second of reading on two cores), then the index is written
    /// from that pass behind the list (issue 16, cold paths).
    /// </summary>
    private void FirstIndexing(CancellationToken token)
    {
        lock (_indexGate)
        {
            // The newest screenful first (a fraction of the pass), then every session, then the index is written.
            services.Search.ListThenIndex(null, all => post(new SessionsLoaded([.. all.Select(m => m.Session)], services.Search.Notice)),
                null, token, newest => post(new SessionsLoaded([.. newest.Select(m => m.Session)], services.Search.Notice, Filling: "loading")));
        }
    }

    /// <summary>What the index has now (no reconcile): the browser's quick lists.</summary>
    private List<SessionSummary> Indexed(SessionQuery? query, CancellationToken token) =>
        [.. services.Search.List(query, fresh: false, token).Select(m => m.Session)];

    private static bool LatestOnly(Effect e) => e is LoadPreview or LayOutMessages or CheckLiveness or RunSearch or FindMatches or LoadSnapshot or PollLive;

    /// <summary>Messages laid out per answer: about a screen's worth, so the screen shows before the margin is done.</summary>
    public const int LayOutPart = 24;

    private CancellationToken Replace(Type kind)
    {
        lock (_gate)
        {
            if (_latest.TryGetValue(kind, out var old)) old.Cancel();
            var next = new CancellationTokenSource();
            _latest[kind] = next;
            return next.Token;
        }
    }

    private static Msg Failure(Effect effect, Exception e) => effect switch
    {
        LoadPreview p => new PreviewFailed(p.Ref, e.Message),
        LayOutMessages l => new PreviewFailed(l.Ref, e.Message),
        LoadSnapshot l => new SnapshotLoaded(l.Ref, l.Step, null, e.Message),
        RunSearch r => new SearchCompleted(r.Generation, [], "search failed: " + e.Message),
        _ => new ActionFailed(e.Message),
    };

    /// <summary>The messages an effect produces, in order (most produce one).</summary>
    public IEnumerable<Msg> Run(Effect effect, CancellationToken token)
    {
        switch (effect)
        {
            case LoadSessions l:
                {
                    // At start, what the index has at once; then the files' truth. After an action only the latter,
                    // so a deleted session never flickers back from a stale index.
                    List<SessionSummary>? shown = null;
                    string? version = null;
                    if (l.FromIndexFirst && services.Search.SummariesReady)
                    {
                        // A screenful first (reading 10,000 summaries takes a few hundred ms), then all of them.
                        var first = Indexed(new SessionQuery { Limit = FirstScreen }, token);
                        if (first.Count == FirstScreen) yield return new SessionsLoaded(first, services.Search.Notice, Filling: "loading");
                        version = services.Search.RowsVersion();
                        shown = Indexed(null, token);
                        yield return new SessionsLoaded(shown, services.Search.Notice);
                    }
                    else if (l.FromIndexFirst)
                        FirstIndexing(token);
                    yield return Fresh(token, shown, version);
                    // The message index is built once, after the list and in the background: search scans until it is ready.
                    if (Interlocked.Exchange(ref _fullIndexStarted, 1) == 0)
                        lock (_indexGate) services.Search.Reconcile(ReconcileScope.Everything, null, token);
                    break;
                }
            case CopyToClipboard copy:
                yield return new ActionCompleted(Clipboard.Copy(copy.Text, copy.Text), Reload: false, KeepUndo: true);
                break;
            case CheckLiveness c:
                yield return new LivenessChecked([.. c.Refs.Select(r => services.StoreOf(r).Find(r.Id)).OfType<SessionSummary>()]);
                break;
            case CheckInterrupted:
                yield return new InterruptedFound(Interrupted(token));
                break;
            case LoadPreview p:
                {
                    var store = services.StoreOf(p.Ref);
                    var list = services.Search.OpenMessages(store, p.Ref.Id, token);
                    var doc = new MessageDocument(p.Ref, new MessageListSource(list));
                    var pages = MessagePages.Screen(doc, p.Width, p.Height, p.At ?? (p.AtEnd ? doc.Count - 1 : 0));
                    yield return new PreviewLoaded(p.Ref, doc, store.Snapshots(p.Ref.Id), pages);
                    break;
                }
            case PollLive live:
                {
                    // A fresh reader (the offset cache makes it scan only the appended part): the one on
                    // screen belongs to the UI thread.
                    var list = services.Search.OpenMessages(services.StoreOf(live.Ref), live.Ref.Id, token);
                    if (list.Count != live.Document.Count)
                    {
                        var grown = live.Document.WithSource(new MessageListSource(list), list.Count);
                        // The new messages and the old last one (it may have been a torn line); past 250, the pane asks for the rest as it needs them.
                        int from = Math.Max(Math.Max(0, live.Document.Count - 1), list.Count - MessagePages.MaxKept / 4);
                        yield return new LiveGrew(live.Ref, grown, MessagePages.Of(grown, live.Width, Enumerable.Range(from, list.Count - from)));
                    }
                    break;
                }
            case RunSearch r:
                {
                    // One more than is shown: the bar then says there are more, not a count that looks complete.
                    var query = r.Query with { HitsPerSession = 1, Limit = SearchSessionsShown + 1 };
                    if (query.Problems.Count > 0)
                    {
                        yield return new SearchCompleted(r.Generation, [], query.Problems[0]);
                        break;
                    }
                    var results = services.Search.Search(query, token);
                    bool more = results.Hits.Count > SearchSessionsShown;
                    yield return new SearchCompleted(r.Generation, more ? [.. results.Hits.Take(SearchSessionsShown)] : results.Hits, results.Notice, more);
                    break;
                }
            case LayOutMessages l:
                // In parts, nearest the screen first: what is on screen shows without waiting for the margin.
                foreach (var part in l.Indexes.Chunk(LayOutPart))
                {
                    token.ThrowIfCancellationRequested();
                    yield return new MessagesLaidOut(l.Ref, MessagePages.Of(l.Document, l.Width, part));
                }
                break;
            case FindMatches f:
                yield return new MatchesFound(f.Ref, f.Query, FindMatchesIn(f.Ref, f.Query, token));
                break;
            case LoadSnapshot l:
                yield return new SnapshotLoaded(l.Ref, l.Step, SnapshotState(l.Ref, l.Step));
                break;
            case PlanDelete d:
                yield return new DeletePlanned([.. d.Refs.Select(PlanOne)]);
                break;
            case LoadStats:
                yield return Stats(token);
                break;
            case PrepareResume r:
                {
                    var store = services.StoreOf(r.Ref);
                    var session = store.Find(r.Ref.Id);
                    yield return session is null
                        ? new ActionFailed($"{r.Ref.Id} is no longer in the store")
                        : ResumeLauncher.Prepare(session, () => store.ResumeCommandFor(session.Id), services.ResumeTemplate,
                                                 services.CurrentDirectory, r.InCurrentFolder);
                    break;
                }
            default:
                foreach (var msg in RunAction(effect)) yield return msg;
                break;
        }
    }

    private IReadOnlyList<int> FindMatchesIn(SessionRef r, string query, CancellationToken token)
    {
        var terms = SearchHighlight.TermsOf(query);
        var found = new List<int>();
        if (terms.Count == 0) return found;
        int index = 0;
        // Positions count every record, damaged ones too, as the reader numbers them.
        foreach (var record in services.StoreOf(r).ReadMessages(r.Id, token))
        {
            if (record.Message is { } m && TextMatch.FindAll(m.Content, terms).Count > 0) found.Add(index);
            index++;
        }
        return found;
    }

    private JsonNode? SnapshotState(SessionRef r, int step)
    {
        var snapshots = services.StoreOf(r).Require<ISnapshotStore>("showing snapshots");
        return snapshots.SnapshotState(r.Id, step) ?? throw new FileNotFoundException($"snapshot step {step} is gone");
    }

    private DeleteItem PlanOne(SessionRef r)
    {
        var store = services.StoreOf(r);
        var session = store.Find(r.Id);
        if (session is null) return new DeleteItem(r, r.Id, "", [], "it is no longer there");
        string? refusal =
            session.Liveness == Liveness.Live ? "it is live (another process holds its lock)"
            : store is not IDeletableStore ? StoreAbilities.Missing(store, "delete")
            : null;
        var plan = store is IDeletableStore deletable && refusal is null ? deletable.PlanDelete(r.Id) : new DeletePlan([], []);
        return new DeleteItem(r, session.Title, session.Path, plan.Files, refusal, plan.Records);
    }

    private StatsLoaded Stats(CancellationToken token)
    {
        var sessions = Indexed(null, token);
        var stats = SessionStatistics.Compute(sessions);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        IReadOnlyList<string> report =
        [
            $"Sessions   {stats.TotalSessions} total · {stats.ActiveSessions} active · {stats.PausedSessions} paused · {stats.CompletedSessions} completed · {stats.CrashedSessions} crashed",
            $"           {stats.LiveSessions} live · {stats.InterruptedSessions} interrupted · {stats.DamagedSessions} damaged",
            $"Messages   {stats.TotalMessages.ToString("N0", inv)}",
            $"Tokens     {stats.TotalTokens.ToString("N0", inv)}",
            $"Cost       {Format.Cost(stats.TotalCost)} total · {Format.Cost(stats.AverageCostPerSession)} per session",
        ];
        var recent = stats.RecentDays(DateOnly.FromDateTime(services.Clock.GetLocalNow().DateTime), 14);
        var perDay = recent.Days.Select(b => (b.Key, (double)b.Messages)).ToList();
        var perModel = stats.ByModel.Select(b => (b.Key, $"{b.Sessions} sessions · {Format.Tokens(b.Tokens)} tok · {Format.Cost(b.Cost)}")).ToList();
        return new StatsLoaded(report, "Messages per day, " + recent.Describe(), perDay, perModel);
    }
}
