using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Tests.Commands;

public sealed class StatsCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public StatsCommandTests()
    {
        LifecycleFixtureStore.Add(_cli.Store, "one", SessionStatus.Completed, daysAgo: 0, messages: 4, tokens: 1000, cost: 0.50, tags: ["bug"]);
        LifecycleFixtureStore.Add(_cli.Store, "two", SessionStatus.Completed, daysAgo: 1, messages: 2, tokens: 200, cost: 0.25, model: "gpt-4o", workDir: "/w/lib");
        LifecycleFixtureStore.Add(_cli.Store, "three", SessionStatus.Active, daysAgo: 3, messages: 1, tokens: 50, cost: 0.05, tags: ["bug", "ui"]);
        LifecycleFixtureStore.Add(_cli.Store, "four", SessionStatus.Paused, daysAgo: 3, messages: 3, tokens: 0, cost: 0.0);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Json_has_the_reference_figures()
    {
        var result = _cli.Run("stats", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(result.Out)!;
        Assert.Equal(4, json["total_sessions"]!.GetValue<int>());
        Assert.Equal(1, json["active_sessions"]!.GetValue<int>());
        Assert.Equal(2, json["completed_sessions"]!.GetValue<int>());
        Assert.Equal(10, json["total_messages"]!.GetValue<int>());
        Assert.Equal(1250, json["total_tokens"]!.GetValue<int>());
        Assert.Equal(0.80, json["total_cost"]!.GetValue<double>(), 10);
        Assert.Equal(0.80 / 4, json["avg_cost_per_session"]!.GetValue<double>(), 10);
        Assert.Equal(1, json["interrupted_sessions"]!.GetValue<int>());
        Assert.Equal(4, json["by_day"]!.AsArray().Count);
        Assert.Equal("kimi-k2", json["by_model"]![0]!["key"]!.GetValue<string>());
        Assert.Equal(1050, json["by_model"]![0]!["tokens"]!.GetValue<long>());
    }

    [Fact]
    public void Json_by_one_group_has_only_that_breakdown()
    {
        var json = JsonNode.Parse(_cli.Run("stats", "--json", "--by", "tag").Out)!.AsObject();
        Assert.True(json.ContainsKey("by_tag"));
        Assert.False(json.ContainsKey("by_day"));
        Assert.Equal(["(untagged)", "bug", "ui"], json["by_tag"]!.AsArray().Select(b => b!["key"]!.GetValue<string>()));
    }

    [Fact]
    public void Text_report_has_totals_and_bar_charts()
    {
        var result = _cli.Run("stats");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Sessions  4  (1 active: 0 live, 1 interrupted · 2 completed · 1 paused · 0 crashed)", result.Out);
        Assert.Contains("Tokens    1,250", result.Out);
        Assert.Contains("Cost      $0.80  (average $0.20 per session)", result.Out);
        Assert.Contains("Activity, last 14 days", result.Out);
        string today = CliHarness.Now.LocalDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(result.Out.Split('\n'), l => l.TrimStart().StartsWith(today, StringComparison.Ordinal) && l.Contains("█"));
        Assert.Contains("Models (tokens)", result.Out);
        Assert.Contains("Busiest work dirs", result.Out);
        string modelLine = result.Out.Split('\n').First(l => l.TrimStart().StartsWith("kimi-k2", StringComparison.Ordinal));
        Assert.Contains("█", modelLine);
        Assert.Contains("1,050", modelLine);
    }

    [Fact]
    public void A_store_last_used_long_ago_shows_the_days_up_to_its_last_active_day_and_says_so()
    {
        using var old = new CliHarness();
        LifecycleFixtureStore.Add(old.Store, "old", SessionStatus.Completed, daysAgo: 400, messages: 4);
        var result = old.Run("stats");
        string lastDay = CliHarness.Now.AddDays(-400).LocalDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Activity, 14 days up to the last active day, {lastDay}", result.Out);
        Assert.DoesNotContain("last 14 days", result.Out);
    }

    [Fact]
    public void Unknown_group_is_a_usage_error()
    {
        var result = _cli.Run("stats", "--by", "colour");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("colour", result.Error);
    }

    [Fact]
    public void Empty_store_reports_zeros()
    {
        using var empty = new CliHarness();
        File.WriteAllText(Path.Combine(empty.Store, "index.json"), "{\"sessions\": []}");
        var result = empty.Run("stats");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Sessions  0", result.Out);
        Assert.Contains("average $0.00", result.Out);
    }
}
