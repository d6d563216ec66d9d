using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Claude;

/// <summary>
/// A warm list is served from the index without reading a transcript; what depends on the moment
/// (retention warnings, who is running a session) must still be of the moment the list is read.
/// </summary>
public sealed class ClaudeIndexedListTests : IDisposable
{
    private readonly ClaudeFixture _fixture = new();
    private readonly ManualClock _clock = new(ClaudeFixture.Now);

    private string CacheDirectory => Path.Combine(_fixture.Root, "cache");

    private CachedSources Sources(out ClaudeStore store)
    {
        store = new ClaudeStore(_fixture.Home, _clock);
        return new CachedSources([store], new SearchOptions { CacheDirectory = CacheDirectory });
    }

    private static Dictionary<string, SessionSummary> ById(IEnumerable<SessionMatch> matches) =>
        matches.ToDictionary(m => m.Session.Id, m => m.Session);

    [Fact]
    public void A_retention_warning_comes_with_the_day_the_list_is_read_not_the_day_it_was_indexed()
    {
        string dir = _fixture.WorkDir("retention");
        _fixture.Simple(dir, 1, "ten days old", ClaudeFixture.Now.AddDays(-10));
        _fixture.Simple(dir, 2, "yesterday", ClaudeFixture.Now.AddDays(-1));
        var sources = Sources(out _);
        Assert.All(ById(sources.List()).Values, s => Assert.Null(s.DeletionWarning));
        Assert.Equal(2, sources.IndexOf(sources.Stores[0])!.SessionCount);

        // 25 days on, nothing written: the index answers (no transcript changed), and session 1 is now 35 days old.
        _clock.Advance(TimeSpan.FromDays(25));
        var fresh = ById(Sources(out _).List());
        Assert.Contains("30 days", fresh[ClaudeFixture.Id(1)].DeletionWarning);
        Assert.Null(fresh[ClaudeFixture.Id(2)].DeletionWarning);
        var quick = ById(Sources(out _).List(fresh: false));
        Assert.Contains("30 days", quick[ClaudeFixture.Id(1)].DeletionWarning);

        // A shorter policy applies at once, without any transcript being read again.
        _fixture.Writer.CleanupPeriodDays(7);
        var sources7 = Sources(out _);
        Assert.Equal(0, sources7.Reconcile(ReconcileScope.Summaries).Changed);
        Assert.All(ById(sources7.List()).Values, s => Assert.Contains("7 days", s.DeletionWarning));
    }

    [Fact]
    public void A_session_a_running_Claude_takes_up_is_live_in_a_warm_list_and_idle_again_when_it_exits()
    {
        string dir = _fixture.WorkDir("live");
        var session = _fixture.Simple(dir, 1, "resumed later", ClaudeFixture.Now.AddDays(-1));
        _fixture.Simple(dir, 2, "never resumed", ClaudeFixture.Now.AddDays(-1));
        Assert.All(ById(Sources(out _).List()).Values, s => Assert.Equal(Liveness.Idle, s.Liveness));

        // This test process plays the running Claude: its sessions/<pid>.json names the session.
        _fixture.Writer.Running(Environment.ProcessId, session.Id, dir);
        var sources = Sources(out _);
        Assert.Equal(0, sources.Reconcile(ReconcileScope.Summaries).Changed);
        var listed = ById(sources.List(fresh: false));
        Assert.Equal(Liveness.Live, listed[session.Id].Liveness);
        Assert.Equal(Liveness.Idle, listed[ClaudeFixture.Id(2)].Liveness);
        Assert.Equal(["resumed later"], sources.List(new SessionQuery { Status = "live" }).Select(m => m.Session.Title));

        File.Delete(Directory.EnumerateFiles(Path.Combine(_fixture.Home, "sessions")).Single());
        Assert.All(ById(Sources(out _).List()).Values, s => Assert.Equal(Liveness.Idle, s.Liveness));
    }

    [Fact]
    public void A_search_hit_from_the_index_carries_the_warning_of_today()
    {
        string dir = _fixture.WorkDir("search");
        _fixture.Simple(dir, 1, "the flaky parser test", ClaudeFixture.Now.AddDays(-20));
        var sources = Sources(out _);
        sources.Reconcile();
        var hits = sources.Search("parser").Hits;
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Null(hit.Session.DeletionWarning));

        _clock.Advance(TimeSpan.FromDays(15));
        var later = Sources(out _);
        Assert.True(later.IndexOf(later.Stores[0])!.IsReady(ReconcileScope.Everything));
        var laterHits = later.Search("parser");
        Assert.True(laterHits.UsedIndex);
        Assert.NotEmpty(laterHits.Hits);
        Assert.All(laterHits.Hits, hit => Assert.Contains("30 days", hit.Session.DeletionWarning));
    }

    public void Dispose() => _fixture.Dispose();
}
