using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Tests.Rendering;

public class TextLayoutTests
{
    [Theory]
    [InlineData("hello", 10, "hello")]
    [InlineData("hello", 5, "hello")]
    [InlineData("hello world", 8, "hello w…")]
    [InlineData("中文字符", 5, "中文…")]
    [InlineData("中文字符", 6, "中文…")]
    [InlineData("ab😀cd", 4, "ab…")]
    [InlineData("abc", 1, "…")]
    [InlineData("abc", 0, "")]
    public void Truncate_by_cells(string text, int width, string expected)
    {
        Assert.Equal(expected, TextLayout.Truncate(text, width));
        Assert.True(CellWidth.Of(TextLayout.Truncate(text, width)) <= width);
    }

    [Theory]
    [InlineData("hello world", 0, 5, "hello")]
    [InlineData("hello world", 6, 10, "world")]
    [InlineData("ab中文cd", 3, 4, " 文c")]       // 中 is cut by the left edge: a space in its place
    [InlineData("ab中文cd", 2, 3, "中 ")]        // 文 is cut by the right edge
    [InlineData("abc", 5, 3, "")]
    public void Slice_takes_columns_and_never_half_a_wide_character(string text, int from, int width, string expected)
    {
        Assert.Equal(expected, TextLayout.Slice(Line.Of(text), from, width).PlainText);
        Assert.True(CellWidth.Of(TextLayout.Slice(Line.Of(text), from, width).PlainText) <= width);
    }

    [Fact]
    public void A_side_scrolled_row_marks_the_side_that_has_more_and_keeps_its_borders()
    {
        var marker = new Style().Bold();
        var row = new SideScroll([new Span("│ ")], [new Span("0123456789abcdef")], [new Span(" │")], 8, default, marker);
        Assert.Equal("│ 0123456… │", row.At(0).PlainText);
        Assert.Equal("│ …456789… │", row.At(3).PlainText);
        Assert.Equal("│ …9abcdef │", row.At(8).PlainText);
        Assert.Equal("│ …        │", row.At(99).PlainText);              // past the end: only the mark that text is to the left
        Assert.Equal(8, row.MaxShift);
        Assert.Equal(marker, row.At(3).Spans[1].Style);
        Assert.Same(row, row.At(3).Scroll);
        // A row that fits is padded, with no marker.
        var fits = new SideScroll([new Span("│ ")], [new Span("ab")], [new Span(" │")], 8, default, marker);
        Assert.Equal("│ ab       │", fits.At(0).PlainText);
        Assert.Equal("│ …        │", fits.At(4).PlainText);                // shifted with its box's longer lines
    }

    [Fact]
    public void Truncate_keeps_styles_and_ends_in_the_last_style()
    {
        var bold = new Style().Bold();
        var line = TextLayout.Truncate(new Line([new Span("abc"), new Span("defgh", bold)]), 5);
        Assert.Equal([new Span("abc"), new Span("d", bold), new Span("…", bold)], line.Spans);
    }

    [Fact]
    public void Wrap_at_spaces()
    {
        Assert.Equal(["the quick", "brown fox", "jumps"], TextLayout.Wrap("the quick brown fox jumps", 10));
    }

    [Fact]
    public void Wrap_cuts_words_longer_than_the_width()
    {
        Assert.Equal(["abcde", "fghij", "k"], TextLayout.Wrap("abcdefghijk", 5));
    }

    [Fact]
    public void Wrap_cjk_between_any_two_characters_by_cells()
    {
        var lines = TextLayout.Wrap("这是一个很长的中文句子", 7);
        Assert.Equal(["这是一", "个很长", "的中文", "句子"], lines);
        Assert.All(lines, l => Assert.True(CellWidth.Of(l) <= 7));
    }

    [Fact]
    public void Wrap_mixed_text_never_exceeds_the_width()
    {
        var text = "Mixed 中文 and English with emoji 🎉🎉 and e\u0301 accents, plus a verylongwordthatmustbecut here";
        foreach (int width in new[] { 3, 7, 10, 23 })
            Assert.All(TextLayout.Wrap(text, width), l => Assert.True(CellWidth.Of(l) <= width, $"{l} > {width}"));
    }

    [Fact]
    public void Wrap_honours_newlines_and_keeps_empty_lines()
    {
        Assert.Equal(["one", "", "two"], TextLayout.Wrap("one\n\ntwo", 10));
    }

    [Fact]
    public void Wrap_keeps_span_styles()
    {
        var red = new Style(Fg: Color.Red);
        var lines = TextLayout.Wrap(new Line([new Span("aaa "), new Span("bbb ccc", red)]), 7);
        Assert.Equal(2, lines.Count);
        Assert.Equal([new Span("aaa "), new Span("bbb", red)], lines[0].Spans);
        Assert.Equal([new Span("ccc", red)], lines[1].Spans);
    }

    [Fact]
    public void Sanitizer_removes_escape_sequences_whole()
    {
        Assert.Equal("redplain", TextSanitizer.Clean("\e[31mred\e[0mplain"));
        Assert.Equal("title", TextSanitizer.Clean("\e]0;evil\atitle"));
        Assert.Equal("link", TextSanitizer.Clean("\e]8;;http://x\e\\link\e]8;;\e\\"));
        Assert.Equal("a\tb\nc", TextSanitizer.Clean("a\tb\r\nc\u0007"));
        Assert.Equal("clean", TextSanitizer.Clean("clean"));
    }

    [Fact]
    public void Sanitizer_ends_an_unterminated_string_sequence_at_the_line_end()
    {
        // A stray "ESC ]" in session text must not swallow the rest of the message.
        Assert.Equal("before\nafter", TextSanitizer.Clean("before\e]0;never closed\nafter"));
    }
}
