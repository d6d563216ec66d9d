using SessionBrowser.Browser;
using SessionBrowser.Browser.Runtime;
using SessionBrowser.Core.Stores;
using static SessionBrowser.Tests.Browser.BrowserFixture;

namespace SessionBrowser.Tests.Browser;

/// <summary>What Enter leads to, worked out before the browser leaves the screen (issue 15 item 5).</summary>
public sealed class ResumePrepareTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sb-resume-").FullName;
    private readonly string _here;

    public ResumePrepareTests()
    {
        _here = Directory.CreateDirectory(Path.Combine(_root, "here")).FullName;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<ResumeCommand?> Source(params string[] words) => () => new ResumeCommand(words, null);

    [Fact]
    public void A_missing_work_dir_is_asked_about_never_replaced_silently_even_with_a_template()
    {
        var gone = Path.Combine(_root, "deleted-project");
        var session = Session("abcd1234", "Old work", workDir: gone);
        var msg = ResumeLauncher.Prepare(session, Source("sh"), template: "sh -c true {id}", _here, inCurrentFolder: false);
        var ask = Assert.IsType<ResumeNeedsFolder>(msg);
        Assert.Equal(gone, ask.MissingDir);
        Assert.Equal(_here, ask.CurrentDir);

        // Yes: the same command, in the current folder, said so in the command itself.
        var ready = Assert.IsType<ResumeReady>(ResumeLauncher.Prepare(session, Source("sh"), "sh -c true {id}", _here, inCurrentFolder: true));
        Assert.Equal(_here, ready.Command.WorkingDirectory);
        Assert.Equal(["sh", "-c", "true", "abcd1234"], ready.Command.Arguments);
    }

    [Fact]
    public void An_agent_that_is_not_installed_is_an_error_in_the_browser()
    {
        var session = Session("abcd1234", "Work", workDir: _here);
        var msg = ResumeLauncher.Prepare(session, Source("no-such-agent-6b1f", "--resume", "abcd1234"), template: null, _here, inCurrentFolder: false);
        var failed = Assert.IsType<ActionFailed>(msg);
        Assert.Contains("no-such-agent-6b1f is not installed", failed.Error, StringComparison.Ordinal);
        Assert.Contains(ResumeLauncher.TemplateVariable, failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_without_a_resume_command_says_how_to_set_one()
    {
        var session = Session("abcd1234", "Work", workDir: _here);
        var failed = Assert.IsType<ActionFailed>(ResumeLauncher.Prepare(session, () => null, null, _here, false));
        Assert.Contains(ResumeLauncher.TemplateVariable, failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runnable_command_in_an_existing_work_dir_is_ready()
    {
        var session = Session("abcd1234", "Work", workDir: _here);
        var ready = Assert.IsType<ResumeReady>(ResumeLauncher.Prepare(session, () => new ResumeCommand(["sh", "-c", "true"], _here), null, "/elsewhere", false));
        Assert.Equal(_here, ready.Command.WorkingDirectory);
        Assert.Equal(session.Ref, ready.Ref);
    }

    [Fact]
    public void The_pager_gets_only_sanitized_text_title_included()
    {
        var text = BrowserHost.PagerText(new OpenPager("evil \e]52;c;cm0gLXJmIH4=\a title \e[2J", "body \e[31mred\e[0m \u202Eexe.txt \x07bell"));
        Assert.DoesNotContain('\e', text);
        Assert.DoesNotContain('\a', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.Contains("evil  title", text, StringComparison.Ordinal);
        Assert.Contains("body red", text, StringComparison.Ordinal);
    }
}
