using System.Text.Json;
using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

/// <summary>What commands say: counts in words, one message numbering, errors that say what to do.</summary>
public sealed class WordingTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public WordingTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(0, "0 sessions")]
    [InlineData(1, "1 session")]
    [InlineData(2048, "2,048 sessions")]
    public void Counts_are_singular_for_one(long n, string expected) => Assert.Equal(expected, SessionBrowser.Wording.Count(n, "session"));

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(3L * 1024 * 1024, "3 MB")]
    public void Sizes_are_words(long bytes, string expected) => Assert.Equal(expected, SessionBrowser.Wording.Bytes(bytes));

    [Fact]
    public void Search_and_show_number_messages_from_1_like_the_browser()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Numbering", messages: ["user: first", "assistant: the zanzibar answer"]);

        var text = _cli.Run("search", "zanzibar");
        var json = JsonDocument.Parse(_cli.Run("search", "zanzibar", "--json").Out).RootElement[0];
        var show = _cli.Run("show", id).Out;

        Assert.Contains("(#2 assistant)", text.Out);
        Assert.Equal(2, json.GetProperty("message").GetInt32());
        Assert.Contains("── #2 assistant", show);
    }

    [Fact]
    public void A_short_id_asks_for_4_characters()
    {
        _store.Add(TimeSpan.FromHours(1), "One");

        var result = _cli.Run("show", "1a7");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("at least 4 characters", result.Error);
    }

    [Fact]
    public void An_id_of_an_unknown_or_empty_source_says_so()
    {
        var unknown = _cli.Run("show", "kimi:deadbeef");
        var missing = _cli.Run("show", "native:deadbeef");

        Assert.Contains("no kimi session 'deadbeef'", unknown.Error);
        Assert.Equal("error: the native source has no session 'deadbeef' (see 'list --source native' for ids)", missing.Error.Trim());
    }

    [Fact]
    public void A_torn_line_says_its_byte_once_and_the_count_is_what_was_shown()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Torn", messages: ["user: one", "assistant: two"]);
        File.AppendAllText(Path.Combine(_cli.Store, id, "messages.jsonl"), "{\"role\": \"user\", \"content\": \"cut");

        string text = _cli.Run("show", id).Out;

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "byte [0-9]+"));
        Assert.Contains("── 2 messages, 1 unreadable line", text);
    }

    [Fact]
    public void Merge_with_one_id_says_it_needs_two()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Alone");

        var result = _cli.Run("merge", id, "--description", "x");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"merge needs two or more sessions; only '{id}' was given", result.Error);
    }

    [Fact]
    public void Generating_no_sessions_says_0_bytes()
    {
        var result = _cli.Run("generate", "--out", Path.Combine(_cli.Folder, "empty"), "--sessions", "0", "--messages", "1");

        Assert.Contains("Wrote 0 sessions, 0 messages and 0 snapshots (0 bytes)", result.Out);
    }

    [Fact]
    public void Json_money_is_rounded_to_6_places()
    {
        _store.Add(TimeSpan.FromHours(1), "A", cost: 1.1);
        _store.Add(TimeSpan.FromHours(2), "B", cost: 2.2);
        _store.Add(TimeSpan.FromHours(3), "C", cost: 0.405842);

        string stats = _cli.Run("stats", "--json").Out;

        Assert.Contains("\"total_cost\": 3.705842", stats);
    }
}
