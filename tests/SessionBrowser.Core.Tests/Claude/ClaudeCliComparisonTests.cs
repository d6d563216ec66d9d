using System.Diagnostics;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Claude;

namespace SessionBrowser.Core.Tests.Claude;

/// <summary>Runs only when the real Claude Code (npm @anthropic-ai/claude-code) and tmux are on PATH.</summary>
public sealed class ClaudeFactAttribute : FactAttribute
{
    public ClaudeFactAttribute()
    {
        if (ClaudeCli.Find("claude") is null || ClaudeCli.Find("tmux") is null)
            Skip = "claude or tmux is not on PATH: install @anthropic-ai/claude-code (npm) to check that Claude's own picker sees our renames and deletes";
    }
}

/// <summary>Claude's /resume picker, run offline in a private tmux server (AGENT-FORMATS.md: the offline set-up), read off the screen.</summary>
public static class ClaudeCli
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>~/.claude.json that skips onboarding, trusts the folder and accepts the dummy key, so the picker opens without a network.</summary>
    public static void Prepare(string userHome, string workDir)
    {
        var config = new JsonObject
        {
            ["hasCompletedOnboarding"] = true,
            ["customApiKeyResponses"] = new JsonObject { ["approved"] = new JsonArray("dummy"), ["rejected"] = new JsonArray() },
            ["projects"] = new JsonObject { [workDir] = new JsonObject { ["hasTrustDialogAccepted"] = true } },
        };
        Directory.CreateDirectory(userHome);
        File.WriteAllText(Path.Combine(userHome, ".claude.json"), config.ToJsonString());
    }

    /// <summary>The screen of <c>claude --resume</c> once its picker shows its rows ("… ago · 1KB"), or its "nothing to resume" note.</summary>
    public static string Picker(string userHome, string workDir)
    {
        string server = "sb-claude-" + Guid.NewGuid().ToString("N")[..8];
        string command = string.Join(' ', "env", "-i", $"PATH={Quote(Environment.GetEnvironmentVariable("PATH") ?? "")}", $"HOME={Quote(userHome)}",
            "TERM=xterm-256color", "ANTHROPIC_API_KEY=dummy", "ANTHROPIC_BASE_URL=http://127.0.0.1:9", "DISABLE_AUTOUPDATER=1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "claude", "--resume", ";", "sleep", "30");
        Tmux(server, "new-session", "-d", "-x", "140", "-y", "40", "-c", workDir, command);
        try
        {
            string screen = "";
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                screen = Tmux(server, "capture-pane", "-p");
                if (screen.Contains("Resume session", StringComparison.Ordinal) && screen.Contains(" ago ·", StringComparison.Ordinal)
                    || screen.Contains("No conversations", StringComparison.OrdinalIgnoreCase))
                    return screen;
                Thread.Sleep(250); // polling a real program's screen: there is no clock to fake
            }
            throw new TimeoutException("claude --resume showed no picker:\n" + screen);
        }
        finally
        {
            Tmux(server, "kill-server");
        }
    }

    private static string Tmux(string server, params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(server);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

public sealed class ClaudeCliComparisonTests : IDisposable
{
    private readonly ClaudeFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [ClaudeFact]
    public void Claudes_picker_shows_our_rename_and_no_longer_lists_what_we_deleted()
    {
        string userHome = Path.GetDirectoryName(_fixture.Home)!;
        string work = _fixture.WorkDir("picker");
        ClaudeCli.Prepare(userHome, work);
        var now = DateTimeOffset.UtcNow;
        var kept = _fixture.Writer.Session(work, ClaudeFixture.Id(1), now.AddHours(-2)).User("Explain the retry loop in worker.go")
            .Assistant(ClaudeFixture.Model, ClaudeFixture.SomeUsage, ClaudeSessionWriter.Text("It retries three times.")).Flush();
        var doomed = _fixture.Writer.Session(work, ClaudeFixture.Id(2), now.AddHours(-1)).User("Draft the changelog for 2.0")
            .Assistant(ClaudeFixture.Model, ClaudeFixture.SomeUsage, ClaudeSessionWriter.Text("Drafted.")).Flush();
        File.SetLastWriteTimeUtc(kept.Path, now.AddHours(-2).UtcDateTime);
        File.SetLastWriteTimeUtc(doomed.Path, now.AddHours(-1).UtcDateTime);
        var store = new ClaudeStore(_fixture.Home);

        string before = ClaudeCli.Picker(userHome, work);
        Assert.Contains("Explain the retry loop", before);
        Assert.Contains("Draft the changelog", before);

        store.Rename(kept.Id, "Retry loop walkthrough");
        new SessionTrash(Path.Combine(_fixture.Root, "native")).DeleteSession(store, doomed.Id);

        string after = ClaudeCli.Picker(userHome, work);
        Assert.Contains("Retry loop walkthrough", after);
        Assert.DoesNotContain("Draft the changelog", after);
    }
}
