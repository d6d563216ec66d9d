using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Tests.Search;

public class TextTokensTests
{
    [Fact]
    public void Words_split_on_punctuation_and_fold_case_and_accents()
    {
        var tokens = TextTokens.Tokenize("Café_crème, NAÏVE résumé v2.0");
        Assert.Equal(["cafe", "creme", "naive", "resume", "v2", "0"], tokens.Select(t => t.Folded));
        Assert.Equal("Café", "Café_crème, NAÏVE résumé v2.0".Substring(tokens[0].Start, tokens[0].Length));
    }

    [Fact]
    public void Each_cjk_character_is_a_word()
    {
        var text = "修复登录bug和テスト";
        Assert.Equal(["修", "复", "登", "录", "bug", "和", "テ", "ス", "ト"], TextTokens.Tokenize(text).Select(t => t.Folded));
    }

    [Fact]
    public void Index_form_separates_cjk()
    {
        var text = "日本語 text 한국어 😀";
        var stored = TextTokens.ForIndex(text);
        Assert.Equal("日\u2063本\u2063語 text 한\u2063국\u2063어 😀", stored);
        Assert.Same("plain", TextTokens.ForIndex("plain"));
    }

    [Fact]
    public void Emoji_and_surrogates_do_not_break_words()
    {
        var tokens = TextTokens.Tokenize("a😀b 𠀀x");
        Assert.Equal(["a", "b", "𠀀", "x"], tokens.Select(t => t.Folded));
    }

    [Theory]
    [InlineData("plain ascii only")]
    [InlineData("日本語 text 한국어 😀")]
    [InlineData("修复登录bug和テスト")]
    [InlineData("𠀀𠀁 extension B, then 日")]
    [InlineData("Café crème ß")]
    [InlineData("")]
    public void The_utf8_index_form_is_the_string_one(string text)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(text);
        var into = new byte[TextTokens.MaxForIndexLength(utf8.Length)];
        int written = TextTokens.AppendForIndex(utf8, into);
        Assert.Equal(TextTokens.ForIndex(text), System.Text.Encoding.UTF8.GetString(into, 0, written));
    }
}
