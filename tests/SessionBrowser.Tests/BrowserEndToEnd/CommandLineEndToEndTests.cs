using SessionBrowser.TestSupport;

namespace SessionBrowser.Tests.BrowserEndToEnd;

/// <summary>
/// Commands (not the full screen) run by the real program on a real terminal (tmux), where the
/// user sees them: what they print, their exit codes and the terminal state they leave.
/// </summary>
public sealed class CommandLineEndToEndTests
{
    /// <summary>
    /// Runs one shell command line ($SB is the program) after the pane's output starts being
    /// recorded; returns the exit code, the screen and the raw bytes the pane received.
    /// </summary>
    private static (int Code, string Screen, byte[] Bytes, bool ApplicationKeys) RunCommand(E2eStore store, string commandLine, int width = 120)
    {
        string bytesFile = Path.Combine(store.Folder, "pane-" + Guid.NewGuid().ToString("N")[..6] + ".bytes");
        // The command waits for one line of input, so recording starts before it writes anything.
        using var tmux = store.StartShell($"read go; {commandLine}", width);
        tmux.RecordOutput(bytesFile);
        tmux.SendKeys("Enter");
        int code = tmux.WaitForExit(TimeSpan.FromSeconds(60));
        var screen = tmux.Capture();
        bool applicationKeys = tmux.ApplicationKeys;
        tmux.Dispose(); // ends the pipe, so the file is complete
        return (code, screen, File.ReadAllBytes(bytesFile), applicationKeys);
    }

    private static bool Contains(byte[] bytes, string sequence) =>
        bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(sequence)) >= 0;

    [TmuxFact]
    public void Commands_leave_the_terminal_in_normal_cursor_and_keypad_mode()
    {
        using var store = new E2eStore();
        foreach (string command in new[] { "$SB --version", $"$SB --store '{store.Root}' list", $"$SB --store '{store.Root}' show nosuchid" })
        {
            var (_, screen, bytes, applicationKeys) = RunCommand(store, command);
            Assert.False(Contains(bytes, "\e[?1h"), $"{command} switched to application cursor mode:\n{screen}");
            Assert.False(Contains(bytes, "\e="), $"{command} switched to application keypad mode:\n{screen}");
            Assert.False(applicationKeys, $"{command} left the terminal in application mode");
        }
    }

    [TmuxFact]
    public void A_sub_command_error_points_at_that_sub_commands_help()
    {
        using var store = new E2eStore();
        var (code, screen, _, _) = RunCommand(store, $"$SB --store '{store.Root}' trash empty --older-than 0");
        Assert.Equal(2, code);
        Assert.Contains("trash empty --help", screen);
    }

    [TmuxFact]
    public void An_unknown_status_is_an_error_that_lists_the_valid_ones()
    {
        using var store = new E2eStore();
        var (code, screen, _, _) = RunCommand(store, $"$SB --store '{store.Root}' list --status bogus");
        Assert.Equal(2, code);
        Assert.Contains("unknown status 'bogus'", screen);
        Assert.Contains("interrupted", screen);
    }
}
