using System.Text.Json;
using SessionBrowser.Commands;
using SessionBrowser.Core.Stores.Claude;

namespace SessionBrowser.Tests.Commands;

/// <summary>With no store given and nothing in ~/.kimi/sessions, the program opens a copy of the bundled demo.</summary>
public sealed class DemoStoreTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _demoId;

    public DemoStoreTests() => _demoId = new StoreBuilder(_cli.DemoBundle).Add(TimeSpan.FromHours(1), "A demo session");

    public void Dispose() => _cli.Dispose();

    private string DefaultStore => Path.Combine(_cli.Home, ".kimi", "sessions");

    [Fact]
    public void A_missing_default_store_opens_a_copy_of_the_demo_and_says_so_in_one_line()
    {
        var result = _cli.RunRaw(["list"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("A demo session", result.Out);
        string notice = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("Showing the demo store", notice);
        Assert.Contains(Path.Combine(_cli.Cache, "demo-store"), notice);
    }

    [Fact]
    public void An_empty_default_store_also_opens_the_demo()
    {
        Directory.CreateDirectory(DefaultStore);
        File.WriteAllText(Path.Combine(DefaultStore, "index.json"), "{\"sessions\": []}");

        var result = _cli.RunRaw(["list", "--json"]);

        Assert.Contains("demo", result.Error);
        Assert.Equal(_demoId, JsonDocument.Parse(result.Out).RootElement[0].GetProperty("id").GetString());
    }

    [Fact]
    public void A_default_store_with_sessions_is_used_instead_of_the_demo()
    {
        new StoreBuilder(DefaultStore).Add(TimeSpan.FromHours(1), "My own session");

        var result = _cli.RunRaw(["list"]);

        Assert.Equal("", result.Error);
        Assert.Contains("My own session", result.Out);
        Assert.DoesNotContain("A demo session", result.Out);
    }

    /// <summary>Issue 15 item 4: the demo is only for a machine with no sessions of any source; a Claude user sees their own.</summary>
    [Fact]
    public void Another_agents_sessions_on_the_machine_mean_no_demo()
    {
        _cli.Environment[ClaudeHome.ConfigVariable] = ClaudeHomeGenerator.Generate(Path.Combine(_cli.Folder, "agent-home"), new(2, TurnsPerSession: 2, Seed: 4, Now: CliHarness.Now));

        var result = _cli.RunRaw(["list", "--json"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.DoesNotContain("demo", result.Error);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal("claude", row.GetProperty("source").GetString()));
    }

    [Fact]
    public void A_given_store_never_falls_back_to_the_demo()
    {
        var result = _cli.Run("list");

        Assert.Equal("", result.Error);
        Assert.Contains("No sessions", result.Out);
    }

    [Fact]
    public void Changes_go_to_the_copy_and_last_until_the_bundled_demo_changes()
    {
        string bundleFile = Path.Combine(_cli.DemoBundle, _demoId, "metadata.json");
        string bundleBefore = File.ReadAllText(bundleFile);
        _cli.RunRaw(["list"]);
        string copy = Path.Combine(_cli.Cache, "demo-store");
        Directory.Delete(Path.Combine(copy, _demoId), recursive: true); // what a user's delete does to the copy

        Assert.DoesNotContain("A demo session", _cli.RunRaw(["list"]).Out);
        Assert.Equal(bundleBefore, File.ReadAllText(bundleFile));

        new StoreBuilder(_cli.DemoBundle).Add(TimeSpan.FromHours(2), "Added to the bundle");
        var refreshed = _cli.RunRaw(["list"]).Out;
        Assert.Contains("A demo session", refreshed);
        Assert.Contains("Added to the bundle", refreshed);
    }
}
