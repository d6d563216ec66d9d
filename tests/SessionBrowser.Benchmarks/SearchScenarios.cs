using System.Diagnostics;
using System.Globalization;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Benchmarks;

/// <summary>Issue 5's figures: listing, searching, indexing and opening a huge session, on generated stores.</summary>
public static class SearchScenarios
{
    // 10,000 × 100 = 1,000,000 messages; --quick divides the session counts by 10 for a trial run.
    private static int Sessions => 10_000 / BenchContext.Scale;
    private const int MessagesPerSession = 100;
    private static int LargeSession => 100_000 / BenchContext.Scale;
    private const string Word = "tokenizer";
    private const string Typed = "worker pool";

    // The targets of the speed issue (16): warm list 130 ms, cold list 700 ms, warm search 150 ms, search after growth 180 ms.
    private static readonly TimeSpan Ms130 = TimeSpan.FromMilliseconds(130);
    private static readonly TimeSpan Ms700 = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan Ms150 = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan Ms180 = TimeSpan.FromMilliseconds(180);

    public static IEnumerable<Scenario> Create() =>
    [
        WarmList(Sessions, Ms130),
        ColdList(Sessions, Ms700, runs: 3),
        WarmSearch(Sessions, Ms150),

        new($"search as you type \"{Typed}\", per keystroke, in-process (browser)", "≤ 30 ms", context =>
        {
            var store = context.NativeStore(Sessions, MessagesPerSession);
            var search = new CachedSources([new NativeStore(store.Root)], new SearchOptions { CacheDirectory = context.CacheDirectory("search") });
            search.Reconcile();
            return () => TypeQuery(search);
        }, TimeLimit: TimeSpan.FromMilliseconds(30)),

        FullIndex(Sessions, TimeSpan.FromSeconds(15)),

        new($"search {Word} after 10 sessions grew (incremental reconcile)", "≤ 180 ms", context =>
        {
            var store = context.NativeStore(Sessions, MessagesPerSession);
            var cache = context.CacheDirectory("search");
            var native = new NativeStore(store.Root);
            var grow = native.List().Take(10).Select(s => s.Id).ToList();
            int round = 0;
            return () =>
            {
                round++;
                foreach (var id in grow) native.AppendMessage(id, "assistant", $"benchmark append {round}: the tokenizer again");
                var run = context.RunApp(["--store", store.Root, "search", Word, "--limit", "20"], cache);
                return run.ToSample(run.Error.Contains("10 updated", StringComparison.Ordinal) ? "10 updated" : run.Error.Trim());
            };
        }, TimeLimit: Ms180),

        new($"open a {LargeSession:N0}-message session: count + first and last screen", "≤ 300 ms, ≤ 300 MB", context =>
        {
            var store = context.NativeStore(0, 1, LargeSession);
            var cache = context.CacheDirectory("large");
            return () => context.RunBenchmarkChild(["open-large", store.Root, store.LargeSessionId!, cache]).ToSample();
        }, TimeLimit: TimeSpan.FromMilliseconds(300), PeakLimitBytes: 300L * 1024 * 1024),
    ];

    // The rows below are made for 10,000 sessions and again at other sizes (ScaleScenarios). The
    // 10,000 rows keep the cache folders they always had; at another size the warm rows share one
    // cache, the one the full index row leaves complete (an index of 10 M messages is built once).
    internal static string Cache(string name, int sessions) => sessions == 10_000 / BenchContext.Scale ? name : $"scale-{sessions}";

    /// <summary>A cache a row empties before each run; at another size its own (not the shared one).</summary>
    private static string ColdCache(string name, int sessions) => sessions == 10_000 / BenchContext.Scale ? name : $"scale-{sessions}-{name}";

    private static string Target(TimeSpan? limit) => limit is { } t ? $"≤ {Runner.Format(t)}" : "(how it grows)";

    internal static Scenario WarmList(int sessions, TimeSpan? limit) =>
        new($"list --json --limit 50, {sessions:N0} sessions (warm index)", Target(limit), context =>
        {
            var store = context.NativeStore(sessions, MessagesPerSession);
            var cache = context.CacheDirectory(Cache("list", sessions));
            return () => context.RunApp(["--store", store.Root, "list", "--json", "--limit", "50"], cache).ToSample();
        }, TimeLimit: limit);

    /// <summary>A first list: the time until it is printed and the program has ended, the index written (see the README's cold paths).</summary>
    internal static Scenario ColdList(int sessions, TimeSpan? limit, int runs) =>
        new($"list --json --limit 50, {sessions:N0} sessions, first run (no index)", Target(limit), context =>
        {
            var store = context.NativeStore(sessions, MessagesPerSession);
            return () => context.RunApp(["--store", store.Root, "list", "--json", "--limit", "50"],
                context.CacheDirectory(ColdCache("list-cold", sessions), fresh: true)).ToSample();
        }, TimeLimit: limit, Warmups: 0, Runs: runs);

    internal static Scenario WarmSearch(int sessions, TimeSpan? limit) =>
        new($"search {Word}, {sessions * MessagesPerSession:N0} messages (warm index)", Target(limit), context =>
        {
            var store = context.NativeStore(sessions, MessagesPerSession);
            var cache = context.CacheDirectory(Cache("search", sessions));
            return () => context.RunApp(["--store", store.Root, "search", Word, "--limit", "20"], cache).ToSample();
        }, TimeLimit: limit);

    /// <summary>The first search on an empty cache; its note is the index's size against the sessions' JSONL.</summary>
    internal static Scenario FullIndex(int sessions, TimeSpan? limit) =>
        new($"full index from nothing, {sessions * MessagesPerSession:N0} messages (search's first run)", Target(limit), context =>
        {
            var store = context.NativeStore(sessions, MessagesPerSession);
            long jsonl = Directory.EnumerateFiles(store.Root, "*.jsonl", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            return () =>
            {
                var cache = context.CacheDirectory(Cache("index-cold", sessions), fresh: true);
                var run = context.RunApp(["--store", store.Root, "search", Word], cache);
                long index = Directory.EnumerateFiles(cache, "*.db*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                return run.ToSample(string.Create(CultureInfo.InvariantCulture,
                    $"index {index / 1e6:F1} MB = {(double)index / jsonl:F2}× the {jsonl / 1e6:F0} MB of JSONL, {index / (sessions * MessagesPerSession)} bytes per message"));
            };
        }, TimeLimit: limit, Warmups: 0, Runs: 1);

    /// <summary>Types the query a character at a time; the sample is the mean per keystroke, the note the slowest.</summary>
    private static Sample TypeQuery(CachedSources search)
    {
        var times = new List<TimeSpan>();
        var cpu = Runner.ProcessCpu();
        for (int n = 1; n <= Typed.Length; n++)
        {
            var clock = Stopwatch.StartNew();
            var query = QueryParser.Parse(Typed[..n], asYouType: true) with { HitsPerSession = 1, Limit = SessionBrowser.Browser.Runtime.EffectRunner.SearchSessionsShown };
            var results = search.Search(query);
            if (!query.IsEmpty && results.Hits.Count == 0 && n == Typed.Length) throw new InvalidOperationException($"no hits for '{Typed}'");
            times.Add(clock.Elapsed);
        }
        var perKey = (Runner.ProcessCpu() - cpu) / times.Count;
        return new Sample(TimeSpan.FromTicks((long)times.Average(t => t.Ticks)), Extra: $"slowest {Runner.Format(times.Max())}", Cpu: perKey);
    }
}
