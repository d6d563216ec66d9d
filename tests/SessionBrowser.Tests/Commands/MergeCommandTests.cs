using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Tests.Commands;

public sealed class MergeCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Merge_makes_a_new_session_and_keeps_the_inputs()
    {
        string a = LifecycleFixtureStore.Add(_cli.Store, "alpha", daysAgo: 2, messages: 2, tokens: 10, cost: 0.1, tags: ["x"]);
        string b = LifecycleFixtureStore.Add(_cli.Store, "beta", daysAgo: 1, messages: 3, tokens: 20, cost: 0.2, tags: ["y"]);
        var result = _cli.Run("merge", a, b, "--description", "both");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Merged 2 sessions into", result.Out);

        var store = new NativeStore(_cli.Store);
        var merged = store.List().Single(s => s.Description == "both");
        Assert.Equal(5, merged.MessageCount);
        Assert.Equal(30, merged.TotalTokens);
        Assert.Equal(["x", "y"], merged.Tags);
        Assert.Equal($"[\"{a}\",\"{b}\"]", merged.Metadata!.Extra[MergedMetadata.MergedFromField]!.ToJsonString());
        Assert.Equal(["alpha message 1", "alpha message 2", "beta message 1", "beta message 2", "beta message 3"],
            store.ReadMessages(merged.Id).Select(r => r.Message!.Content));
        Assert.Equal(3, store.List().Count);
    }

    [Fact]
    public void One_session_is_a_usage_error()
    {
        string a = LifecycleFixtureStore.Add(_cli.Store, "alpha");
        Assert.Equal(2, _cli.Run("merge", a).ExitCode);
    }
}
