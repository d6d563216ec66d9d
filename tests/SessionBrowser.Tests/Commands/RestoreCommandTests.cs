using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

public sealed class RestoreCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public RestoreCommandTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    private string MessagesOf(string id) => File.ReadAllText(Path.Combine(_cli.Store, id, "messages.jsonl"));

    /// <summary>Two messages, snapshot 1, two more messages, snapshot 2: restoring step 1 cuts the last two.</summary>
    private string SessionWithHistory()
    {
        string id = _store.Add(TimeSpan.FromHours(3), "Rewind me", messages: ["user: first", "assistant: second"], snapshots: 1);
        // The builder's clock now stands 5 minutes after snapshot 1 was taken.
        var store = _store.Store;
        store.AppendMessage(id, "user", "third");
        store.AppendMessage(id, "assistant", "fourth");
        store.CreateSnapshot(id, 2, null);
        return id;
    }

    [Fact]
    public void Without_a_terminal_and_without_yes_it_shows_the_plan_and_changes_nothing()
    {
        string id = SessionWithHistory();
        string before = MessagesOf(id);

        var result = _cli.Run("restore", id, "--step", "1");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("to snapshot step 1", result.Out);
        Assert.Contains("keeps    2 messages", result.Out);
        Assert.Contains("cuts     2 messages", result.Out);
        Assert.Contains("removes  snapshot 2", result.Out);
        Assert.Contains(".restore-", result.Out);
        Assert.Equal(before, MessagesOf(id));
    }

    [Fact]
    public void Yes_cuts_the_messages_after_the_snapshot_and_undo_brings_them_back_byte_for_byte()
    {
        string id = SessionWithHistory();
        string before = MessagesOf(id);

        var result = _cli.RunInteractive("y\n", "restore", id, "--step", "1");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains($"restore {id} --undo", result.Out);
        string after = MessagesOf(id);
        Assert.Contains("second", after);
        Assert.DoesNotContain("third", after);

        var undo = _cli.Run("restore", id, "--undo", "--yes");

        Assert.Equal(ExitCodes.Ok, undo.ExitCode);
        Assert.Equal(before, MessagesOf(id));
    }

    [Fact]
    public void A_missing_step_names_the_steps_there_are()
    {
        string id = SessionWithHistory();

        var result = _cli.Run("restore", id, "--step", "7", "--yes");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no snapshot 7", result.Error);
        Assert.Contains("1, 2", result.Error);
    }

    [Theory]
    [InlineData("--yes")]
    [InlineData("--step", "1", "--undo")]
    public void Step_or_undo_exactly_one_of_them(params string[] options)
    {
        string id = SessionWithHistory();

        var result = _cli.Run(["restore", id, .. options]);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("either --step N or --undo", result.Error);
    }

    [Fact]
    public void Undo_without_a_restore_is_a_clear_error()
    {
        string id = SessionWithHistory();

        var result = _cli.Run("restore", id, "--undo", "--yes");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal($"error: session {id} has no restore to undo", result.Error.Trim());
    }
}
