using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>
/// The shortcuts that make a warm list and a broad search fast must never make them wrong:
/// the "nothing changed" fingerprint, the summaries-only stamps, the ranking window, the summary codec.
/// </summary>
public class IndexSpeedRulesTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly NativeStore _store;
    private readonly string _cache;

    public IndexSpeedRulesTests()
    {
        _store = new NativeStore(_temp.Sub("store"));
        _cache = _temp.Sub("cache");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void An_unchanged_store_reconciles_to_nothing_and_any_change_is_still_seen()
    {
        var a = _store.Create("/w", "m", "Alpha", []);
        var b = _store.Create("/w", "m", "Beta", []);
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _cache });
        Assert.Equal(2, search.Reconcile(ReconcileScope.Summaries).Added);
        Assert.Equal(0, search.Reconcile(ReconcileScope.Summaries).Changed);
        Assert.Equal(0, search.Reconcile(ReconcileScope.Summaries).Changed);

        _store.Update(a.Id, m => m.Description = "Alpha renamed");
        Assert.Equal(1, search.Reconcile(ReconcileScope.Summaries).Updated);
        Directory.Delete(FolderOf(b.Id), recursive: true);
        Assert.Equal(1, search.Reconcile(ReconcileScope.Summaries).Removed);
        Assert.Equal(["Alpha renamed"], search.List(fresh: false).Select(m => m.Session.Title));

        // A reopened index (another process) trusts the same fingerprint.
        var again = new CachedSources([_store], new SearchOptions { CacheDirectory = _cache });
        Assert.Equal(0, again.Reconcile(ReconcileScope.Summaries).Changed);
    }

    [Fact]
    public void A_title_taken_from_the_first_message_follows_that_message_even_when_only_summaries_are_reconciled()
    {
        var session = _store.Create("/w", "m", null, []);
        _store.AppendMessage(session.Id, "user", "First question about parsers");
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _cache });
        Assert.Equal("First question about parsers", Assert.Single(search.List(fresh: true)).Session.Title);

        // Rewritten behind our back, metadata.json untouched: only the messages file says so.
        var metadataTime = File.GetLastWriteTimeUtc(Path.Combine(FolderOf(session.Id), "metadata.json"));
        var line = JsonNode.Parse(File.ReadLines(_store.MessagesPath(session.Id)).First())!.AsObject();
        line["content"] = "A different opening";
        File.WriteAllText(_store.MessagesPath(session.Id), line.ToJsonString() + "\n");
        Assert.Equal(metadataTime, File.GetLastWriteTimeUtc(Path.Combine(FolderOf(session.Id), "metadata.json")));

        Assert.Equal("A different opening", Assert.Single(search.List(fresh: true)).Session.Title);
    }

    [Fact]
    public void Newer_sessions_get_higher_ids_in_one_indexing_so_the_ranking_window_keeps_the_newest()
    {
        var older = _store.Create("/w", "m", "Older", []);
        var newer = _store.Create("/w", "m", "Newer", []);
        // Make their metadata times unambiguous whatever the file system's resolution.
        File.SetLastWriteTimeUtc(Path.Combine(FolderOf(older.Id), "metadata.json"), DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(Path.Combine(FolderOf(newer.Id), "metadata.json"), DateTime.UtcNow.AddHours(-1));
        WriteMessages(older.Id, SearchCache.RankWindow, "kraken sighting");
        WriteMessages(newer.Id, 10, "kraken sighting");
        var search = new CachedSources([_store], new SearchOptions { CacheDirectory = _cache });
        search.Reconcile();

        var results = search.Search(QueryParser.Parse("kraken") with { Limit = SearchCache.RankWindow + 100 });
        Assert.Contains($"more than {SearchCache.RankWindow:N0} messages match", results.Notice);
        Assert.Equal(SearchCache.RankWindow, results.Hits.Count);
        // All ten of the newer session's matches were ranked; the older one fills the rest of the window.
        Assert.Equal(10, results.Hits.Count(h => h.Ref.Id == newer.Id));

        // Under the window, every match is ranked and nothing is said.
        var few = search.Search(QueryParser.Parse("kraken role:user") with { Limit = 100 });
        Assert.Null(few.Notice);
    }

    [Fact]
    public void A_summary_reads_back_as_it_was_written()
    {
        var meta = new SessionMetadata
        {
            Id = "s1", CreatedAt = "2025-01-02T03:04:05.123456", LastActive = "2025-01-03T00:00:00", Status = "completed",
            WorkDir = "/w/项目", Model = "m", TotalSteps = 3, MessageCount = 7, ToolCalls = 2, TotalTokens = 1234567890123,
            TotalCost = 0.125, Tags = ["a", "中文"], Description = "Desc \"quoted\" 🚀", CurrentTask = null, Progress = 0.5,
            Extra = new JsonObject { ["future_field"] = new JsonArray(1, "two", null) },
        };
        var summary = new SessionSummary
        {
            Ref = new SessionRef("native", "s1"), Title = "Desc \"quoted\" 🚀", Status = "completed", Liveness = Liveness.Interrupted,
            CreatedAt = meta.CreatedTime, LastActive = null, MessageCount = 7, TotalTokens = 1234567890123, TotalCost = 0.125,
            TotalSteps = 3, Progress = 0.5, CurrentTask = "task\nline", Tags = ["a", "中文"], WorkDir = "/w/项目", Model = "m",
            Description = meta.Description, Damaged = null, DeletionWarning = "deleted in 3 days", Path = "/store/s1", Metadata = meta,
        };
        var back = SearchCache.ReadSummary(SearchCache.WriteSummary(summary));

        Assert.Equal(summary with { Tags = [], Metadata = null }, back with { Tags = [], Metadata = null });
        Assert.Equal(summary.Tags, back.Tags);
        Assert.Equal(NativeJson.WriteMetadata(meta).ToJsonString(), NativeJson.WriteMetadata(back.Metadata!).ToJsonString());

        var damaged = summary with { Damaged = "metadata.json is not JSON", Metadata = null, CreatedAt = null };
        var damagedBack = SearchCache.ReadSummary(SearchCache.WriteSummary(damaged));
        Assert.Equal(damaged with { Tags = [] }, damagedBack with { Tags = [] });
    }

    /// <summary>
    /// The stored text keeps non-ASCII as UTF-8 (half the bytes of \u escapes) and still escapes what
    /// JSON must; times keep their offset and every tick.
    /// </summary>
    [Fact]
    public void A_summary_is_stored_as_UTF8_and_its_times_keep_offset_and_ticks()
    {
        var created = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(-7)).AddTicks(1234567);
        var last = new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero);
        var summary = new SessionSummary
        {
            Ref = new SessionRef("native", "s2"), Title = "中文标题 \"q\" back\\slash \u0001 tab\t", Status = "completed",
            CreatedAt = created, LastActive = last, WorkDir = "/w", Path = "/store/s2",
        };

        string stored = SearchCache.WriteSummary(summary);
        var back = SearchCache.ReadSummary(stored);

        Assert.Contains("中文标题", stored);
        Assert.Contains("\\u0001", stored);
        Assert.Equal(summary.Title, back.Title);
        Assert.Equal(created, back.CreatedAt);
        Assert.Equal(created.Offset, back.CreatedAt!.Value.Offset);
        Assert.Equal(created.Ticks, back.CreatedAt.Value.Ticks);
        Assert.Equal(last, back.LastActive);
        using var parsed = System.Text.Json.JsonDocument.Parse(stored);
        Assert.Equal(summary.Title, parsed.RootElement.GetProperty("title").GetString());
    }

    public static TheoryData<string, string[], string?, string?> OwnTexts => new()
    {
        { "Fix the parser", ["infra", "Docs"], "/w/project", "kimi-k2" },
        { "重构会话存储 🚀", ["中文", "TAG"], null, null },
        { "lone \ud800 surrogate", [], "/w/项目", "" },
        { "", [], "", "m" },
    };

    /// <summary>The writer puts a session's own text and tags into SQLite as UTF-8 made in its own buffers: the same bytes as the strings.</summary>
    [Theory]
    [MemberData(nameof(OwnTexts))]
    public void Own_text_and_tags_in_UTF8_are_the_strings_bytes(string title, string[] tags, string? workDir, string? model)
    {
        var summary = new SessionSummary
        {
            Ref = new SessionRef("native", "s3"), Title = title, Status = "completed", Tags = tags, WorkDir = workDir, Model = model, Path = "/store/s3",
        };
        var own = new System.Buffers.ArrayBufferWriter<byte>();
        SessionOwnText.WriteUtf8(summary, own);
        var column = new System.Buffers.ArrayBufferWriter<byte>();
        SearchCache.WriteTagsColumn(tags, column);
        var forIndex = new byte[TextTokens.MaxForIndexLength(own.WrittenCount)];

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(SessionOwnText.Of(summary)), own.WrittenSpan.ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(SearchCache.TagsColumn(tags)), column.WrittenSpan.ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(TextTokens.ForIndex(SessionOwnText.Of(summary))),
            forIndex.AsSpan(0, TextTokens.AppendForIndex(own.WrittenSpan, forIndex)).ToArray());
    }

    private string FolderOf(string id) => Path.GetDirectoryName(_store.MessagesPath(id))!;

    private void WriteMessages(string id, int count, string text)
    {
        var lines = Enumerable.Range(0, count).Select(i =>
            NativeJson.WriteMessage(new Message(i % 2 == 0 ? "user" : "assistant", $"{text} {i}", "2025-01-01T00:00:00")).ToJsonString());
        File.WriteAllLines(_store.MessagesPath(id), lines);
    }
}
