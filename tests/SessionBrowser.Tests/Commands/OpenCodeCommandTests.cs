using System.Text.Json;
using SessionBrowser.Commands;
using SessionBrowser.Core.Stores.OpenCode;

namespace SessionBrowser.Tests.Commands;

/// <summary>opencode sessions on the command line: list --json, --project, search with source:opencode, show.</summary>
public sealed class OpenCodeCommandTests : IDisposable
{
    private const string Parser = "ses_0a1b2c3d4e5fParserSession01";
    private const string Docs = "ses_0a1b2c3d4e5fDocsSession0001";
    private readonly CliHarness _cli = new();
    private readonly string _api;

    public OpenCodeCommandTests()
    {
        string data = Path.Combine(_cli.Folder, "share");
        _cli.Environment["XDG_DATA_HOME"] = data;
        Writer = new OpenCodeHomeWriter(Path.Combine(data, "opencode"));
        _api = Path.Combine(_cli.Folder, "work", "api");
        string docs = Path.Combine(_cli.Folder, "work", "docs");
        Directory.CreateDirectory(_api);
        Writer.Begin(_api, Parser, CliHarness.Now.AddDays(-1), "Fix the parser")
            .User("The parser drops trailing fields").Assistant("Fixed the tokenizer with a lookahead.", 1200, 300, 0.0125).Write();
        Writer.Begin(docs, Docs, CliHarness.Now.AddDays(-3), "Write the README", model: "gpt-5")
            .User("Document the install steps").Assistant("README written.", 800, 400, 0.01).Write();
    }

    private OpenCodeHomeWriter Writer { get; }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void List_json_says_source_opencode_with_figures_and_project_keeps_to_its_directory()
    {
        var result = _cli.Run("list", "--json", "--source", "opencode");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal([Parser, Docs], rows.Keys);
        Assert.All(rows.Values, r => Assert.Equal("opencode", r.GetProperty("source").GetString()));
        Assert.Equal(1500, rows[Parser].GetProperty("total_tokens").GetInt64());
        Assert.Equal(0.0125, rows[Parser].GetProperty("total_cost").GetDouble(), 6);
        Assert.Equal(_api, rows[Parser].GetProperty("work_dir").GetString());
        Assert.Equal("gpt-5", rows[Docs].GetProperty("model").GetString());

        var scoped = _cli.Run("list", "--json", "--source", "opencode", "--project", _api);
        using var scopedJson = JsonDocument.Parse(scoped.Out);
        Assert.Equal([Parser], scopedJson.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public void Search_with_source_opencode_finds_message_text_and_show_reads_it()
    {
        var search = _cli.Run("search", "source:opencode lookahead");
        Assert.True(search.ExitCode == ExitCodes.Ok, search.ToString());
        Assert.Contains(Parser, search.Out);
        Assert.DoesNotContain(Docs, search.Out);
        Assert.DoesNotContain(Parser, _cli.Run("search", "source:claude lookahead").Out);

        var show = _cli.Run("show", "opencode:" + Parser);
        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        Assert.Contains("Fixed the tokenizer with a lookahead.", show.Out);
        Assert.Contains("The parser drops trailing fields", show.Out);
    }

    [Fact]
    public void Session_text_reaches_the_terminal_sanitized()
    {
        Writer.Begin(_api, "ses_0a1b2c3d4e5fEscapeSession1", CliHarness.Now.AddHours(-1), "Title \u001b]0;pwned\u0007 here")
            .User("bell \u0007 and \u001b[2J clear").Write();
        var list = _cli.Run("list", "--source", "opencode");
        Assert.DoesNotContain("\u001b]0;", list.Out);
        var show = _cli.Run("show", "opencode:ses_0a1b2c3d4e5fEscapeSession1");
        Assert.DoesNotContain("\u001b[2J", show.Out);
        Assert.DoesNotContain("\u0007", show.Out);
    }

    [Fact]
    public void Rename_delete_and_trash_restore_reach_opencode_sessions_through_their_abilities()
    {
        var rename = _cli.Run("rename", "opencode:" + Parser, "Lookahead tokenizer");
        Assert.True(rename.ExitCode == ExitCodes.Ok, rename.ToString());
        Assert.Contains("Lookahead tokenizer", _cli.Run("show", "opencode:" + Parser).Out);

        var delete = _cli.Run("delete", "opencode:" + Parser, "--yes");
        Assert.True(delete.ExitCode == ExitCodes.Ok, delete.ToString());
        Assert.Contains("its rows in", delete.Out);
        Assert.DoesNotContain(Parser, _cli.Run("list", "--source", "opencode").Out);

        var restore = _cli.Run("trash", "restore", Parser);
        Assert.True(restore.ExitCode == ExitCodes.Ok, restore.ToString());
        Assert.Contains("Lookahead tokenizer", _cli.Run("list", "--source", "opencode").Out);
    }

    [Fact]
    public void Delete_while_opencode_writes_says_busy_and_deletes_nothing()
    {
        using var opencode = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Writer.Database};Pooling=False");
        opencode.Open();
        using var transaction = opencode.BeginTransaction(deferred: false);
        var delete = _cli.Run("delete", "opencode:" + Parser, "--yes");
        Assert.Equal(ExitCodes.Failure, delete.ExitCode);
        Assert.Contains("busy", delete.Error);
        transaction.Rollback();
        Assert.Contains(Parser, _cli.Run("list", "--source", "opencode").Out);
    }
}
