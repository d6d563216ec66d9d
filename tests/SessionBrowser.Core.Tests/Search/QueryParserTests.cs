using SessionBrowser.Core.Search;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Search;

public class QueryParserTests
{
    private static readonly ManualClock Clock = new(new DateTimeOffset(2025, 3, 10, 15, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Words_are_folded_tokens_that_must_all_match()
    {
        var q = QueryParser.Parse("Login  BUG");
        Assert.Equal(["login", "bug"], q.Terms.Select(t => t.Tokens.Single()));
        Assert.All(q.Terms, t => Assert.False(t.Prefix));
        Assert.Empty(q.Problems);
    }

    [Fact]
    public void Quotes_make_a_phrase_and_a_hyphenated_word_is_one_too()
    {
        var q = QueryParser.Parse("\"null pointer\" foo-bar");
        Assert.Equal(["null", "pointer"], q.Terms[0].Tokens);
        Assert.True(q.Terms[0].IsPhrase);
        Assert.Equal(["foo", "bar"], q.Terms[1].Tokens);
    }

    [Fact]
    public void Star_and_typing_make_prefixes()
    {
        Assert.True(QueryParser.Parse("log*").Terms[0].Prefix);
        var typing = QueryParser.Parse("fix log", asYouType: true);
        Assert.False(typing.Terms[0].Prefix);
        Assert.True(typing.Terms[1].Prefix);
        // One or two letters are too little to match as a prefix (they cover much of all words).
        Assert.False(QueryParser.Parse("fix l", asYouType: true).Terms[1].Prefix);
        Assert.False(QueryParser.Parse("fix lo", asYouType: true).Terms[1].Prefix);
        Assert.True(QueryParser.Parse("fix lo*", asYouType: true).Terms[1].Prefix);
        // A space after the word means it is finished.
        Assert.False(QueryParser.Parse("fix log ", asYouType: true).Terms[1].Prefix);
        // An unclosed quote is still being typed; a closed one is finished.
        Assert.True(QueryParser.Parse("\"null poi", asYouType: true).Terms[0].Prefix);
        Assert.False(QueryParser.Parse("\"null poi\"", asYouType: true).Terms[0].Prefix);
    }

    [Fact]
    public void Cjk_text_becomes_a_phrase_of_characters()
    {
        var q = QueryParser.Parse("日本語 テスト", asYouType: true);
        Assert.Equal(["日", "本", "語"], q.Terms[0].Tokens);
        Assert.Equal(["テ", "ス", "ト"], q.Terms[1].Tokens);
        Assert.False(q.Terms[1].Prefix); // a CJK character is a whole word already
    }

    [Fact]
    public void Filters_take_one_or_several_values()
    {
        var q = QueryParser.Parse("status:Active,paused tag:\"big refactor\" tag:ui role:USER model:gpt-4o source:native crash");
        Assert.Equal(["active", "paused"], q.Statuses);
        Assert.Equal(["big refactor", "ui"], q.Tags);
        Assert.Equal(["user"], q.Roles);
        Assert.Equal(["gpt-4o"], q.Models);
        Assert.Equal(["native"], q.Sources);
        Assert.Equal("crash", q.Terms.Single().Tokens.Single());
    }

    [Fact]
    public void Unknown_prefixes_with_a_colon_are_words()
    {
        var q = QueryParser.Parse("http://example.com note:x");
        Assert.Contains(q.Terms, t => t.Tokens.Contains("example"));
        Assert.Contains(q.Terms, t => t.Tokens.SequenceEqual(["note", "x"]));
    }

    [Fact]
    public void Dates_absolute_relative_and_named()
    {
        var q = QueryParser.Parse("after:2025-01-15 before:2025-02-01T10:30", clock: Clock);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero).UtcTicks, q.After!.Value.UtcTicks, TimeSpan.FromDays(1).Ticks);
        Assert.Equal(30, q.Before!.Value.Minute);
        Assert.Equal(Clock.GetUtcNow().AddDays(-7), QueryParser.Parse("after:7d", clock: Clock).After);
        Assert.Equal(Clock.GetUtcNow().AddHours(-12), QueryParser.Parse("after:12h", clock: Clock).After);
        Assert.Equal(Clock.GetUtcNow().AddDays(-14), QueryParser.Parse("after:2w", clock: Clock).After);
        Assert.Equal(Clock.GetUtcNow().AddDays(-60), QueryParser.Parse("after:2m", clock: Clock).After);
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 0, 0, 0, TimeSpan.Zero), QueryParser.Parse("after:yesterday", clock: Clock).After);
    }

    [Fact]
    public void Bad_values_are_problems_not_guesses()
    {
        var q = QueryParser.Parse("after:someday status: foo");
        Assert.Equal(2, q.Problems.Count);
        Assert.Contains("someday", q.Problems[0]);
        Assert.Null(q.After);
        Assert.Single(q.Terms);
        // While typing, an unfinished filter is not yet an error.
        Assert.Empty(QueryParser.Parse("foo after:20", asYouType: true).Problems);
        Assert.Single(QueryParser.Parse("after:0d").Problems);
    }

    [Fact]
    public void Punctuation_alone_searches_nothing()
    {
        var q = QueryParser.Parse("-- ??? ");
        Assert.True(q.IsEmpty);
    }
}
