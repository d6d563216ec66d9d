using System.Text.Json;
using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Writes_a_store_that_list_reads_back()
    {
        string output = Path.Combine(_cli.Folder, "generated");

        var result = _cli.Run("generate", "--out", output, "--sessions", "12", "--messages", "6", "--seed", "3");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Wrote 12 sessions", result.Out);
        var listed = _cli.RunRaw(["--store", output, "list", "--json"]);
        var rows = JsonDocument.Parse(listed.Out).RootElement;
        Assert.Equal(12, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), row => Assert.Equal(JsonValueKind.Null, row.GetProperty("damaged").ValueKind));
    }

    [Fact]
    public void The_same_seed_writes_the_same_sessions()
    {
        string first = Path.Combine(_cli.Folder, "first");
        string second = Path.Combine(_cli.Folder, "second");

        _cli.Run("generate", "--out", first, "--sessions", "5", "--messages", "4", "--seed", "9");
        _cli.Run("generate", "--out", second, "--sessions", "5", "--messages", "4", "--seed", "9");

        Assert.Equal(
            _cli.RunRaw(["--store", first, "list", "--json"]).Out,
            _cli.RunRaw(["--store", second, "list", "--json"]).Out);
    }

    [Fact]
    public void Refuses_a_folder_that_is_not_empty_and_leaves_it_alone()
    {
        string output = Path.Combine(_cli.Folder, "busy");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "mine");

        var result = _cli.Run("generate", "--out", output, "--sessions", "2", "--messages", "2");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("is not empty", result.Error);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--sessions", "2", "--messages", "2")]
    [InlineData("--out", "x", "--messages", "2")]
    [InlineData("--out", "x", "--sessions", "2", "--messages", "0")]
    [InlineData("--out", "x", "--sessions", "-1", "--messages", "2")]
    public void Missing_or_bad_numbers_are_usage_errors(params string[] args)
    {
        var result = _cli.Run(["generate", .. args]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    [Theory]
    [InlineData("claude", "CLAUDE_CONFIG_DIR", ".claude")]
    [InlineData("codex", "SESSION_BROWSER_CODEX_HOME", ".codex")]
    [InlineData("kimi", "KIMI_SHARE_DIR", ".kimi")]
    [InlineData("qwen", "QWEN_HOME", ".qwen")]
    [InlineData("opencode", "XDG_DATA_HOME", ".local/share")]
    public void Writes_an_agent_home_its_source_reads_back_whole(string agent, string variable, string folder)
    {
        string home = Path.Combine(_cli.Folder, agent + "-home");

        var result = _cli.Run("generate", "--agent", agent, "--out", home, "--sessions", "24", "--messages", "4", "--seed", "5");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains($"Wrote 24 {agent} sessions to {Path.Combine(home, folder)}", result.Out);
        _cli.Environment[variable] = Path.Combine(home, folder);
        var rows = JsonDocument.Parse(_cli.Run("list", "--source", agent, "--json").Out).RootElement;
        Assert.Equal(24, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), row =>
        {
            Assert.Equal(agent, row.GetProperty("source").GetString());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("damaged").ValueKind);
            Assert.StartsWith(Path.Combine(home, "work", "project-"), row.GetProperty("work_dir").GetString());
            Assert.True(row.GetProperty("message_count").GetInt32() >= 2);
        });
        // Several title rules and ages: not 24 copies of one session.
        Assert.True(rows.EnumerateArray().Select(row => row.GetProperty("title").GetString()).Distinct().Count() > 12);
    }
}
