using SessionBrowser.Terminal.Rendering;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Terminal.Tests.Rendering;

public class BufferTests
{
    [Fact]
    public void SetString_is_clipped_to_the_rect()
    {
        var buffer = new Buffer(10, 3);
        int end = buffer.SetString(2, 1, "hello world", clip: new Rect(2, 1, 5, 1));
        Assert.Equal(7, end);
        Assert.Equal("\n  hello\n\n", buffer.ToText());
    }

    [Fact]
    public void SetString_outside_the_rows_of_the_clip_draws_nothing()
    {
        var buffer = new Buffer(10, 3);
        buffer.SetString(0, 2, "x", clip: new Rect(0, 0, 10, 2));
        buffer.SetString(0, 5, "y");
        Assert.Equal("\n\n\n", buffer.ToText());
    }

    [Fact]
    public void Wide_graphemes_take_two_cells()
    {
        var buffer = new Buffer(6, 1);
        Assert.Equal(6, buffer.SetString(0, 0, "中文a!"));
        Assert.Equal("中", buffer[0, 0].Symbol);
        Assert.True(buffer[1, 0].IsContinuation);
        Assert.Equal("中文a!\n", buffer.ToText());
    }

    [Fact]
    public void Wide_grapheme_that_does_not_fit_leaves_a_blank()
    {
        var buffer = new Buffer(5, 1);
        buffer.SetString(0, 0, "abcd中");
        Assert.Equal("abcd\n", buffer.ToText());
        Assert.Equal(" ", buffer[4, 0].Symbol);
    }

    [Fact]
    public void Overwriting_the_second_half_of_a_wide_grapheme_blanks_the_first()
    {
        var buffer = new Buffer(4, 1);
        buffer.SetString(0, 0, "中文");
        buffer.SetString(1, 0, "x");
        Assert.Equal(" x文\n", buffer.ToText());
        Assert.False(buffer[1, 0].IsContinuation);
    }

    [Fact]
    public void Overwriting_the_first_half_of_a_wide_grapheme_blanks_the_second()
    {
        var buffer = new Buffer(4, 1);
        buffer.SetString(0, 0, "中文");
        buffer.SetString(2, 0, "y");
        Assert.Equal("中y\n", buffer.ToText());
        Assert.Equal(" ", buffer[3, 0].Symbol);
    }

    [Fact]
    public void A_wide_grapheme_over_two_others_breaks_both()
    {
        var buffer = new Buffer(6, 1);
        buffer.SetString(0, 0, "中文字");
        buffer.SetString(1, 0, "😀");
        Assert.Equal(" 😀 字\n", buffer.ToText());
    }

    [Fact]
    public void Fill_at_a_wide_edge_does_not_leave_half_a_grapheme()
    {
        var buffer = new Buffer(6, 1);
        buffer.SetString(0, 0, "中文字");
        buffer.Fill(new Rect(1, 0, 2, 1), Cell.Blank);
        Assert.Equal("    字\n", buffer.ToText());
        Assert.False(buffer[3, 0].IsContinuation);
    }

    [Fact]
    public void Negative_offset_scrolls_horizontally_and_cut_wide_graphemes_become_blank()
    {
        var buffer = new Buffer(5, 1);
        buffer.SetString(-1, 0, "中abcdef");
        Assert.Equal(" abcd\n", buffer.ToText());
    }

    [Fact]
    public void Control_characters_are_dropped_and_tabs_expand()
    {
        var buffer = new Buffer(20, 1);
        buffer.SetString(0, 0, "a\u0007b\tc\rd");
        Assert.Equal("ab      cd\n", buffer.ToText());
    }

    [Fact]
    public void Combining_marks_stay_with_their_base()
    {
        var buffer = new Buffer(5, 1);
        Assert.Equal(3, buffer.SetString(0, 0, "e\u0301xy"));
        Assert.Equal("e\u0301", buffer[0, 0].Symbol);
        Assert.Equal("x", buffer[1, 0].Symbol);
    }

    [Fact]
    public void Styles_are_laid_over_what_is_there()
    {
        var buffer = new Buffer(4, 1);
        buffer.Fill(buffer.Area, new Style(Bg: Color.Blue));
        buffer.SetString(0, 0, "ab", new Style(Fg: Color.Red).Bold());
        Assert.Equal(new Style(Color.Red, Color.Blue, Modifiers.Bold), buffer[0, 0].Style);
        Assert.Equal(new Style(Bg: Color.Blue), buffer[3, 0].Style);
    }

    [Fact]
    public void Styled_text_dump_shows_styles_and_links()
    {
        var buffer = new Buffer(8, 2);
        buffer.SetString(0, 0, "ok", new Style(Fg: Color.Green).Bold());
        buffer.SetString(3, 0, "bad", new Style(Fg: Color.Rgb(255, 0, 0)));
        buffer.SetString(0, 1, "link", link: "https://example.com");
        Assert.Equal(
            "ok bad\nlink\n-- styles --\naa bbb\n\na = fg=green bold\nb = fg=#ff0000\nlink https://example.com\n",
            buffer.ToStyledText());
    }

    [Fact]
    public void SetLine_draws_spans_in_sequence()
    {
        var buffer = new Buffer(12, 1);
        int end = buffer.SetLine(1, 0, new Line([new Span("ab"), new Span("中", new Style(Fg: Color.Red)), new Span("c")]));
        Assert.Equal(6, end);
        Assert.Equal(" ab中c\n", buffer.ToText());
        Assert.Equal(Color.Red, buffer[3, 0].Style.Fg);
    }

    [Fact]
    public void Truncated_drawing_ends_with_an_ellipsis()
    {
        var buffer = new Buffer(10, 1);
        buffer.SetStringTruncated(new Rect(0, 0, 6, 1), "a long title");
        Assert.Equal("a lon…\n", buffer.ToText());
    }
}
