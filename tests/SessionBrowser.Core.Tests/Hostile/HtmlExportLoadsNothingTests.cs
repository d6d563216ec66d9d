using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Tests.Lifecycle;

namespace SessionBrowser.Core.Tests.Hostile;

/// <summary>Issue 14, item 20: opening an HTML export loads nothing from anywhere (no tracking pixel).</summary>
public sealed class HtmlExportLoadsNothingTests
{
    [Fact]
    public void Images_become_links_and_the_page_allows_no_remote_loads()
    {
        var records = new[]
        {
            new MessageRecord(0, 0, new Message(Roles.Assistant, "See ![pixel](https://tracker.example/p.gif) and ![](https://img.example/a.png)", null)),
        };
        var text = new StringWriter();

        TranscriptWriter.WriteHtml(text, LifecycleFixtures.Summary("a3b4c5d6"), records);

        string html = text.ToString();
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("img-src", html);
        Assert.Contains("<a href=\"https://tracker.example/p.gif\">pixel</a>", html);
        Assert.Contains("<a href=\"https://img.example/a.png\">https://img.example/a.png</a>", html);
    }
}
