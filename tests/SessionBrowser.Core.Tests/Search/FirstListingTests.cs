using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>
/// A first list (no index yet) comes from one quick pass over the files, shown before the index
/// is written (issue 16, cold paths): the rows must be exactly those the filled index gives.
/// </summary>
public class FirstListingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private NativeStore GeneratedStore()
    {
        var root = _temp.Sub("native");
        // Faults: damaged metadata, torn lines, a missing metadata.json, interrupted sessions.
        StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 80, Messages = 4, Seed = 7, IncludeFaults = true });
        return new NativeStore(root);
    }

    private static List<string> Rows(IEnumerable<SessionMatch> matches) => [.. matches.Select(m => SearchCache.WriteSummary(m.Session))];

    public static TheoryData<string?, int?> Queries => new() { { null, null }, { null, 50 }, { "completed", 10 }, { "active", null } };

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_quick_pass_is_shown_first_and_equals_the_indexed_list(string? status, int? limit)
    {
        var store = GeneratedStore();
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        var index = search.IndexOf(store)!;
        var query = new SessionQuery { Status = status, Limit = limit };
        List<string>? shown = null;
        int indexedWhenShown = -1;

        search.ListThenIndex(query, sessions =>
        {
            shown = Rows(sessions);
            indexedWhenShown = index.SessionCount;
        });

        Assert.Equal(0, indexedWhenShown);
        Assert.True(search.SummariesReady);
        Assert.Equal(store.List().Count, index.SessionCount);
        var indexed = Rows(search.List(query));
        Assert.NotEmpty(indexed);
        Assert.Equal(indexed, shown);
        // And what the index serves without reconciling is the same again.
        Assert.Equal(indexed, Rows(search.List(query, fresh: false)));
    }

    [Fact]
    public void The_newest_screenful_is_handed_out_before_the_rest_is_read()
    {
        var store = new NativeStore(_temp.Sub("native"));
        var start = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        const int sessions = 120;
        for (int i = 0; i < sessions; i++)
        {
            var meta = store.Create("/work", "m", $"Session {i}");
            // Metadata written in the order the sessions were active, as an agent writes it.
            File.SetLastWriteTimeUtc(store.MetadataPath(meta.Id), start.AddMinutes(i));
        }
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        var calls = new List<string>();
        List<SessionMatch>? early = null;

        search.ListThenIndex(null, all => calls.Add($"all {all.Count}"), newest: screen =>
        {
            early ??= [.. screen];
            calls.Add("newest");
        });

        Assert.Equal(["newest", $"all {sessions}"], calls);
        Assert.InRange(early!.Count, 1, 64);
        var newestIds = store.List().OrderByDescending(s => File.GetLastWriteTimeUtc(store.MetadataPath(s.Id))).Take(early.Count).Select(s => s.Id);
        Assert.Equal(newestIds.Order(), early.Select(m => m.Session.Id).Order());
    }

    [Fact]
    public void A_store_that_cannot_stamp_is_listed_once_and_written_from_that_listing()
    {
        var store = SearchFixture.Build(_temp.Sub("folder"));
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        List<string>? shown = null;

        search.ListThenIndex(null, sessions => shown = Rows(sessions));

        Assert.Equal(Rows(search.List()), shown);
        Assert.True(search.IndexOf(store)!.IsReady(ReconcileScope.Summaries));
    }

    /// <summary>A cleanup lists before indexing and writes the pass only when it moved nothing.</summary>
    [Fact]
    public void Listing_before_indexing_gives_the_indexed_rows_and_writes_nothing_until_asked()
    {
        var store = GeneratedStore();
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        var index = search.IndexOf(store)!;

        var (sessions, writeIndex) = search.ListBeforeIndexing();

        Assert.False(index.IsReady(ReconcileScope.Summaries));
        Assert.Empty(search.List(fresh: false));
        writeIndex();
        Assert.True(index.IsReady(ReconcileScope.Summaries));
        Assert.Equal(Rows(search.List(fresh: false)), Rows(sessions));
        Assert.Equal(Rows(search.List()), Rows(search.ListBeforeIndexing().Sessions)); // a filled index: reconciled as List does
    }

    [Fact]
    public void A_filled_index_is_reconciled_as_before_and_no_quick_pass_is_made()
    {
        var store = GeneratedStore();
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = _temp.Sub("cache") });
        search.ListThenIndex(null, _ => { });
        var index = search.IndexOf(store)!;
        Assert.Null(index.ReadFirstListing());

        // A session changed since: the reconcile before showing finds it.
        var changed = store.List().First(s => s.Metadata is not null && s.Damaged is null && s.Path == store.SessionDir(s.Id) && Directory.Exists(s.Path));
        store.Rename(changed.Id, "Renamed after the first run");
        List<SessionMatch>? shown = null;
        search.ListThenIndex(null, sessions => shown = [.. sessions]);

        Assert.Equal("Renamed after the first run", shown!.Single(m => m.Session.Id == changed.Id).Session.Title);
        Assert.Equal(Rows(shown!), Rows(search.List(fresh: false)));
    }

    [Fact]
    public void A_session_changed_between_the_quick_pass_and_the_next_run_is_read_again()
    {
        var store = GeneratedStore();
        var cache = _temp.Sub("cache");
        var search = new CachedSources([store], new SearchOptions { CacheDirectory = cache });
        var index = search.IndexOf(store)!;
        var listing = index.ReadFirstListing()!;
        // Renamed after its summary was read, before the listing is written: the row keeps the old
        // stamp, so the next reconcile sees the new one.
        var changed = listing.Sessions.First(s => s.Metadata is not null && s.Damaged is null && s.Path == store.SessionDir(s.Id) && Directory.Exists(s.Path));
        store.Rename(changed.Id, "Renamed meanwhile");
        File.SetLastWriteTimeUtc(store.MetadataPath(changed.Id), DateTime.UtcNow.AddMinutes(1));
        index.WriteFirstListing(listing);

        var fresh = new CachedSources([store], new SearchOptions { CacheDirectory = cache }).List().Single(m => m.Session.Id == changed.Id);

        Assert.Equal("Renamed meanwhile", fresh.Session.Title);
    }
    private static string JournalModeOf(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>
    /// A first listing is written through a rollback journal when nothing else has the index open,
    /// and in WAL mode when another connection is reading it (leaving WAL would need the file to
    /// itself): both write every row, neither waits on the reader, and the index is in WAL mode after.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_first_listing_is_written_whole_and_leaves_the_index_in_WAL_mode(bool anotherReader)
    {
        var store = GeneratedStore();
        var index = SearchCache.Open(store, _temp.Sub("cache"));
        var listing = index.ReadFirstListing()!;
        using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={index.DatabasePath};Pooling=False");
        Microsoft.Data.Sqlite.SqliteTransaction? reading = null;
        if (anotherReader)
        {
            other.Open();
            reading = other.BeginTransaction(deferred: true);
            using var read = other.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sessions";
            Assert.Equal(0L, read.ExecuteScalar());
        }

        index.WriteFirstListing(listing);
        reading?.Dispose();
        other.Close();

        Assert.Equal(store.List().Count, index.SessionCount);
        Assert.True(index.IsReady(ReconcileScope.Summaries));
        Assert.False(File.Exists(index.DatabasePath + "-journal"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.Equal("wal", JournalModeOf(index.DatabasePath));
    }
}
