using System.Text;
using SessionBrowser.Terminal.Rendering;
using SessionBrowser.Terminal.Testing;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Terminal.Tests.Rendering;

public class RenderingTests
{
    private static Buffer ListFrame(int width, int height, int selected)
    {
        var buffer = new Buffer(width, height);
        for (int row = 0; row < height; row++)
        {
            var style = row == selected ? new Style(Fg: Color.Black, Bg: Color.Cyan).Bold() : new Style(Fg: Color.White);
            if (row == selected) buffer.Fill(new Rect(0, row, width, 1), style);
            buffer.SetString(1, row, $"Session {row:000} — 中文标题 and some English text 🎉", style);
        }
        return buffer;
    }

    [Fact]
    public void Moving_the_selection_one_row_writes_only_the_two_changed_rows()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var screen = new VirtualTerminal(120, 40);
        var first = ListFrame(120, 40, selected: 5);
        screen.Write(renderer.Render(first));

        var second = ListFrame(120, 40, selected: 6);
        var changedRows = BufferDiff.Compute(first, second).Select(c => c.Y).Distinct().Order().ToList();
        var bytes = renderer.Render(second);
        screen.Write(bytes);

        Assert.Equal([5, 6], changedRows);
        Assert.Equal(second.ToStyledText(), screen.Screen.ToStyledText());
        // Two rows of 120 cells, each written once with a handful of style changes.
        Assert.InRange(bytes.Length, 1, 1024);
        Assert.Equal(2, CountOccurrences(bytes, "H")); // one absolute move per row
    }

    [Fact]
    public void An_unchanged_frame_writes_nothing()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        renderer.Render(ListFrame(40, 10, 1));
        Assert.Empty(renderer.Render(ListFrame(40, 10, 1)));
    }

    [Fact]
    public void A_frame_is_wrapped_in_synchronized_output_and_leaves_attributes_reset()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var text = Encoding.UTF8.GetString(renderer.Render(ListFrame(40, 10, 1)));
        Assert.StartsWith("\e[?2026h", text);
        Assert.EndsWith("\e[0m\e[?2026l", text);
    }

    [Fact]
    public void One_style_run_needs_one_sgr()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var buffer = new Buffer(20, 1);
        buffer.SetString(0, 0, "abcdefghij", new Style(Fg: Color.Red));
        var text = Encoding.UTF8.GetString(renderer.Render(buffer));
        Assert.Equal(1, CountOccurrences(Encoding.UTF8.GetBytes(text), "\e[31m"));
        Assert.Contains("\e[31mabcdefghij", text);
    }

    [Fact]
    public void Nearby_changes_on_a_row_use_a_short_relative_move()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var a = new Buffer(80, 5);
        renderer.Render(a);
        var b = new Buffer(80, 5);
        b.SetString(10, 2, "x");
        b.SetString(13, 2, "y");
        var text = Encoding.UTF8.GetString(renderer.Render(b));
        Assert.Contains("\e[3;11Hx\e[2Cy", text);
    }

    [Fact]
    public void Random_frames_reproduce_exactly_through_the_emulator()
    {
        var random = new Random(42);
        string[] words = ["alpha", "中文", "😀", "e\u0301", "🇯🇵", "beta", "字", "x", " ", "gamma"];
        Color[] colors = [Color.Default, Color.Red, Color.Indexed(200), Color.Rgb(10, 20, 30), Color.BrightCyan];
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var screen = new VirtualTerminal(30, 8);
        for (int frame = 0; frame < 60; frame++)
        {
            var buffer = new Buffer(30, 8);
            for (int i = 0; i < 25; i++)
            {
                var style = new Style(colors[random.Next(colors.Length)], colors[random.Next(colors.Length)], (Modifiers)random.Next(64));
                buffer.SetString(random.Next(-2, 30), random.Next(8), words[random.Next(words.Length)], style,
                    link: random.Next(10) == 0 ? "https://example.com/" + i : null);
            }
            screen.Write(renderer.Render(buffer));
            Assert.Equal(buffer.ToStyledText(), screen.Screen.ToStyledText());
        }
    }

    [Theory]
    [InlineData("🗂\uFE0F")]          // symbol + VS16: tmux 3.3a moves one column, we count two
    [InlineData("✔\uFE0F")]
    [InlineData("👩\u200D💻")]        // a ZWJ sequence
    [InlineData("👍🏽")]               // a skin tone
    public void After_a_grapheme_terminals_measure_differently_the_next_cell_is_placed_absolutely(string emoji)
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var frame = new Buffer(12, 1);
        frame.SetString(0, 0, "A" + emoji + "BC");
        var text = Encoding.UTF8.GetString(renderer.Render(frame));
        // The two cells we count for it are blanked first, the grapheme drawn at an absolute
        // position, and B placed at column 4 absolutely: never relative to where the terminal left the cursor.
        Assert.Contains("A  \e[1;2H" + emoji + "\e[1;4HBC", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_wide_graphemes_keep_relative_moves()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var frame = new Buffer(12, 1);
        frame.SetString(0, 0, "A中🎉BC");
        Assert.Contains("A中🎉BC", Encoding.UTF8.GetString(renderer.Render(frame)), StringComparison.Ordinal);
    }

    [Fact]
    public void Replacing_a_wide_grapheme_with_narrow_ones_repaints_both_columns()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var screen = new VirtualTerminal(6, 1);
        var a = new Buffer(6, 1);
        a.SetString(0, 0, "中文");
        screen.Write(renderer.Render(a));
        var b = new Buffer(6, 1);
        b.SetString(0, 0, "ab文");
        screen.Write(renderer.Render(b));
        Assert.Equal("ab文\n", screen.Screen.ToText());
    }

    [Fact]
    public void Resize_redraws_everything_after_a_clear()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        renderer.Render(ListFrame(40, 10, 1));
        var text = Encoding.UTF8.GetString(renderer.Render(ListFrame(50, 12, 1)));
        Assert.Contains("\e[2J", text);
    }

    [Fact]
    public void Cursor_is_shown_only_where_asked()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var screen = new VirtualTerminal(20, 5);
        screen.Write("\e[?25l");
        screen.Write(renderer.Render(new Buffer(20, 5), (3, 2)));
        Assert.True(screen.CursorVisible);
        Assert.Equal((3, 2), (screen.CursorX, screen.CursorY));
        screen.Write(renderer.Render(new Buffer(20, 5)));
        Assert.False(screen.CursorVisible);
    }

    [Fact]
    public void Links_are_written_as_osc8()
    {
        var renderer = new FrameRenderer(ColorMode.TrueColor);
        var buffer = new Buffer(20, 1);
        buffer.SetString(0, 0, "docs", link: "https://example.com");
        var text = Encoding.UTF8.GetString(renderer.Render(buffer));
        Assert.Contains("\e]8;;https://example.com\e\\docs\e]8;;\e\\", text);
    }

    [Theory]
    [InlineData(ColorMode.TrueColor, "38;2;255;135;0")]
    [InlineData(ColorMode.Ansi256, "38;5;208")]
    [InlineData(ColorMode.Ansi16, "33")]
    public void Colours_degrade_to_what_the_terminal_supports(ColorMode mode, string code)
    {
        var renderer = new FrameRenderer(mode);
        var buffer = new Buffer(4, 1);
        buffer.SetString(0, 0, "x", new Style(Fg: Color.Rgb(255, 135, 0)));
        Assert.Contains($"\e[{code}mx", Encoding.UTF8.GetString(renderer.Render(buffer)));
    }

    [Fact]
    public void No_color_keeps_modifiers_but_drops_colours()
    {
        var renderer = new FrameRenderer(ColorMode.None);
        var buffer = new Buffer(4, 1);
        buffer.SetString(0, 0, "x", new Style(Fg: Color.Red, Bg: Color.Blue).Reverse());
        var text = Encoding.UTF8.GetString(renderer.Render(buffer));
        Assert.Contains("\e[7mx", text);
        Assert.DoesNotContain("31", text);
    }

    [Theory]
    [InlineData("1", "truecolor", "xterm-256color", ColorMode.None)]
    [InlineData(null, "truecolor", "xterm-256color", ColorMode.TrueColor)]
    [InlineData(null, "24bit", "xterm", ColorMode.TrueColor)]
    [InlineData(null, null, "tmux-256color", ColorMode.Ansi256)]
    [InlineData(null, null, "xterm", ColorMode.Ansi16)]
    [InlineData(null, null, "dumb", ColorMode.None)]
    [InlineData("", null, "xterm-direct", ColorMode.TrueColor)]
    public void Colour_support_from_the_environment(string? noColor, string? colorTerm, string? term, ColorMode expected)
    {
        var env = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["COLORTERM"] = colorTerm, ["TERM"] = term };
        Assert.Equal(expected, ColorSupport.Detect(name => env.GetValueOrDefault(name)));
    }

    [Fact]
    public void Indexed_and_grays_degrade_sensibly()
    {
        Assert.Equal(Color.Indexed(196), ColorSupport.Degrade(Color.Rgb(255, 0, 0), ColorMode.Ansi256));
        Assert.Equal(Color.Indexed(244), ColorSupport.Degrade(Color.Rgb(128, 128, 128), ColorMode.Ansi256));
        Assert.Equal(Color.Ansi(9), ColorSupport.Degrade(Color.Indexed(196), ColorMode.Ansi16));
        Assert.Equal(Color.Ansi(4), ColorSupport.Degrade(Color.Indexed(4), ColorMode.Ansi16));
        Assert.Equal(Color.Default, ColorSupport.Degrade(Color.Red, ColorMode.None));
    }

    private static int CountOccurrences(byte[] bytes, string needle)
    {
        var text = Encoding.UTF8.GetString(bytes);
        int count = 0, index = 0;
        while ((index = text.IndexOf(needle, index, StringComparison.Ordinal)) >= 0) { count++; index += needle.Length; }
        return count;
    }
}
