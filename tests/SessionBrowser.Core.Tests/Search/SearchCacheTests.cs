using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Tests.Search;

public class SearchCacheTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _cache;
    private readonly FolderStore _store;

    public SearchCacheTests()
    {
        _cache = _temp.Sub("cache");
        _store = SearchFixture.Build(_temp.Sub("store"));
    }

    public void Dispose() => _temp.Dispose();

    private static readonly string[] Queries =
    [
        "login", "bug login", "\"null pointer\"", "log*", "café", "cafe", "naive", "修复", "登录错误", "日本語", "テスト", "한국어",
        "数据库 迁移", "status:crashed", "status:active,paused render", "tag:ui", "tag:backend cache", "role:user parser",
        "role:tool token", "model:claude deploy", "after:2025-01-10 retry", "before:2025-01-05 timeout",
        "after:2025-01-05 before:2025-01-12 table", "zebra", "s007", "infra", "source:test crash", "source:other crash",
        "nothingmatchesthis", "torn", "ui refactor",
    ];

    [Fact]
    public void Index_results_equal_a_plain_scan()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 10_000 };
            Assert.Empty(query.Problems);
            var scanned = Keys(ScanSearch.Search([_store], query));
            var indexed = Keys(index.Search(query));
            Assert.True(scanned.SetEquals(indexed),
                $"'{text}': scan {scanned.Count} vs index {indexed.Count}; only scan: {string.Join(",", scanned.Except(indexed).Take(5))}; only index: {string.Join(",", indexed.Except(scanned).Take(5))}");
        }
        // And the queries do find things (the comparison is not between two empty sets).
        var empty = Queries.Where(q => index.Search(QueryParser.Parse(q)).Count == 0).ToList();
        Assert.Equal(["source:other crash", "nothingmatchesthis", "torn"], empty);
    }

    [Fact]
    public void A_cancelled_search_stops_and_the_next_one_on_the_same_index_answers_in_full()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var query = QueryParser.Parse("lo*", asYouType: true) with { Limit = 10_000 };
        var expected = Keys(index.Search(query));
        Assert.NotEmpty(expected);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => index.Search(query, cancelled.Token));
        // SQLite's interrupt (sent when the token fires) never reaches a later statement on the pooled connection.
        Assert.True(expected.SetEquals(Keys(index.Search(query))));
        Assert.True(expected.SetEquals(Keys(ScanSearch.Search([_store], query))));
    }

    [Fact]
    public void Excerpts_of_a_store_read_whole_equal_the_scan()
    {
        // Neither seekable nor stamped: its hits' text comes from reading each session once.
        var store = new ReadWhole(_store);
        var index = SearchCache.Open(store, _cache);
        index.Reconcile();
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 10_000 };
            Assert.Equal(NativeSearchTests.Excerpts(ScanSearch.Search([store], query)), NativeSearchTests.Excerpts(index.Search(query)));
        }
    }

    /// <summary>The test store with only what every store has.</summary>
    private sealed class ReadWhole(FolderStore inner) : ISessionStore
    {
        public string Source => inner.Source;
        public string Root => inner.Root;
        public IReadOnlyList<SessionBrowser.Core.Model.SessionSummary> List(CancellationToken cancellationToken = default) => inner.List(cancellationToken);
        public SessionBrowser.Core.Model.SessionSummary? Find(string id) => inner.Find(id);
        public IEnumerable<SessionBrowser.Core.Model.MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
            inner.ReadMessages(id, cancellationToken);
        public ResumeCommand? ResumeCommandFor(string id) => inner.ResumeCommandFor(id);
    }

    [Fact]
    public void Prefix_queries_as_you_type_equal_the_scan()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        foreach (var text in new[] { "l", "lo", "lo*", "log", "logg", "ref", "\"the dat", "修", "tag:ui ca" })
        {
            var query = QueryParser.Parse(text, asYouType: true) with { Limit = 10_000 };
            Assert.Equal(Keys(ScanSearch.Search([_store], query)), Keys(index.Search(query)));
        }
    }

    [Fact]
    public void Cjk_words_are_found_inside_longer_runs_with_the_match_marked()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var hits = index.Search(QueryParser.Parse("登录"));
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            Assert.Contains("登录", hit.Snippet);
            Assert.Equal("登录", hit.Snippet.Substring(hit.Matches[0].Start, hit.Matches[0].Length));
        }
    }

    [Fact]
    public void Hits_carry_position_role_snippet_and_rank()
    {
        _store.Write("pos", "Positions");
        for (int i = 0; i < 10; i++) _store.Append("pos", i == 7 ? "assistant" : "user", i == 7 ? "here is the quokka, the quokka" : $"filler {i}");
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var hit = Assert.Single(index.Search(QueryParser.Parse("quokka")));
        Assert.Equal("pos", hit.Ref.Id);
        Assert.Equal(7, hit.MessageIndex);
        Assert.Equal("assistant", hit.Role);
        Assert.Equal(2, hit.Matches.Count);
        Assert.True(hit.Score > 0);
        Assert.Equal("here is the quokka, the quokka", hit.Snippet);
        // The position is the one the message list uses.
        Assert.Contains("quokka", MessageList.Open(_store, "pos", index).Get(7).Message!.Content);
    }

    [Fact]
    public void Better_matches_rank_first_and_per_session_limit_applies()
    {
        _store.Write("rank1", "r1");
        _store.Append("rank1", "user", "wombat wombat wombat short");
        _store.Write("rank2", "r2");
        _store.Append("rank2", "user", "a long message " + string.Concat(Enumerable.Repeat("padding words here ", 50)) + " wombat");
        _store.Append("rank2", "user", "another wombat");
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var hits = index.Search(QueryParser.Parse("wombat"));
        Assert.Equal("rank1", hits[0].Ref.Id);
        Assert.Equal(3, hits.Count);
        var one = index.Search(QueryParser.Parse("wombat") with { HitsPerSession = 1 });
        Assert.Equal(["rank1", "rank2"], one.Select(h => h.Ref.Id));
        Assert.Single(index.Search(QueryParser.Parse("wombat") with { Limit = 1 }));
    }

    [Fact]
    public void A_deleted_database_is_rebuilt()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(index.DatabasePath);
        var reopened = SearchCache.Open(_store, _cache);
        Assert.False(reopened.IsReady(ReconcileScope.Everything));
        var report = reopened.Reconcile();
        Assert.Equal(_store.List().Count, report.Added);
        Assert.NotEmpty(reopened.Search(QueryParser.Parse("zebra")));
    }

    [Theory]
    [InlineData(0)]      // garbage from the first byte: not a database at all
    [InlineData(4096)]   // garbage over the pages after the header
    public void A_corrupt_database_is_rebuilt_not_an_error(int at)
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var path = index.DatabasePath;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var extra in new[] { "-wal", "-shm" }) File.Delete(path + extra);
        using (var file = File.OpenWrite(path))
        {
            file.Position = at;
            var junk = new byte[64 * 1024];
            new Random(1).NextBytes(junk);
            file.Write(junk);
        }
        var reopened = SearchCache.Open(_store, _cache);
        reopened.Reconcile();
        var query = QueryParser.Parse("login") with { Limit = 10_000 };
        Assert.Equal(Keys(ScanSearch.Search([_store], query)), Keys(reopened.Search(query)));
        Assert.Equal(_store.List().Count, reopened.Rows().Count());
    }

    [Theory]
    [InlineData(2)]   // half the file gone
    [InlineData(3)]   // a third gone
    [InlineData(8)]   // only the last pages gone
    public void A_truncated_database_with_its_wal_and_shm_left_answers_like_the_files(int cutDivisor)
    {
        // A copy of the cache taken while it was open (its -wal and -shm beside it), then cut short:
        // what a crash, a full disk or a careless backup leaves. Every query must still answer as a scan does.
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var path = index.DatabasePath;
        var saved = new Dictionary<string, byte[]>();
        using (var open = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            open.Open();
            // The pages into the file, then one more change left in the -wal only.
            using (var checkpoint = open.CreateCommand())
            {
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                checkpoint.ExecuteNonQuery();
            }
            _store.Write("new1", "Brand new session", lastActive: SearchFixture.Start.AddYears(1));
            _store.Append("new1", "user", "the platypus arrives at the login page");
            index.Reconcile();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(path + suffix)) saved[suffix] = File.ReadAllBytes(path + suffix);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var (suffix, bytes) in saved) File.WriteAllBytes(path + suffix, bytes);
        Assert.True(File.Exists(path + "-wal") && File.Exists(path + "-shm"), "the -wal and -shm files are part of the case");
        var full = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write)) file.SetLength(full - full / cutDivisor / 4096 * 4096);
        Assert.True(IndexDatabase.LooksCut(path));

        var reopened = SearchCache.Open(_store, _cache);
        reopened.Reconcile();
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 10_000 };
            Assert.True(Keys(ScanSearch.Search([_store], query)).SetEquals(Keys(reopened.Search(query))), $"'{text}' answered wrong");
        }
        Assert.Equal(_store.List().Count, reopened.Rows().Count());
        Assert.False(IndexDatabase.LooksCut(path), "the cut file was checked at open and rebuilt");
    }

    /// <summary>
    /// A small update leaves the WAL for the next process, but not once it is long: each process
    /// opening the index rebuilds the WAL's index from the file, and SQLite would then copy every
    /// page of a long WAL into the file again at every commit and never start it over.
    /// </summary>
    [Fact]
    public void A_small_update_keeps_a_short_wal_and_empties_a_long_one()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        string wal = index.DatabasePath + "-wal";
        _store.Append("s001", "user", "one more message about the login page");
        index.Reconcile();
        long kept = new FileInfo(wal).Length;
        Assert.InRange(kept, 1, 4_000_000);

        // Some 5 MB more in the WAL (what many small updates leave), written as another process would leave it.
        using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={index.DatabasePath};Pooling=False"))
        {
            other.Open();
            SQLitePCL.raw.sqlite3_db_config(other.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, out _);
            using var fill = other.CreateCommand();
            fill.CommandText = """
                PRAGMA wal_autocheckpoint = 0;
                CREATE TABLE padding(x BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1300)
                INSERT INTO padding SELECT randomblob(4000) FROM n;
                """;
            fill.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.True(new FileInfo(wal).Length > 5_000_000);

        _store.Append("s002", "user", "and another one");
        var reopened = SearchCache.Open(_store, _cache);
        Assert.Equal(1, reopened.Reconcile().Updated);
        Assert.Equal(0, new FileInfo(wal).Length);
        var query = QueryParser.Parse("another") with { Limit = 10_000 };
        Assert.True(Keys(ScanSearch.Search([_store], query)).SetEquals(Keys(reopened.Search(query))));
    }

    [Fact]
    public void An_intact_database_does_not_look_cut()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.False(IndexDatabase.LooksCut(index.DatabasePath));
    }

    [Fact]
    public void Changes_on_disk_behind_our_back_show_after_reconcile()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();

        // Added.
        _store.Write("new1", "Brand new session", lastActive: SearchFixture.Start.AddYears(1));
        _store.Append("new1", "user", "the platypus arrives");
        // Changed metadata.
        _store.Write("s001", "Renamed to echidna", status: "completed");
        // Truncated: messages cut to the first line.
        var truncated = Path.Combine(_store.Root, "s002", "messages.jsonl");
        var firstLine = File.ReadLines(truncated).First();
        File.WriteAllText(truncated, firstLine + "\n");
        // Rewritten longer (not an append): different text at the same place.
        var rewritten = Path.Combine(_store.Root, "s003", "messages.jsonl");
        File.WriteAllText(rewritten, "{\"role\":\"user\",\"content\":\"completely different narwhal text that is long enough to be longer than before " +
            new string('x', 4000) + "\"}\n");
        // Removed.
        Directory.Delete(Path.Combine(_store.Root, "s004"), recursive: true);

        var report = index.Reconcile();
        Assert.Equal(1, report.Added);
        Assert.Equal(3, report.Updated);
        Assert.Equal(1, report.Removed);
        Assert.Equal("5 updated (1 new, 3 changed, 1 removed)", report.Describe());

        var rows = index.Rows().ToList();
        Assert.Equal("new1", rows[0].Id);
        Assert.DoesNotContain(rows, r => r.Id == "s004");
        Assert.Equal("Renamed to echidna", rows.Single(r => r.Id == "s001").Title);
        Assert.Single(index.Search(QueryParser.Parse("platypus")));
        Assert.Single(index.Search(QueryParser.Parse("echidna")));
        Assert.Single(index.Search(QueryParser.Parse("narwhal")));
        Assert.Empty(index.Search(QueryParser.Parse("s004")));
        Assert.Single(index.Search(QueryParser.Parse("status:completed echidna")));
        Assert.Equal(1, MessageList.Open(_store, "s002", index).Count);
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 10_000 };
            Assert.Equal(Keys(ScanSearch.Search([_store], query)), Keys(index.Search(query)));
        }

        Assert.Equal(0, index.Reconcile().Changed);
    }

    [Fact]
    public void Appended_messages_are_indexed_from_the_last_offset()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        int findsBefore = _store.FindCalls;
        _store.Append("s010", "assistant", "an appended capybara");
        var report = index.Reconcile();
        Assert.Equal(1, report.Updated);
        Assert.Equal(1, _store.FindCalls - findsBefore); // only that session was read again
        var hit = Assert.Single(index.Search(QueryParser.Parse("capybara")));
        Assert.Equal(MessageList.Open(_store, "s010").Count - 1, hit.MessageIndex);
        var query = QueryParser.Parse("bug") with { Limit = 10_000 };
        Assert.Equal(Keys(ScanSearch.Search([_store], query)), Keys(index.Search(query)));
    }

    [Fact]
    public void A_torn_last_line_is_picked_up_once_its_writer_finishes_it()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        Assert.Empty(index.Search(QueryParser.Parse("wordfinished")));
        _store.AppendRaw("s005", "dfinished\"}\n");
        index.Reconcile();
        Assert.Single(index.Search(QueryParser.Parse("wordfinished")));
        Assert.Empty(index.Search(QueryParser.Parse("wor")));
    }

    [Fact]
    public void A_store_without_stamps_or_seeking_is_indexed_the_same()
    {
        var plain = _store.Plain();
        var index = SearchCache.Open(plain, _cache);
        index.Reconcile();
        var query = QueryParser.Parse("login") with { Limit = 10_000 };
        Assert.Equal(Keys(ScanSearch.Search([plain], query)), Keys(index.Search(query)));
        _store.Append("s011", "user", "a late ocelot");
        Assert.Equal(1, index.Reconcile().Updated);
        Assert.Single(index.Search(QueryParser.Parse("ocelot")));
    }

    [Fact]
    public void Damaged_sessions_are_indexed_and_listed()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var broken = index.Rows().Single(r => r.Id == "broken");
        Assert.NotNull(broken.Damaged);
        Assert.Equal("broken", Assert.Single(index.Search(QueryParser.Parse("zebra"))).Ref.Id);
    }

    private static HashSet<string> Keys(IEnumerable<SearchHit> hits) =>
        [.. hits.Select(h => $"{h.Ref}#{h.MessageIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "session"}")];
}
