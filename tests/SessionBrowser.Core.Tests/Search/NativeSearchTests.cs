using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>The index over the real native store, on a generated store with its faults.</summary>
public class NativeSearchTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly NativeStore _store;
    private readonly string _root;
    private readonly string _cache;

    public NativeSearchTests()
    {
        var root = _root = _temp.Sub("store");
        StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 40, Messages = 16, Seed = 3, IncludeFaults = true });
        _store = new NativeStore(root);
        _cache = _temp.Sub("cache");
    }

    public void Dispose() => _temp.Dispose();

    private static readonly string[] Queries =
    [
        "parser", "torn", "\"torn last line\"", "retry*", "会话", "恢复", "テスト", "스트리밍", "排序", "status:crashed",
        "status:active lock", "role:user cache", "role:tool", "WorkerPool", "load_session", "\"the session store\" fails",
    ];

    [Fact]
    public void Index_equals_scan_on_a_generated_store()
    {
        var index = SearchCache.Open(_store, _cache);
        var report = index.Reconcile();
        Assert.Equal(_store.List().Count, report.Added);
        int found = 0;
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 100_000 };
            var scanned = Keys(ScanSearch.Search([_store], query));
            Assert.Equal(scanned, Keys(index.Search(query)));
            if (scanned.Count > 0) found++;
        }
        Assert.True(found >= Queries.Length - 2, $"only {found} queries found anything");
        Assert.Equal(_store.List().Select(s => s.Id).Order(), index.Rows().Select(s => s.Id).Order());
    }

    [Fact]
    public void Excerpts_read_back_by_offset_equal_the_scan_and_the_database_holds_no_message_text()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 100_000 };
            Assert.Equal(Excerpts(ScanSearch.Search([_store], query)), Excerpts(index.Search(query)));
        }
        // A sentence of one message, at least 40 bytes: written nowhere in the database or its journal.
        var message = _store.List().Where(s => s.Damaged is null)
            .SelectMany(s => _store.ReadMessages(s.Id)).Select(r => r.Message?.Content ?? "")
            .First(c => c.Length >= 40 && c.All(ch => ch < 128));
        var needle = System.Text.Encoding.UTF8.GetBytes(message[..40]);
        foreach (var file in new[] { index.DatabasePath, index.DatabasePath + "-wal" }.Where(File.Exists))
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"'{message[..40]}' is stored in {Path.GetFileName(file)}");
    }

    [Theory]
    [InlineData("status:live")]
    [InlineData("status:interrupted")]
    [InlineData("status:damaged")]
    [InlineData("status:live,damaged")]
    public void Status_words_of_the_moment_find_the_sessions_a_list_shows_with_them(string text)
    {
        var held = _store.Create("/w", "m", "Being written right now", []);
        using var writer = Python.StartAndWaitFor("locked", "hold", _root, held.Id, "30");
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _cache });
        search.Reconcile();
        var query = QueryParser.Parse(text) with { Limit = 100_000 };
        Assert.Empty(query.Problems);

        var results = search.Search(query);

        var expected = query.Statuses.SelectMany(word => _store.List().Where(new SessionQuery { Status = word }.Matches)).Select(s => s.Id).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.True(results.UsedIndex);
        Assert.Equal(expected.Order(StringComparer.Ordinal), results.Hits.Select(h => h.Ref.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), ScanSearch.Search([_store], query).Select(h => h.Ref.Id).Distinct().Order(StringComparer.Ordinal));
        writer.Kill();
        writer.WaitForExit();
    }

    [Fact]
    public void A_status_word_with_text_finds_the_text_only_in_sessions_in_that_state_now()
    {
        var held = _store.Create("/w", "m", "Hunting the kraken while writing", []);
        var idle = _store.Create("/w", "m", "Hunting the kraken, long done", []);
        _store.MarkCompleted(idle.Id);
        using var writer = Python.StartAndWaitFor("locked", "hold", _root, held.Id, "30");
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _cache });
        search.Reconcile();

        Assert.Equal(2, search.Search("kraken").Hits.Count);
        Assert.Equal(held.Id, Assert.Single(search.Search("kraken status:live").Hits).Ref.Id);
        Assert.Equal(idle.Id, Assert.Single(search.Search("kraken status:completed").Hits).Ref.Id);
        writer.Kill();
        writer.WaitForExit();
        Assert.Equal(held.Id, Assert.Single(search.Search("kraken status:interrupted").Hits).Ref.Id);
        Assert.Empty(search.Search("kraken status:live").Hits);
    }

    /// <summary>Each hit's excerpt and highlighted ranges, by session and message.</summary>
    internal static Dictionary<string, string> Excerpts(IEnumerable<SearchHit> hits) =>
        hits.ToDictionary(h => $"{h.Ref}#{h.MessageIndex}", h => h.Snippet + " " + string.Join(",", h.Matches.Select(m => $"{m.Start}+{m.Length}")));

    [Fact]
    public void Behind_our_back_changes_to_native_sessions_show_after_reconcile()
    {
        var index = SearchCache.Open(_store, _cache);
        index.Reconcile();
        var sessions = _store.List().Where(s => s.Damaged is null && Directory.Exists(s.Path)).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

        var added = _store.Create("/tmp/work", "model-x", "Hunting the kraken", ["sea"]);
        _store.AppendMessage(added.Id, "user", "where is the kraken");
        _store.AppendMessage(sessions[0].Id, "assistant", "an appended axolotl");
        _store.Update(sessions[1].Id, m => m.Description = "Renamed to basilisk");
        var truncated = _store.MessagesPath(sessions[2].Id);
        File.WriteAllText(truncated, File.ReadLines(truncated).First() + "\n");
        Directory.Delete(_store.SessionDir(sessions[3].Id), recursive: true);

        var report = index.Reconcile();
        Assert.Equal(1, report.Added);
        Assert.Equal(1, report.Removed);
        Assert.Equal(3, report.Updated);
        Assert.Equal(sessions[0].Id, Assert.Single(index.Search(QueryParser.Parse("axolotl"))).Ref.Id);
        Assert.Equal(sessions[1].Id, Assert.Single(index.Search(QueryParser.Parse("basilisk"))).Ref.Id);
        Assert.Equal(2, index.Search(QueryParser.Parse("kraken")).Count); // its title and its message
        Assert.DoesNotContain(index.Rows(), s => s.Id == sessions[3].Id);
        Assert.Equal(1, MessageList.Open(_store, sessions[2].Id, index).Count);
        foreach (var text in Queries)
        {
            var query = QueryParser.Parse(text) with { Limit = 100_000 };
            Assert.Equal(Keys(ScanSearch.Search([_store], query)), Keys(index.Search(query)));
        }
    }

    [Fact]
    public void Message_list_positions_match_the_store_and_the_hits()
    {
        var id = _store.List().Where(s => s.Damaged is null).MaxBy(s => s.MessageCount)!.Id;
        var list = MessageList.Open(_store, id);
        var all = _store.ReadMessages(id).ToList();
        Assert.Equal(all.Count, list.Count);
        for (int i = 0; i < all.Count; i++) Assert.Equal(all[i].Message?.Content, list.Get(i).Message?.Content);
    }

    private static HashSet<string> Keys(IEnumerable<SearchHit> hits) =>
        [.. hits.Select(h => $"{h.Ref}#{h.MessageIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "session"}")];
}
