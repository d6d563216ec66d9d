using System.Text.Json.Nodes;
using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

public sealed class DoctorCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public DoctorCommandTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    private string IndexPath => Path.Combine(_cli.Store, "index.json");

    [Fact]
    public void A_healthy_store_passes()
    {
        _store.Add(TimeSpan.FromHours(1), "Fine", messages: ["user: hi"]);

        var result = _cli.Run("doctor");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Checked 1 sessions", result.Out);
        Assert.Contains("No problems found.", result.Out);
    }

    [Fact]
    public void An_index_out_of_step_with_the_folders_is_repaired()
    {
        string kept = _store.Add(TimeSpan.FromHours(1), "Listed");
        string missing = _store.Add(TimeSpan.FromHours(2), "Not in the index");
        File.WriteAllText(IndexPath, $"{{\"sessions\": [{{\"id\": \"{kept}\"}}, {{\"id\": \"gone0000\"}}]}}");

        var dryRun = _cli.Run("doctor", "--dry-run");
        Assert.Equal(ExitCodes.Failure, dryRun.ExitCode);
        Assert.Contains("dry run", dryRun.Out);
        Assert.DoesNotContain(missing, File.ReadAllText(IndexPath));

        var result = _cli.Run("doctor");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("(repaired)", result.Out);
        var ids = JsonNode.Parse(File.ReadAllText(IndexPath))!["sessions"]!.AsArray().Select(e => (string)e!["id"]!).ToList();
        Assert.Contains(kept, ids);
        Assert.Contains(missing, ids);
        Assert.DoesNotContain("gone0000", ids);
        Assert.Equal(ExitCodes.Ok, _cli.Run("doctor").ExitCode);
    }

    [Fact]
    public void Damaged_sessions_are_reported_and_left_untouched()
    {
        string damaged = _store.AddDamaged();
        string metadata = Path.Combine(_cli.Store, damaged, "metadata.json");
        string before = File.ReadAllText(metadata);

        var result = _cli.Run("doctor");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains(damaged + ":", result.Out);
        Assert.Contains("Damaged sessions are never changed", result.Out);
        Assert.Equal(before, File.ReadAllText(metadata));
    }
}
