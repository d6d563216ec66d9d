using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class TranscriptWriterTests
{
    private static readonly SessionSummary Session = LifecycleFixtures.Summary("a3b4c5d6", messages: 3, tokens: 1234, cost: 0.5, tags: ["x|y"]) with
    {
        Title = "Fix <the> bug & ship",
    };

    private static readonly MessageRecord[] Records =
    [
        new(0, 0, new Message(Roles.User, "Please fix `parse()` <script>alert(1)</script>", "2025-01-15T10:30:00")),
        new(1, 80, new Message(Roles.Assistant, "Done:\n\n```csharp\nvar x = 1 < 2;\n```\n\n[click](javascript:alert(1)) [docs](https://example.com/a?b=1) [rel](notes.md) [data](DATA:text/html,x)", "2025-01-15T10:31:00")),
        new(2, 200, null, "line 3: not JSON"),
    ];

    [Fact]
    public void Markdown_has_title_facts_roles_and_damage()
    {
        var text = new StringWriter();
        TranscriptWriter.WriteMarkdown(text, Session, Records);
        string md = text.ToString();
        Assert.StartsWith("# Fix <the> bug & ship\n", md);
        Assert.Contains("| Session | native:a3b4c5d6 |", md);
        Assert.Contains("| Tags | x\\|y |", md);
        Assert.Contains("### You · 2025-01-15 10:30:00", md);
        Assert.Contains("### Assistant · 2025-01-15 10:31:00", md);
        Assert.Contains("```csharp\nvar x = 1 < 2;\n```", md);
        Assert.Contains("**Unreadable line** (message 3): line 3: not JSON", md);
    }

    /// <summary>Issue 14 item 11: a Markdown export is read with cat and less -R, so its header carries no escape sequence from the session's metadata.</summary>
    [Fact]
    public void Markdown_header_drops_escape_sequences_controls_and_bidi_overrides_from_metadata()
    {
        var hostile = Session with
        {
            Title = "Title\e]0;pwned\a here\u202E",
            Model = "gpt\e[31m-4\e[0m",
            WorkDir = "/tmp/\e]52;c;aGk=\a\u0007work",
            Tags = ["\e[2Jtag", "two\r\nlines"],
        };
        var text = new StringWriter();
        TranscriptWriter.WriteMarkdown(text, hostile, []);
        string md = text.ToString();
        Assert.DoesNotContain('\e', md);
        Assert.DoesNotContain('\a', md);
        Assert.DoesNotContain('\u202E', md);
        Assert.StartsWith("# Title here\n", md);
        Assert.Contains("| Model | gpt-4 |", md);
        Assert.Contains("| Work dir | /tmp/work |", md);
        Assert.Contains("| Tags | tag, two lines |", md);
    }

    [Fact]
    public void Html_escapes_content_and_neutralises_script_links()
    {
        var text = new StringWriter();
        TranscriptWriter.WriteHtml(text, Session, Records);
        string html = text.ToString();
        Assert.Contains("<title>Fix &lt;the&gt; bug &amp; ship</title>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<code>parse()</code>", html);
        Assert.Contains("<code class=\"language-csharp\">var x = 1 &lt; 2;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("DATA:text", html);
        Assert.Contains("href=\"https://example.com/a?b=1\"", html);
        Assert.Contains("href=\"notes.md\"", html);
        Assert.Contains("Content-Security-Policy", html);
        Assert.Contains("line 3: not JSON", html);
    }
}
