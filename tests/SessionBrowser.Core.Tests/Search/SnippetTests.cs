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
    public void Escape_sequences_and_bidi_controls_are_dropped_whole_and_the_match_still_marked()
    {
        // A hostile title: OSC 0 (window title), OSC 52 (clipboard), a colour, a bidi override.
        var text = "\u001b]0;pwned\u0007Evil \u001b[31mred\u001b[0m \u001b]52;c;aGk=\u001b\\title \u202Ereversed needle";
        var (snippet, matches) = Snippet.Build(text, TextMatch.FindAll(text, QueryParser.Parse("needle").Terms));
        Assert.Equal("Evil red title reversed needle", snippet);
        Assert.Equal("needle", snippet.Substring(matches[0].Start, matches[0].Length));
    }

    [Fact]
    public void A_match_inside_an_escape_sequence_marks_nothing()
    {
        var text = "\u001b]0;pwned\u0007plain words";
        var (snippet, matches) = Snippet.Build(text, TextMatch.FindAll(text, QueryParser.Parse("pwned").Terms));
        Assert.Equal("plain words", snippet);
        Assert.Empty(matches);
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
