using System.Text.Json.Nodes;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Tests.Commands;

/// <summary>
/// Fills a fixture store through the real native store API, with a clock the test moves, so
/// every session has a known age relative to <see cref="CliHarness.Now"/>.
/// </summary>
public sealed class StoreBuilder(string root)
{
    private readonly ManualClock _clock = new(CliHarness.Now);

    public NativeStore Store => new(root, _clock);

    /// <summary>A session last active <paramref name="age"/> before now, with the given messages ("role: text").</summary>
    public string Add(TimeSpan age, string? description, string status = "paused", string[]? tags = null, string[]? messages = null,
        double cost = 0, int snapshots = 0)
    {
        _clock.Now = CliHarness.Now - age - TimeSpan.FromMinutes(5);
        var store = Store;
        var meta = store.Create("/home/test/project", "kimi-k2", description, tags);
        foreach (string line in messages ?? [])
        {
            int colon = line.IndexOf(':');
            store.AppendMessage(meta.Id, line[..colon], line[(colon + 1)..].TrimStart());
        }
        for (int step = 1; step <= snapshots; step++)
            store.CreateSnapshot(meta.Id, step, new JsonObject { ["step"] = step });
        _clock.Now = CliHarness.Now - age;
        store.Update(meta.Id, m =>
        {
            m.Status = status;
            m.TotalCost = cost;
        });
        return meta.Id;
    }

    /// <summary>A session folder whose metadata.json is not JSON.</summary>
    public string AddDamaged(string id = "dead0001")
    {
        string folder = Path.Combine(root, id);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "metadata.json"), "{ this is not json");
        return id;
    }
}
