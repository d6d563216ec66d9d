using System.Text.Json;
using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

public sealed class ListCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public ListCommandTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Table_shows_title_status_age_messages_and_cost_newest_first()
    {
        string older = _store.Add(TimeSpan.FromDays(2), "Older work", status: "completed", messages: ["user: hi", "assistant: hello"], cost: 1.5);
        string newer = _store.Add(TimeSpan.FromHours(3), "Fix the login bug", messages: ["user: the login fails"], cost: 0.25);

        var result = _cli.Run("list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string[] lines = result.Out.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^ID\s+TITLE\s+STATUS\s+ACTIVE\s+MSGS\s+COST$", lines[0]);
        Assert.Matches($@"^{newer}\s+Fix the login bug\s+paused\s+3 hours ago\s+1\s+\$0\.25$", lines[1]);
        Assert.Matches($@"^{older}\s+Older work\s+completed\s+2 days ago\s+2\s+\$1\.50$", lines[2]);
    }

    [Fact]
    public void Table_marks_interrupted_and_damaged_sessions()
    {
        string interrupted = _store.Add(TimeSpan.FromHours(1), "Crashed mid-way", status: "active");
        string damaged = _store.AddDamaged();

        var result = _cli.Run("list");

        Assert.Matches($@"{interrupted}\s+Crashed mid-way\s+interrupted\s", result.Out);
        Assert.Matches($@"{damaged}\s+.*\sdamaged\s", result.Out);
    }

    [Fact]
    public void Untitled_sessions_are_named_by_their_first_user_message()
    {
        _store.Add(TimeSpan.FromHours(1), description: null, messages: ["system: you are helpful", "user: Why is the build red?"]);

        var result = _cli.Run("list");

        Assert.Contains("Why is the build red?", result.Out);
    }

    [Fact]
    public void Long_titles_are_cut_to_the_screen_width_counting_wide_characters_as_two_cells()
    {
        _store.Add(TimeSpan.FromHours(1), "修复登录问题并且重写整个认证模块，包括会话、令牌和所有相关的测试 🐛🐛🐛");

        var result = _cli.RunRaw(["--store", _cli.Store, "list"], width: 60);

        string row = result.Out.TrimEnd().Split('\n')[1];
        Assert.Contains("…", row);
        Assert.True(CellWidth(row) <= 60, $"row is {CellWidth(row)} cells: {row}");
        Assert.Matches(@"paused\s+an hour ago\s+0\s+\$0\.00$", row);
    }

    [Fact]
    public void Json_is_an_array_of_metadata_fields_plus_title_damaged_source_and_live()
    {
        string id = _store.Add(TimeSpan.FromHours(3), "修复登录 🐛", tags: ["auth"], messages: ["user: hi"], cost: 0.5);
        _store.AddDamaged();

        var result = _cli.Run("list", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("修复登录 🐛", result.Out); // readable, not \u escaped
        var rows = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(2, rows.GetArrayLength());
        var row = rows.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
        string[] expected =
        [
            "id", "source", "title", "status", "live", "interrupted", "damaged", "deletion_warning", "created_at", "last_active", "work_dir", "git_branch", "model",
            "total_steps", "message_count", "tool_calls", "total_tokens", "total_cost", "tags", "description", "current_task", "progress",
        ];
        Assert.Equal(expected, row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, row.GetProperty("id").GetString());
        Assert.Equal("native", row.GetProperty("source").GetString());
        Assert.Equal("修复登录 🐛", row.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("damaged").ValueKind);
        Assert.False(row.GetProperty("live").GetBoolean());
        Assert.Equal(1, row.GetProperty("message_count").GetInt32());
        Assert.Equal(0.5, row.GetProperty("total_cost").GetDouble());
        Assert.Equal(["auth"], row.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var damaged = rows.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "dead0001");
        Assert.False(string.IsNullOrEmpty(damaged.GetProperty("damaged").GetString()));
    }

    [Fact]
    public void Filters_by_status_tag_and_limit()
    {
        string interrupted = _store.Add(TimeSpan.FromHours(1), "A", status: "active", tags: ["auth"]);
        string completed = _store.Add(TimeSpan.FromHours(2), "B", status: "completed", tags: ["docs"]);
        string crashed = _store.Add(TimeSpan.FromHours(3), "C", status: "crashed", tags: ["auth", "perf"]);

        Assert.Equal([interrupted], Ids(_cli.Run("list", "--json", "--status", "interrupted")));
        Assert.Equal([completed], Ids(_cli.Run("list", "--json", "--status", "completed")));
        Assert.Equal([interrupted, crashed], Ids(_cli.Run("list", "--json", "--tag", "auth")));
        Assert.Equal([completed, crashed], Ids(_cli.Run("list", "--json", "--tag", "docs", "--tag", "perf")));
        Assert.Equal([interrupted, completed], Ids(_cli.Run("list", "--json", "--limit", "2")));
    }

    [Fact]
    public void An_empty_store_says_so()
    {
        var result = _cli.Run("list");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal($"No sessions in {_cli.Store}.", result.Out.Trim());
        Assert.Equal("[]", _cli.Run("list", "--json").Out.Trim());
    }

    [Fact]
    public void No_command_prints_the_list()
    {
        _store.Add(TimeSpan.FromHours(1), "Only one");

        var result = _cli.Run();

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Only one", result.Out);
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--json", "--limit", "5")]
    [InlineData("--status", "completed")]
    [InlineData("--tag", "infra", "--json")]
    public void A_first_run_without_an_index_prints_what_the_index_gives_later(params string[] options)
    {
        // Damaged, torn, interrupted and untitled sessions among them (issue 16: the first run's quick pass).
        SessionBrowser.Core.Generation.StoreGenerator.Generate(_cli.Store,
            new SessionBrowser.Core.Generation.GeneratorOptions { Sessions = 60, Messages = 4, Seed = 3, IncludeFaults = true });
        Assert.False(Directory.Exists(_cli.Cache));

        var first = _cli.Run(["list", .. options]);
        var second = _cli.Run(["list", .. options]);

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.True(Directory.Exists(_cli.Cache));
        Assert.NotEqual("", first.Out.Trim());
        Assert.Equal(second.Out, first.Out);
        Assert.Equal(second.Error, first.Error);
    }

    private static string[] Ids(CliResult result)
    {
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        return [.. JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Select(row => row.GetProperty("id").GetString()!)];
    }

    private static int CellWidth(string text) =>
        text.EnumerateRunes().Sum(rune => rune.Value >= 0x1100 && (rune.Value is >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xFF00 and <= 0xFF60 or >= 0x1F300) ? 2 : 1);
}
