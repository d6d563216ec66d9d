using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Tests.Rendering;

public class CellWidthTests
{
    [Theory]
    [InlineData("a", 1)]
    [InlineData("中", 2)]
    [InlineData("日本語", 6)]
    [InlineData("한국어", 6)]
    [InlineData("ｱ", 1)]            // halfwidth katakana
    [InlineData("Ａ", 2)]           // fullwidth latin
    [InlineData("😀", 2)]
    [InlineData("🚀", 2)]
    [InlineData("👍🏽", 2)]           // emoji + skin tone modifier
    [InlineData("❤️", 2)]           // text-style heart + VS16
    [InlineData("❤", 1)]            // without VS16 it is text
    [InlineData("☺️", 2)]
    [InlineData("👨‍👩‍👧‍👦", 2)]         // ZWJ family: one grapheme
    [InlineData("🏳️‍🌈", 2)]          // flag + VS16 + ZWJ
    [InlineData("🇯🇵", 2)]           // regional indicator pair
    [InlineData("e\u0301", 1)]      // e + combining acute
    [InlineData("ñ", 1)]
    [InlineData("a\u0300\u0301\u0302", 1)]
    [InlineData("\x1b[31m", 4)]     // ESC is dropped; "[31m" stays (use TextSanitizer for data)
    [InlineData("a\u0007b", 2)]     // BEL takes no column
    [InlineData("\u200b", 0)]       // zero-width space
    [InlineData("", 0)]
    [InlineData("Hello, 世界! 🎉", 15)]
    public void String_width(string text, int width) => Assert.Equal(width, CellWidth.Of(text));

    [Theory]
    [InlineData("\t", 8)]
    [InlineData("ab\t", 8)]
    [InlineData("abcdefgh\tx", 17)]
    [InlineData("中\tx", 9)]
    public void Tabs_expand_to_the_next_stop(string text, int width) => Assert.Equal(width, CellWidth.Of(text));

    [Fact]
    public void Combining_marks_and_zwj_sequences_are_single_graphemes()
    {
        var graphemes = new List<Grapheme>();
        foreach (var g in Graphemes.Of("e\u0301👨‍👩‍👧x")) graphemes.Add(g);
        Assert.Equal(3, graphemes.Count);
        Assert.Equal([1, 2, 1], graphemes.Select(g => g.Width));
        Assert.Equal(2, graphemes[0].Length);
    }
}
