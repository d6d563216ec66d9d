using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Tests.Commands;

/// <summary>Native sessions with exact metadata (times, counters, status) for the lifecycle command tests.</summary>
internal static class LifecycleFixtureStore
{
    public static string Add(string root, string description, string status = SessionStatus.Completed, double daysAgo = 1,
        int messages = 2, long tokens = 100, double cost = 0.10, string model = "kimi-k2", string workDir = "/w/app", string[]? tags = null)
    {
        var store = new NativeStore(root);
        var meta = store.Create(workDir, model, description, tags ?? []);
        var last = CliHarness.Now.AddDays(-daysAgo);
        for (int i = 0; i < messages; i++)
        {
            store.OpenWriter(meta.Id).Dispose();
            using var w = store.OpenWriter(meta.Id);
            w.AppendMany([new Message(i % 2 == 0 ? Roles.User : Roles.Assistant, $"{description} message {i + 1}", Timestamps.Format(last.AddMinutes(i - messages)))]);
        }
        using (var writer = store.OpenWriter(meta.Id))
        {
            writer.Update(m =>
            {
                m.Status = status;
                m.TotalTokens = tokens;
                m.TotalCost = cost;
                m.CreatedAt = Timestamps.Format(last.AddHours(-1));
                m.LastActive = Timestamps.Format(last);
            }, touch: false);
        }
        return meta.Id;
    }
}
