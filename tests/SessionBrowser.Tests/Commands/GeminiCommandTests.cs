using System.Text.Json;
using SessionBrowser.Commands;
using SessionBrowser.Core.Stores.Gemini;

namespace SessionBrowser.Tests.Commands;

/// <summary>Gemini sessions on the command line: --source, --project, the SOURCE column, the gemini command.</summary>
public sealed class GeminiCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _projectA;
    private readonly string _projectB;

    public GeminiCommandTests()
    {
        string home = Path.Combine(_cli.Folder, "gemini-home");
        _cli.Environment[GeminiStore.HomeVariable] = home;
        var writer = new GeminiHomeWriter(home);
        _projectA = Path.Combine(_cli.Folder, "work", "alpha");
        _projectB = Path.Combine(_cli.Folder, "work", "beta");
        string a = writer.AddProject(_projectA), b = writer.AddProject(_projectB);
        writer.Session(a, "aaaaaaaa-0000-4000-8000-000000000001", CliHarness.Now.AddDays(-1)).User("u1", "alpha work 日本").Gemini("g1", "ok").Save();
        writer.Session(a, "aaaaaaaa-0000-4000-8000-000000000002", CliHarness.Now.AddDays(-40)).User("u1", "old alpha work").Save();
        writer.Session(b, "bbbbbbbb-0000-4000-8000-000000000003", CliHarness.Now.AddHours(-2)).User("u1", "beta work").Save();
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void List_json_with_source_and_project_is_what_gemini_lists_in_that_folder()
    {
        var result = _cli.Run("list", "--json", "--source", "gemini", "--project", _projectA + "/");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["aaaaaaaa-0000-4000-8000-000000000001", "aaaaaaaa-0000-4000-8000-000000000002"], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.All(rows, r => Assert.Equal("gemini", r.GetProperty("source").GetString()));
        Assert.Equal("alpha work 日本", rows[0].GetProperty("title").GetString());
        Assert.Contains("older than 30d", rows[1].GetProperty("deletion_warning").GetString());
    }

    [Fact]
    public void Show_finds_a_gemini_session_by_prefix_within_the_project_only()
    {
        Assert.Equal(ExitCodes.Ok, _cli.Run("show", "--json", "bbbbbbbb").ExitCode);
        var scoped = _cli.Run("show", "--project", _projectA, "bbbbbbbb");
        Assert.Equal(ExitCodes.Failure, scoped.ExitCode);
        Assert.Contains("no session 'bbbbbbbb'", scoped.Error);
    }

    [Fact]
    public void At_risk_names_the_sessions_gemini_will_delete()
    {
        var result = _cli.Run("gemini", "at-risk");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("maxAge 30d", result.Out);
        Assert.Contains("aaaaaaaa-0000-4000-8000-000000000002", result.Out);
        Assert.DoesNotContain("bbbbbbbb", result.Out);
    }

    [Fact]
    public void Restore_without_a_checkpoint_is_a_clear_error()
    {
        var result = _cli.Run("gemini", "restore", "bbbbbbbb", "7");
        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("no checkpoint '7'", result.Error);
    }
}

public sealed class GeminiCopyCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Copy_at_risk_puts_them_in_the_native_store_and_list_shows_both_sources()
    {
        string home = Path.Combine(_cli.Folder, "gemini-home");
        _cli.Environment[GeminiStore.HomeVariable] = home;
        var writer = new GeminiHomeWriter(home);
        string folder = writer.AddProject(Path.Combine(_cli.Folder, "work", "p"));
        writer.Session(folder, "cccccccc-0000-4000-8000-000000000001", CliHarness.Now.AddDays(-60)).User("u1", "expiring").Save();
        writer.Session(folder, "dddddddd-0000-4000-8000-000000000002", CliHarness.Now.AddDays(-1)).User("u1", "fresh").Save();

        var copy = _cli.Run("gemini", "copy", "--at-risk");
        Assert.Equal(ExitCodes.Ok, copy.ExitCode);
        Assert.Contains("cccccccc-0000-4000-8000-000000000001: copied as native:", copy.Out);
        Assert.DoesNotContain("000000000002", copy.Out);

        var list = _cli.Run("list", "--json");
        using var json = JsonDocument.Parse(list.Out);
        var expiring = json.RootElement.EnumerateArray().Where(r => r.GetProperty("title").GetString() == "expiring").ToList();
        Assert.Equal(["gemini", "native"], expiring.Select(r => r.GetProperty("source").GetString()).Order());
        Assert.Contains("already copied", _cli.Run("gemini", "copy", "cccccccc-0000-4000-8000-000000000001").Out);
    }

    [Fact]
    public void Copy_without_a_store_never_writes_into_the_demo_copy_but_creates_the_real_store_and_says_so()
    {
        new StoreBuilder(_cli.DemoBundle).Add(TimeSpan.FromHours(1), "A demo session");
        string home = Path.Combine(_cli.Folder, "gemini-home");
        _cli.Environment[GeminiStore.HomeVariable] = home;
        var writer = new GeminiHomeWriter(home);
        writer.Session(writer.AddProject(Path.Combine(_cli.Folder, "work", "p")), "bbbbbbbb-0000-4000-8000-000000000003", CliHarness.Now.AddDays(-1))
            .User("u1", "keep me").Save();
        string realStore = Path.Combine(_cli.Home, ".kimi", "sessions");

        var copy = _cli.RunRaw(["gemini", "copy", "bbbbbbbb-0000-4000-8000-000000000003"]);

        Assert.Equal(ExitCodes.Ok, copy.ExitCode);
        Assert.Contains($"Creating your session store at {realStore}", copy.Error);
        string nativeId = copy.Out.Split("native:")[1].Split(' ')[0];
        Assert.True(Directory.Exists(Path.Combine(realStore, nativeId)), copy.ToString());
        Assert.False(Directory.Exists(Path.Combine(_cli.Cache, "demo-store", nativeId)));
    }
}
