using System.Text.Json;
using SessionBrowser.Commands;
using SessionBrowser.Core.Stores.Claude;

namespace SessionBrowser.Tests.Commands;

/// <summary>Claude Code sessions on the command line: list, search, show, export, --project, at-risk and keep.</summary>
public sealed class ClaudeCommandTests : IDisposable
{
    private const string Recent = "cccccccc-0000-4000-8000-000000000001";
    private const string Old = "cccccccc-0000-4000-8000-000000000002";
    private readonly CliHarness _cli = new();
    private readonly string _alpha;

    public ClaudeCommandTests()
    {
        string home = Path.Combine(_cli.Folder, "claude-home");
        _cli.Environment[ClaudeHome.ConfigVariable] = home;
        var writer = new ClaudeHomeWriter(home);
        _alpha = Path.Combine(_cli.Folder, "work", "alpha");
        string beta = Path.Combine(_cli.Folder, "work", "beta");
        var usage = new Usage(10, 0, 100, 5);
        var recent = writer.Session(_alpha, Recent, CliHarness.Now.AddDays(-2), "feature/x")
            .User("Make the importer idempotent").Assistant("claude-opus-4-1", usage, ClaudeSessionWriter.Text("Done with upserts.")).Flush();
        var old = writer.Session(beta, Old, CliHarness.Now.AddDays(-45))
            .User("Draft the release notes").Assistant("claude-sonnet-4-5", usage, ClaudeSessionWriter.Text("Notes drafted.")).Flush();
        File.SetLastWriteTimeUtc(recent.Path, CliHarness.Now.AddDays(-2).UtcDateTime);
        File.SetLastWriteTimeUtc(old.Path, CliHarness.Now.AddDays(-45).UtcDateTime);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void List_json_says_source_claude_with_branch_and_project_scopes_by_work_dir()
    {
        var result = _cli.Run("list", "--json", "--source", "claude");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal([Recent, Old], rows.Keys);
        Assert.All(rows.Values, r => Assert.Equal("claude", r.GetProperty("source").GetString()));
        Assert.Equal("feature/x", rows[Recent].GetProperty("git_branch").GetString());
        Assert.Equal("Make the importer idempotent", rows[Recent].GetProperty("title").GetString());
        Assert.Contains("30 days", rows[Old].GetProperty("deletion_warning").GetString());

        var scoped = _cli.Run("list", "--json", "--source", "claude", "--project", _alpha);
        using var scopedJson = JsonDocument.Parse(scoped.Out);
        Assert.Equal([Recent], scopedJson.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public void Rename_delete_and_trash_restore_reach_claude_sessions_through_their_abilities()
    {
        var rename = _cli.Run("rename", "claude:" + Recent, "Idempotent importer");
        Assert.True(rename.ExitCode == ExitCodes.Ok, rename.Error);
        Assert.Contains("Idempotent importer", _cli.Run("show", "claude:" + Recent).Out);

        string transcript = Directory.GetFiles(Path.Combine(_cli.Folder, "claude-home"), Recent + ".jsonl", SearchOption.AllDirectories).Single();
        File.SetLastWriteTimeUtc(transcript, CliHarness.Now.AddMinutes(-1).UtcDateTime); // a fresh write means live: let a minute pass
        byte[] before = File.ReadAllBytes(transcript);
        var delete = _cli.Run("delete", "claude:" + Recent, "--yes");
        Assert.True(delete.ExitCode == ExitCodes.Ok, delete.Error);
        Assert.False(File.Exists(transcript));
        Assert.Equal(ExitCodes.Ok, _cli.Run("trash", "restore", Recent).ExitCode);
        Assert.Equal(before, File.ReadAllBytes(transcript));
    }

    [Fact]
    public void Search_with_source_claude_finds_message_text_and_show_and_export_read_it()
    {
        var search = _cli.Run("search", "source:claude upserts");
        Assert.Equal(ExitCodes.Ok, search.ExitCode);
        Assert.Contains(Recent, search.Out);
        Assert.DoesNotContain(Old, search.Out);

        var show = _cli.Run("show", "claude:" + Recent);
        Assert.Contains("Done with upserts.", show.Out);

        string exported = Path.Combine(_cli.Folder, "out.md");
        Assert.Equal(ExitCodes.Ok, _cli.Run("export", Recent, "--markdown", "--out", exported).ExitCode);
        Assert.Contains("Make the importer idempotent", File.ReadAllText(exported));
    }

    [Fact]
    public void At_risk_lists_what_claude_will_delete_and_keep_copies_it_into_the_native_store_once()
    {
        var atRisk = _cli.Run("at-risk", "--source", "claude");
        Assert.Equal(ExitCodes.Ok, atRisk.ExitCode);
        Assert.Contains("claude: Claude deletes transcripts not written for 30 days", atRisk.Out);
        Assert.Contains("claude:" + Old, atRisk.Out);
        Assert.DoesNotContain(Recent, atRisk.Out);

        var kept = _cli.Run("at-risk", "--source", "claude", "--keep");
        Assert.Contains($"claude:{Old}: kept as native:", kept.Out);
        var again = _cli.Run("keep", Old);
        Assert.Contains("already kept", again.Out);

        var native = _cli.Run("list", "--json", "--source", "native");
        using var json = JsonDocument.Parse(native.Out);
        var copy = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("Draft the release notes", copy.GetProperty("title").GetString());
        Assert.Equal(["claude"], copy.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }
}
