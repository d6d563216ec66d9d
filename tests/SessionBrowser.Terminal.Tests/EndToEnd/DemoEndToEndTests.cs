using SessionBrowser.TestSupport;

namespace SessionBrowser.Terminal.Tests.EndToEnd;

/// <summary>The real demo program in a real terminal (tmux, 120x40): start, keys, mouse, resize, and a clean terminal after every way out.</summary>
public sealed class DemoEndToEndTests
{
    private const string Header = "Terminal toolkit demo";

    private static string[] DemoCommand()
    {
        var dir = AppContext.BaseDirectory;
        var apphost = Path.Combine(dir, "SessionBrowser.Terminal.Demo");
        return File.Exists(apphost) ? [apphost] : ["dotnet", Path.Combine(dir, "SessionBrowser.Terminal.Demo.dll")];
    }

    private static TmuxSession StartDemo(int width = 120, int height = 40)
    {
        var session = TmuxSession.Start(DemoCommand(), width, height);
        session.WaitForText(Header, TimeSpan.FromSeconds(30));
        return session;
    }

    private static void AssertTerminalRestored(TmuxSession tmux)
    {
        Assert.False(tmux.AlternateScreen, "still on the alternate screen");
        Assert.True(tmux.CursorVisible, "cursor left hidden");
    }

    [TmuxFact]
    public void Starts_on_the_alternate_screen_with_the_list_drawn()
    {
        using var tmux = StartDemo();
        var screen = tmux.WaitForText("200 items");
        Assert.True(tmux.AlternateScreen);
        Assert.False(tmux.CursorVisible);
        Assert.Contains("120x40", screen);
        Assert.Contains("▶  Item 1 修复错误 한국어", screen);
        Assert.Contains("Item 2 emoji 🎉 日本語", screen);
        Assert.Contains("q quit", screen);
    }

    [TmuxFact]
    public void Keys_move_mark_and_filter()
    {
        using var tmux = StartDemo();
        tmux.SendKeys("j", "j", "Space", "j");
        tmux.WaitForText("selected: Item 5 ");
        tmux.WaitForText("marked: 1");

        tmux.SendKeys("/");
        tmux.SendText("日本");
        var screen = tmux.WaitForText("/ 日本");
        Assert.Contains("40 items", screen);
        Assert.True(tmux.CursorVisible, "the filter shows the cursor");
        tmux.SendKeys("Enter");
        tmux.WaitUntil(s => !tmux.CursorVisible && s.Contains("selected: Item 2 emoji"), "filtered list selection");
    }

    [TmuxFact]
    public void Mouse_clicks_and_the_wheel_select_rows()
    {
        using var tmux = StartDemo();
        // The list starts at y=2: row 8 is the seventh item.
        tmux.Click(5, 8);
        tmux.WaitForText("selected: Item 7 ");
        tmux.Wheel(5, 10, down: true);
        tmux.WaitForText("selected: Item 10 ");
    }

    [TmuxFact]
    public void Resize_redraws_at_the_new_size()
    {
        using var tmux = StartDemo();
        tmux.Resize(90, 30);
        var screen = tmux.WaitForText("90x30");
        Assert.Contains("Item 1 修复错误", screen);
        tmux.Resize(30, 6);
        tmux.WaitForText("terminal too small (30x6)");
        tmux.Resize(120, 40);
        tmux.WaitForText("120x40");
    }

    [TmuxFact]
    public void Paste_arrives_as_one_event_in_the_filter()
    {
        using var tmux = StartDemo();
        tmux.SendKeys("/");
        tmux.Paste("parser\nignored newline");
        tmux.WaitForText("/ parser ignored newline");
    }

    [TmuxFact]
    public void Quit_restores_the_terminal_and_prints_the_result_on_the_normal_screen()
    {
        using var tmux = StartDemo();
        tmux.SendKeys("j", "q");
        Assert.Equal(0, tmux.WaitForExit());
        AssertTerminalRestored(tmux);
        Assert.Contains("selected: Item 2 emoji 🎉 日本語", tmux.Capture());
    }

    [TmuxFact]
    public void An_exception_restores_the_terminal_then_reports_the_crash()
    {
        using var tmux = StartDemo();
        tmux.SendKeys("x");
        Assert.Equal(1, tmux.WaitForExit());
        AssertTerminalRestored(tmux);
        var screen = tmux.Capture();
        Assert.Contains("demo crash requested with x", screen);
        Assert.DoesNotContain(Header, screen);
    }

    [TmuxFact]
    public void Sigterm_restores_the_terminal()
    {
        using var tmux = StartDemo();
        tmux.Signal("TERM");
        Assert.NotEqual(0, tmux.WaitForExit());
        AssertTerminalRestored(tmux);
    }

    [TmuxFact]
    public void Sighup_restores_the_terminal()
    {
        using var tmux = StartDemo();
        tmux.Signal("HUP");
        tmux.WaitForExit();
        AssertTerminalRestored(tmux);
    }

    [TmuxFact]
    public void Ctrl_c_quits_cleanly()
    {
        using var tmux = StartDemo();
        tmux.SendKeys("C-c");
        Assert.Equal(1, tmux.WaitForExit());
        AssertTerminalRestored(tmux);
    }

    [TmuxFact]
    public void Ctrl_z_gives_the_shell_a_clean_terminal_and_fg_comes_back()
    {
        using var tmux = TmuxSession.Start(["bash", "--norc", "--noprofile"]);
        tmux.WaitUntil(screen => screen.Trim().Length > 0, "the shell prompt");
        tmux.SendText(string.Join(' ', DemoCommand()));
        tmux.SendKeys("Enter");
        tmux.WaitForText(Header, TimeSpan.FromSeconds(30));
        tmux.SendKeys("j", "C-z");
        tmux.WaitForText("Stopped");
        AssertTerminalRestored(tmux);

        tmux.SendText("fg");
        tmux.SendKeys("Enter");
        tmux.WaitForText(Header);
        Assert.True(tmux.AlternateScreen);
        tmux.SendKeys("j");
        tmux.WaitForText("selected: Item 3 ");
        tmux.SendKeys("q");
        tmux.WaitForText("selected: Item 3");
        AssertTerminalRestored(tmux);
    }
}
