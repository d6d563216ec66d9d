using System.Text.Json;
using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

public sealed class RecoverCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public RecoverCommandTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    private string StatusOf(string id) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(_cli.Store, id, "metadata.json"))).RootElement.GetProperty("status").GetString()!;

    [Fact]
    public void Json_lists_interrupted_sessions_with_what_the_prompt_needs()
    {
        string interrupted = _store.Add(TimeSpan.FromHours(1), "Half done", status: "active", snapshots: 3);
        _store.Add(TimeSpan.FromHours(2), "Finished", status: "completed");

        var result = _cli.Run("recover", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var row = Assert.Single(JsonDocument.Parse(result.Out).RootElement.EnumerateArray());
        Assert.Equal(interrupted, row.GetProperty("id").GetString());
        Assert.Equal("Half done", row.GetProperty("title").GetString());
        Assert.Equal(3, row.GetProperty("latest_snapshot").GetProperty("step").GetInt32());
        Assert.Equal(["kimi", "--session", interrupted], row.GetProperty("resume").GetProperty("command").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("/home/test/project", row.GetProperty("resume").GetProperty("work_dir").GetString());
        Assert.Equal(JsonValueKind.Object, row.GetProperty("lock_holder").ValueKind);
    }

    [Fact]
    public void Without_a_terminal_it_lists_and_changes_nothing()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Half done", status: "active");

        var result = _cli.Run("recover");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("1 interrupted session", result.Out);
        Assert.Contains("Half done", result.Out);
        Assert.Contains("Run this on a terminal", result.Out);
        Assert.Equal("active", StatusOf(id));
    }

    [Fact]
    public void Yes_shows_how_to_resume_and_changes_nothing()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Half done", status: "active", snapshots: 2);

        var result = _cli.RunInteractive("y\n", "recover");

        Assert.Contains("Recover this session? [y/n]", result.Out);
        Assert.Contains("Continue from snapshot step 2", result.Out);
        Assert.Contains($"Resume it with: cd /home/test/project && kimi --session {id}", result.Out);
        Assert.Equal("active", StatusOf(id));
    }

    [Fact]
    public void No_then_yes_marks_it_crashed_so_it_is_not_offered_again()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Half done", status: "active");

        var result = _cli.RunInteractive("n\ny\n", "recover");

        Assert.Contains("Marked crashed.", result.Out);
        Assert.Equal("crashed", StatusOf(id));
        Assert.Equal("No interrupted sessions.", _cli.Run("recover").Out.Trim());
    }

    [Fact]
    public void No_twice_leaves_it_as_it_is()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Half done", status: "active");

        var result = _cli.RunInteractive("n\nn\n", "recover");

        Assert.Contains("Left as it is.", result.Out);
        Assert.Equal("active", StatusOf(id));
    }
}
