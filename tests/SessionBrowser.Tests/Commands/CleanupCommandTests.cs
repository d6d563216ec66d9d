using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Tests.Commands;

public sealed class CleanupCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly Dictionary<string, string> _ids = [];

    public CleanupCommandTests()
    {
        // Ages are days before the harness clock; the expected lists are worked out by hand from these.
        _ids["recent"] = LifecycleFixtureStore.Add(_cli.Store, "recent completed", SessionStatus.Completed, daysAgo: 3);
        _ids["old1"] = LifecycleFixtureStore.Add(_cli.Store, "old completed 45d", SessionStatus.Completed, daysAgo: 45);
        _ids["old2"] = LifecycleFixtureStore.Add(_cli.Store, "old completed 200d", SessionStatus.Completed, daysAgo: 200);
        _ids["paused"] = LifecycleFixtureStore.Add(_cli.Store, "old paused", SessionStatus.Paused, daysAgo: 90);
        _ids["crashed"] = LifecycleFixtureStore.Add(_cli.Store, "old crashed", SessionStatus.Crashed, daysAgo: 60);
        _ids["interrupted"] = LifecycleFixtureStore.Add(_cli.Store, "old interrupted", SessionStatus.Active, daysAgo: 100);
        _ids["live"] = LifecycleFixtureStore.Add(_cli.Store, "old live", SessionStatus.Completed, daysAgo: 100);
    }

    public void Dispose() => _cli.Dispose();

    private NativeStore Store => new(_cli.Store);

    private string[] Remaining() => [.. Store.List().Select(s => s.Id).Order()];

    private string[] All => [.. _ids.Values.Order()];

    private string[] AllBut(params string[] names) => [.. _ids.Where(kv => !names.Contains(kv.Key)).Select(kv => kv.Value).Order()];

    /// <summary>Runs while another process-like holder keeps the "live" session's lock.</summary>
    private CliResult RunWithLiveSession(Func<CliResult> run)
    {
        using var writer = Store.OpenWriter(_ids["live"]);
        return run();
    }

    [Fact]
    public void Dry_run_lists_the_default_policy_candidates_and_moves_nothing()
    {
        var result = RunWithLiveSession(() => _cli.Run("cleanup", "--dry-run"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Policy (default): status completed, inactive for more than 30d", result.Out);
        Assert.Contains("old completed 45d", result.Out);
        Assert.Contains("old completed 200d", result.Out);
        Assert.DoesNotContain("recent completed", result.Out);
        Assert.DoesNotContain("old paused", result.Out);
        Assert.Contains("2 sessions", result.Out);
        Assert.Contains("Never touched by cleanup: 1 live.", result.Out);
        Assert.Contains("Dry run", result.Out);
        Assert.Equal(All, Remaining());
        // Oldest first.
        Assert.True(result.Out.IndexOf("old completed 200d", StringComparison.Ordinal) < result.Out.IndexOf("old completed 45d", StringComparison.Ordinal));
    }

    [Fact]
    public void A_session_that_became_live_after_the_index_was_built_is_still_never_touched()
    {
        Assert.Equal(0, _cli.Run("cleanup", "--dry-run").ExitCode); // builds the index while nothing is live
        var result = RunWithLiveSession(() => _cli.Run("cleanup", "--yes"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Never touched by cleanup: 1 live.", result.Out);
        Assert.Equal(AllBut("old1", "old2"), Remaining());
    }

    [Fact]
    public void Yes_moves_exactly_the_hand_computed_list_to_the_trash_and_it_can_come_back()
    {
        var result = RunWithLiveSession(() => _cli.Run("cleanup", "--status", "any", "--older-than", "30d", "--yes"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Moved 4 sessions to the trash.", result.Out);
        // Any status, older than 30 days: old1, old2, paused, crashed. Never live or interrupted.
        Assert.Equal(AllBut("old1", "old2", "paused", "crashed"), Remaining());
        Assert.Equal(4, new SessionTrash(_cli.Store).List().Count);

        var trash = _cli.Run("trash", "list");
        Assert.Contains(_ids["old2"], trash.Out);
    }

    [Fact]
    public void Without_a_terminal_it_will_not_ask_and_moves_nothing()
    {
        var result = _cli.Run("cleanup");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--yes", result.Error);
        Assert.Equal(All, Remaining());
    }

    [Fact]
    public void It_asks_and_no_keeps_everything_yes_moves()
    {
        var no = RunWithLiveSession(() => _cli.RunInteractive("n\n", "cleanup"));
        Assert.Equal(0, no.ExitCode);
        Assert.Contains("Move 2 sessions to the trash? [y/N]", no.Out);
        Assert.Contains("Nothing was moved.", no.Out);
        Assert.Equal(All, Remaining());

        var yes = RunWithLiveSession(() => _cli.RunInteractive("y\n", "cleanup"));
        Assert.Equal(0, yes.ExitCode);
        Assert.Equal(AllBut("old1", "old2"), Remaining());
    }

    [Fact]
    public void Max_count_keeps_the_most_recent()
    {
        var result = _cli.Run("cleanup", "--status", "completed", "--max-count", "1", "--older-than", "12m", "--dry-run");
        Assert.Equal(0, result.ExitCode);
        // Completed and not live: recent, old1, old2 (live is exempt even though its status is completed) -> keep recent.
        Assert.Contains("old completed 45d", result.Out);
        Assert.Contains("old completed 200d", result.Out);
        Assert.Contains("beyond the 1 most recent", result.Out);
        Assert.DoesNotContain("recent completed", result.Out);
    }

    [Fact]
    public void Crashed_only()
    {
        var result = _cli.Run("cleanup", "--status", "crashed", "--yes");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(AllBut("crashed"), Remaining());
    }

    [Theory]
    [InlineData("--older-than", "0d", "greater than 0")]
    [InlineData("--older-than", "30", "invalid duration")]
    [InlineData("--older-than", "thirty days", "invalid duration")]
    [InlineData("--status", "active", "never cleaned up")]
    [InlineData("--max-count", "0", "positive")]
    public void Invalid_policies_are_usage_errors_and_move_nothing(string option, string value, string reason)
    {
        var result = _cli.Run("cleanup", option, value, "--yes");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error);
        Assert.Equal(All, Remaining());
    }

    [Fact]
    public void Settings_file_sets_the_default_policy()
    {
        string config = Path.Combine(_cli.Folder, "config");
        Directory.CreateDirectory(Path.Combine(config, "sessionbrowser"));
        File.WriteAllText(Path.Combine(config, "sessionbrowser", "config.json"), """{"cleanup": {"older_than": "8w", "status": "paused"}}""");
        _cli.Environment["XDG_CONFIG_HOME"] = config;

        var result = _cli.Run("cleanup", "--dry-run");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("status paused, inactive for more than 8w", result.Out);
        Assert.Contains("old paused", result.Out);
        Assert.DoesNotContain("old completed", result.Out);

        File.WriteAllText(Path.Combine(config, "sessionbrowser", "config.json"), """{"cleanup": {"older_than": "0d"}}""");
        var broken = _cli.Run("cleanup", "--dry-run");
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("config.json", broken.Error);
    }

    [Fact]
    public void Nothing_to_do_is_said_plainly()
    {
        var result = _cli.Run("cleanup", "--older-than", "1000d");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Nothing to clean up.", result.Out);
    }
}
