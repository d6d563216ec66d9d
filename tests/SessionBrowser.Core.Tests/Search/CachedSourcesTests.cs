using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Tests.Search;

public class CachedSourcesTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FolderStore _store;

    public CachedSourcesTests() => _store = SearchFixture.Build(_temp.Sub("store"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Before_the_index_is_built_the_files_are_scanned_then_the_index_answers()
    {
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        var first = search.Search("zebra");
        Assert.False(first.UsedIndex);
        Assert.NotNull(first.Notice);
        Assert.Equal("broken", Assert.Single(first.Hits).Ref.Id);

        search.Reconcile();
        var second = search.Search("zebra");
        Assert.True(second.UsedIndex);
        Assert.Null(second.Notice);
        Assert.Equal("broken", Assert.Single(second.Hits).Ref.Id);
    }

    [Fact]
    public void An_unusable_cache_folder_means_scanning_with_a_notice()
    {
        // (A read-only folder is the usual case; a file in the way fails the same way, also for root.)
        var notAFolder = Path.Combine(_temp.Path, "file");
        File.WriteAllText(notAFolder, "x");
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = notAFolder });
        Assert.Contains("scanning", search.Notice);
        var results = search.Search("login");
        Assert.False(results.UsedIndex);
        Assert.Equal(ScanSearch.Search([_store], QueryParser.Parse("login")).Select(h => h.Ref), results.Hits.Select(h => h.Ref));
        Assert.Equal(_store.List().Count, search.List(fresh: true).Count());
    }

    [Fact]
    public void The_list_is_never_missing_a_session_the_files_have()
    {
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        var ids = search.List(fresh: true).Select(m => m.Session.Id).ToList();
        Assert.Equal(_store.List().Count, ids.Count);

        // Behind the program's back: one added, one removed. A fresh listing shows exactly the files.
        _store.Write("late", "Late arrival", lastActive: SearchFixture.Start.AddYears(2));
        Directory.Delete(Path.Combine(_store.Root, "s001"), recursive: true);
        var again = search.List(fresh: true).Select(m => m.Session.Id).ToList();
        Assert.Equal("late", again[0]);
        Assert.DoesNotContain("s001", again);
        Assert.Equal(ids.Count, again.Count);

        // Newest first, like the store's own listing.
        var expected = _store.List().OrderByDescending(s => s.LastActive ?? DateTimeOffset.MinValue).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id);
        Assert.Equal(expected, again);
    }

    [Fact]
    public void Several_stores_merge_into_one_list_and_one_ranking()
    {
        var other = new FolderStore(_temp.Sub("other"), "other");
        other.Write("o1", "Other zebra session", lastActive: SearchFixture.Start.AddYears(3));
        var search = new CachedSources([_store, other], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        search.Reconcile();
        Assert.Equal("other:o1", search.List(fresh: true).First().Session.Ref.ToString());
        var hits = search.Search("zebra").Hits;
        Assert.Equal(["other:o1", "test:broken"], hits.Select(h => h.Ref.ToString()).Order());
        Assert.Equal("other:o1", Assert.Single(search.Search("zebra source:other").Hits).Ref.ToString());
    }

    [Fact]
    public void Stores_reconciled_at_once_report_one_progress_summed_over_them_one_report_at_a_time()
    {
        var other = new FolderStore(_temp.Sub("other"), "other");
        for (int i = 0; i < 5; i++) other.Write($"o{i}", $"Other {i}", lastActive: SearchFixture.Start.AddDays(i));
        var search = new CachedSources([_store, other], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        var progress = new Recorder();

        var report = search.Reconcile(ReconcileScope.Everything, progress);

        int sessions = _store.List().Count + 5;
        Assert.Equal(sessions, report.Added);
        Assert.False(progress.Overlapped);
        Assert.Equal(new ReconcileProgress(sessions, sessions, progress.Reports[^1].Visible), progress.Reports[^1]);
        Assert.All(progress.Reports, p => Assert.InRange(p.Done, 1, p.Total));
        Assert.Equal(progress.Reports.Select(p => p.Done).Order(), progress.Reports.Select(p => p.Done));
    }

    /// <summary>Keeps every report, and whether one ever came while another was still being handled.</summary>
    private sealed class Recorder : IProgress<ReconcileProgress>
    {
        private int _inside;
        public List<ReconcileProgress> Reports { get; } = [];
        public bool Overlapped { get; private set; }

        public void Report(ReconcileProgress value)
        {
            if (Interlocked.Increment(ref _inside) > 1) Overlapped = true;
            Reports.Add(value);
            Thread.Yield();
            Interlocked.Decrement(ref _inside);
        }
    }

    [Fact]
    public void Filter_only_queries_list_matching_sessions_newest_first()
    {
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        search.Reconcile();
        var hits = search.Search(QueryParser.Parse("status:crashed") with { Limit = 100 }).Hits;
        Assert.Equal(_store.List().Count(s => s.Status == "crashed"), hits.Count);
        Assert.All(hits, h => Assert.Null(h.MessageIndex));
        Assert.Equal(hits.OrderByDescending(h => h.Session.LastActive).Select(h => h.Ref), hits.Select(h => h.Ref));
    }

    [Fact]
    public void Bad_syntax_is_an_error_for_the_typed_call()
    {
        var search = new CachedSources([_store], new SearchOptions { UseIndex = false });
        var error = Assert.Throws<ArgumentException>(() => search.Search("after:someday"));
        Assert.Contains("someday", error.Message);
    }

    [Fact]
    public void Listing_filters_like_the_stores_own_query()
    {
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        foreach (var query in new[]
                 {
                     new SessionQuery { Limit = 5 }, new SessionQuery { Status = "crashed" }, new SessionQuery { Tags = ["ui"], Limit = 3 },
                     new SessionQuery { Status = "damaged" }, new SessionQuery { IncludeDamaged = false },
                 })
        {
            Assert.Equal(query.Apply(_store.List()).Select(s => s.Id), search.List(query).Select(m => m.Session.Id));
        }
    }

    [Fact]
    public void Without_fresh_the_list_is_what_the_index_had_until_reconciled()
    {
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        // Never filled: nothing yet, and it says so (the browser then shows the list as it fills).
        Assert.False(search.SummariesReady);
        Assert.Empty(search.List(fresh: false));
        int before = search.List(fresh: true).Count();
        Assert.True(search.SummariesReady);
        Assert.Equal(_store.List().Count, before);
        Assert.Equal(before, search.List(fresh: false).Count());
        _store.Write("later", "Later");
        Assert.Equal(before, search.List(fresh: false).Count());
        Assert.Equal("1 updated (1 new, 0 changed, 0 removed)", search.Reconcile(ReconcileScope.Summaries).Describe());
        Assert.Equal(before + 1, search.List(fresh: false).Count());
    }

    [Fact]
    public void A_project_scoped_search_finds_every_match_in_the_project_however_many_match_outside_it()
    {
        // 2,100 short messages outside the project rank better (bm25) and are newer than the three
        // long ones inside it: filtering after the ranking window would lose all three.
        var store = new FolderStore(_temp.Sub("mixed"));
        var day = SearchFixture.Start;
        foreach (int n in new[] { 1, 2, 3 })
        {
            store.Write($"p{n}", $"project session {n}", lastActive: day.AddHours(n), workDir: "/work/project");
            store.Append($"p{n}", "user", "a long message about many other things and somewhere in it one needle among words", day.AddHours(n));
        }
        store.Write("busy", "elsewhere", lastActive: day.AddDays(5), workDir: "/work/other");
        for (int i = 0; i < 2_100; i++) store.Append("busy", "user", "needle", day.AddDays(5));

        var project = new CachedSources([store], new SearchOptions { CacheDirectory = _temp.Sub("cache") }, new ProjectFolder("/work/project/"));
        project.Reconcile();
        var hits = project.Search("needle").Hits;
        Assert.True(project.Search("needle").UsedIndex);
        Assert.Equal(["p1", "p2", "p3"], hits.Select(h => h.Ref.Id).Order());
        Assert.Equal(["p3", "p2", "p1"], project.List(fresh: true).Select(m => m.Session.Id));
        // Scanning (no index yet) keeps to the project too.
        var scanned = new CachedSources([store], new SearchOptions { UseIndex = false }, new ProjectFolder("/work/project"));
        Assert.Equal(["p1", "p2", "p3"], scanned.Search("needle").Hits.Select(h => h.Ref.Id).Order());
    }
}
