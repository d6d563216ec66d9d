using SessionBrowser.Markdown;

namespace SessionBrowser.Tests.Markdown;

public class SessionTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u001b[1;31mb\u001b[0mc", "abc")]              // CSI (SGR)
    [InlineData("a\u001b]52;c;aGVsbG8=\u0007b", "ab")]            // OSC 52 clipboard write, BEL-terminated
    [InlineData("a\u001b]8;;http://x\u001b\\b", "ab")]            // OSC 8, ST-terminated
    [InlineData("a\u001bPqdata\u001b\\b", "ab")]                  // DCS
    [InlineData("a\u009b2Jb", "ab")]                              // C1 CSI
    [InlineData("a\u0007\u0008\u007fb", "ab")]                    // BEL, BS, DEL
    [InlineData("x\r\ny", "x\ny")]
    [InlineData("\tx", "    x")]
    [InlineData("中文 🙂", "中文 🙂")]
    public void Strips_controls_and_escape_sequences(string input, string expected) =>
        Assert.Equal(expected, SessionText.Sanitize(input));

    [Fact]
    public void OneLine_folds_lines_for_titles()
    {
        Assert.Equal("first second", SessionText.OneLine("  first\n\n second \n"));
    }
}
