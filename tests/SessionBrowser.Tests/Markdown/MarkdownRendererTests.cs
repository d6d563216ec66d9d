using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Tests.Markdown;

public class MarkdownRendererTests
{
    private static string Render(string md, int width) =>
        string.Join("\n", MarkdownRenderer.Render(md, width).Select(l => l.PlainText.TrimEnd()));

    [Fact]
    public void Headings_keep_their_level_marker_and_style()
    {
        var lines = MarkdownRenderer.Render("# Title\n\n## Sub", 40);
        Assert.Equal(["# Title", "", "## Sub"], lines.Select(l => l.PlainText));
        Assert.Contains(lines[0].Spans, s => s.Text == "Title" && s.Style == MarkdownStyles.Heading1);
    }

    [Fact]
    public void Emphasis_strong_strike_and_inline_code_are_styled()
    {
        var spans = MarkdownRenderer.Render("a *it* **bold** ~~gone~~ `code`", 80)[0].Spans;
        Assert.Contains(spans, s => s.Text == "it" && s.Style.Mods.HasFlag(Modifiers.Italic));
        Assert.Contains(spans, s => s.Text == "bold" && s.Style.Mods.HasFlag(Modifiers.Bold));
        Assert.Contains(spans, s => s.Text == "gone" && s.Style.Mods.HasFlag(Modifiers.Strike));
        Assert.Contains(spans, s => s.Text == "code" && s.Style == MarkdownStyles.InlineCode);
    }

    [Fact]
    public void Paragraphs_wrap_at_spaces_by_cells()
    {
        Assert.Equal("one two\nthree four\nfive", Render("one two three four five", 10));
    }

    [Fact]
    public void Cjk_wraps_between_characters_by_cell_width()
    {
        // Eight wide characters, 16 cells, at width 10: five per line.
        Assert.Equal("你好世界你\n好世界", Render("你好世界你好世界", 10));
    }

    [Fact]
    public void Fenced_code_is_boxed_with_its_language_and_never_wrapped()
    {
        var text = Render("```python\ndef f():\n    return 'a very long line that will not fit in the box'\n```", 30);
        Assert.Equal(
            "╭─ python ───────────────────╮\n" +
            "│ def f():                   │\n" +
            "│     return 'a very long l… │\n" +
            "╰────────────────────────────╯", text);
    }

    [Fact]
    public void Code_lines_carry_the_tint()
    {
        var lines = MarkdownRenderer.Render("```\nx = 1\n```", 30);
        Assert.Contains(lines[1].Spans, s => s.Text.Contains("x = 1") && s.Style.Bg == MarkdownStyles.CodeText.Bg);
    }

    [Fact]
    public void Lists_nest_with_bullets_numbers_and_tasks()
    {
        var text = Render("- a\n  - b\n- c\n\n1. one\n2. two\n\n- [x] done\n- [ ] todo", 40);
        Assert.Equal("• a\n  ◦ b\n• c\n\n1. one\n2. two\n\n[✓] done\n[ ] todo", text);
    }

    [Fact]
    public void List_items_wrap_under_their_text()
    {
        Assert.Equal("• alpha\n  beta", Render("- alpha beta", 8));
    }

    [Fact]
    public void Quotes_get_a_bar()
    {
        Assert.Equal("│ quoted\n│ text", Render("> quoted\n> text", 40).Replace("quoted text", "quoted\n│ text"));
        Assert.Equal("│ one two\n│ three", Render("> one two three", 10));
    }

    [Fact]
    public void Tables_align_by_cell_width_including_wide_characters()
    {
        var text = Render("| name | n |\n|---|--:|\n| 你好 | 1 |\n| ab | 22 |", 40);
        Assert.Equal(
            "┌──────┬────┐\n" +
            "│ name │  n │\n" +
            "├──────┼────┤\n" +
            "│ 你好 │  1 │\n" +
            "│ ab   │ 22 │\n" +
            "└──────┴────┘", text);
    }

    [Fact]
    public void Links_show_text_and_address_and_carry_the_url_for_osc8()
    {
        var lines = MarkdownRenderer.Render("see [docs](https://example.com/x) and <https://a.b/>", 80);
        Assert.Equal("see docs (https://example.com/x) and https://a.b/", lines[0].PlainText);
        Assert.Contains(lines[0].Spans, s => s.Text == "docs" && s.Link == "https://example.com/x");
        Assert.Contains(lines[0].Spans, s => s.Text == "https://a.b/" && s.Link == "https://a.b/");
    }

    [Fact]
    public void Unsafe_link_schemes_are_not_made_clickable()
    {
        var lines = MarkdownRenderer.Render("[x](javascript:alert(1))", 80);
        Assert.All(lines[0].Spans, s => Assert.Null(s.Link));
    }

    [Fact]
    public void Thematic_break_spans_the_width()
    {
        Assert.Equal("a\n\n──────────\n\nb", Render("a\n\n---\n\nb", 10));
    }

    [Fact]
    public void Escape_sequences_in_session_text_never_reach_the_screen()
    {
        var text = Render("red \u001b[31mtext\u001b[0m \u001b]0;title\u0007done\u0007", 80);
        Assert.Equal("red text done", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Emoji_and_cjk_survive_intact()
    {
        Assert.Equal("修复 bug 🐛 ✅", Render("修复 bug 🐛 ✅", 80));
    }
}
