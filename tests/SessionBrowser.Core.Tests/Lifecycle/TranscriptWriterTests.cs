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
