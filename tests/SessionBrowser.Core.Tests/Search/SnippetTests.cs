using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Tests.Search;

public class SnippetTests
{
    [Fact]
    public void One_line_with_the_match_marked()
    {
        var text = "First line\n\n   second line with the NEEDLE in it\nthird";
        var ranges = TextMatch.FindAll(text, QueryParser.Parse("needle").Terms);
        var (snippet, matches) = Snippet.Build(text, ranges);
        Assert.Equal("First line second line with the NEEDLE in it third", snippet);
        Assert.Equal("NEEDLE", snippet.Substring(matches[0].Start, matches[0].Length));
    }

    [Fact]
    public void Long_text_is_cut_around_the_match_with_ellipses()
    {
        var text = string.Concat(Enumerable.Repeat("lorem ipsum ", 100)) + "needle" + string.Concat(Enumerable.Repeat(" dolor sit", 100));
        var (snippet, matches) = Snippet.Build(text, TextMatch.FindAll(text, QueryParser.Parse("needle").Terms), width: 60);
        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.True(snippet.Length <= 62, snippet);
        Assert.Equal("needle", snippet.Substring(matches[0].Start, matches[0].Length));
    }

    [Fact]
    public void Phrases_and_prefixes_mark_whole_words()
    {
        var text = "the Null Pointer was logged by logger";
        var ranges = TextMatch.FindAll(text, QueryParser.Parse("\"null pointer\" log*").Terms);
        Assert.Equal(["Null Pointer", "logged", "logger"], ranges.Select(r => text.Substring(r.Start, r.Length)));
    }

    [Fact]
    public void No_match_when_a_term_is_missing()
    {
        Assert.Empty(TextMatch.FindAll("alpha beta", QueryParser.Parse("alpha gamma").Terms));
        Assert.Empty(TextMatch.FindAll("null and pointer", QueryParser.Parse("\"null pointer\"").Terms));
    }
}
