using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>
/// The browser keeps the rows it listed when a reconcile changed none since (one list of 100,000
/// in memory instead of two): the version must move with every change, and the kept rows must be
/// what a fresh list gives.
/// </summary>
public class RowsVersionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly NativeStore _store;
    private readonly CachedSources _search;

    public RowsVersionTests()
    {
        StoreGenerator.Generate(_temp.Sub("native"), new GeneratorOptions { Sessions = 30, Messages = 3, Seed = 5, IncludeFaults = true });
        _store = new NativeStore(_temp.Sub("native"));
        _search = new CachedSources([_store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        _search.Reconcile(ReconcileScope.Summaries);
    }

    public void Dispose() => _temp.Dispose();

    private static List<string> Rows(IEnumerable<SessionSummary> sessions) => [.. sessions.Select(SearchCache.WriteSummary)];

    [Fact]
    public void Nothing_changed_keeps_the_version_and_the_kept_rows_are_the_fresh_list()
    {
        var version = _search.RowsVersion();
        var listed = _search.List(fresh: false).Select(m => m.Session).ToList();

        Assert.Equal(0, _search.Reconcile(ReconcileScope.Summaries).Changed);
        Assert.Equal(version, _search.RowsVersion());
        var kept = _search.Current(listed).ToList();
        Assert.Equal(Rows(_search.List().Select(m => m.Session)), Rows(kept));
        // Idle sessions are the very same rows; only those whose state is of the moment were read again.
        Assert.Contains(kept, s => listed.Any(l => ReferenceEquals(l, s)));
        Assert.All(kept.Where(s => s.Status != SessionStatus.Active && s.Liveness == Liveness.Idle), s => Assert.Contains(listed, l => ReferenceEquals(l, s)));
    }

    [Fact]
    public void A_changed_session_moves_the_version()
    {
        var version = _search.RowsVersion();
        var session = _store.List().First(s => s.Damaged is null && s.Metadata is not null);
        _store.Rename(session.Id, "Renamed");
        File.SetLastWriteTimeUtc(_store.MetadataPath(session.Id), DateTime.UtcNow.AddMinutes(1));

        _search.Reconcile(ReconcileScope.Summaries);

        Assert.NotEqual(version, _search.RowsVersion());
    }

    [Fact]
    public void A_store_without_an_index_has_no_version()
    {
        var scanned = new CachedSources([_store], new SearchOptions { UseIndex = false });
        Assert.Null(scanned.RowsVersion());
    }
}
