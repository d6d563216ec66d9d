using System.Text.Json;
using SessionBrowser.Commands;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Tests.Commands;

public sealed class DeleteAndTrashCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public DeleteAndTrashCommandTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    private bool Exists(string id) => Directory.Exists(Path.Combine(_cli.Store, id));

    [Fact]
    public void Without_a_terminal_and_without_yes_delete_shows_what_would_go_and_refuses()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Keep me", messages: ["user: hi"]);

        var result = _cli.Run("delete", id);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("Keep me", result.Out);
        Assert.Equal("error: not asking without a terminal; pass --yes to confirm", result.Error.Trim());
        Assert.True(Exists(id));
    }

    [Fact]
    public void On_a_terminal_delete_asks_and_no_keeps_everything()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Keep me");

        var result = _cli.RunInteractive("n\n", "delete", id);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Delete it? [y/N]", result.Out);
        Assert.Contains("Nothing was deleted.", result.Out);
        Assert.True(Exists(id));
    }

    [Fact]
    public void Yes_on_the_terminal_moves_sessions_to_the_trash_and_says_how_to_undo()
    {
        string first = _store.Add(TimeSpan.FromHours(1), "First");
        string second = _store.Add(TimeSpan.FromHours(2), "Second");
        string kept = _store.Add(TimeSpan.FromHours(3), "Kept");
        _cli.Environment["SESSION_BROWSER_PROGRAM"] = "./run.sh";

        var result = _cli.RunInteractive("y\n", "delete", first, second);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("These 2 sessions will be moved to the trash", result.Out);
        Assert.Contains($"Undo: ./run.sh --store {_cli.Store} trash restore {first} {second}", result.Out);
        Assert.False(Exists(first));
        Assert.False(Exists(second));
        Assert.True(Exists(kept));
        Assert.DoesNotContain(first, File.ReadAllText(Path.Combine(_cli.Store, "index.json")));
        var trash = JsonDocument.Parse(_cli.Run("trash", "list", "--json").Out).RootElement;
        Assert.Equal(new[] { first, second }.Order(), trash.EnumerateArray().Select(e => e.GetProperty("session_id").GetString()).Order());
    }

    [Fact]
    public void Trash_restore_puts_a_session_back_exactly()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Round trip", messages: ["user: 你好 👋"], snapshots: 2);
        string messages = File.ReadAllText(Path.Combine(_cli.Store, id, "messages.jsonl"));
        Assert.Equal(ExitCodes.Ok, _cli.Run("delete", id, "--yes").ExitCode);

        var result = _cli.Run("trash", "restore", id);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains($"Restored native:{id}", result.Out);
        Assert.Equal(messages, File.ReadAllText(Path.Combine(_cli.Store, id, "messages.jsonl")));
        Assert.Contains(id, File.ReadAllText(Path.Combine(_cli.Store, "index.json")));
        Assert.Contains("Round trip", _cli.Run("list").Out);
        Assert.Equal("The trash is empty.", _cli.Run("trash", "list").Out.Trim());
    }

    [Fact]
    public void An_unknown_id_among_several_deletes_nothing()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Stays");

        var result = _cli.Run("delete", id, "nosuch00", "--yes");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no session 'nosuch00'", result.Error);
        Assert.True(Exists(id));
    }

    [Fact]
    public void A_live_session_is_never_deleted()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Being written", status: "active");
        using var held = FileLock.Acquire(Path.Combine(_cli.Store, id, ".lock"));

        // The lock is held by this process, which the store treats as another writer only across
        // processes; the command must refuse either way (up front, or when the trash takes the lock).
        var result = _cli.Run("delete", id, "--yes");

        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
        Assert.True(Exists(id));
    }

    [Fact]
    public void Trash_list_shows_what_was_deleted_and_when()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Gone for now");
        _cli.Run("delete", id, "--yes");

        var result = _cli.Run("trash", "list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Matches($@"{id}\s+Gone for now\s+now\s+", result.Out);
    }

    [Fact]
    public void Trash_empty_shows_the_entries_asks_and_removes_them_for_good()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Really gone");
        _cli.Run("delete", id, "--yes");

        var refused = _cli.Run("trash", "empty");
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("Really gone", refused.Out);

        var result = _cli.RunInteractive("y\n", "trash", "empty");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Removed 1 trash entries.", result.Out);
        Assert.Equal("The trash is empty.", _cli.Run("trash", "list").Out.Trim());
        Assert.Equal(ExitCodes.Failure, _cli.Run("trash", "restore", id).ExitCode);
    }

    [Fact]
    public void Trash_empty_older_than_keeps_recent_entries()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Recent");
        _cli.Run("delete", id, "--yes");

        var result = _cli.Run("trash", "empty", "--older-than", "30d", "--yes");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Nothing in the trash is older than 30d.", result.Out);
        Assert.Contains(id, _cli.Run("trash", "list").Out);
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("30")]
    [InlineData("soon")]
    public void A_bad_duration_is_a_usage_error(string duration)
    {
        var result = _cli.Run("trash", "empty", "--older-than", duration, "--yes");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("invalid duration", result.Error);
    }
}
