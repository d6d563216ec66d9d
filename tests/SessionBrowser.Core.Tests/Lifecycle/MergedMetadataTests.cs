using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class MergedMetadataTests
{
    private static SessionMetadata Input(string id, string status, string model, string[] tags, int steps, int tools, long tokens, double cost, double progress) => new()
    {
        Id = id, Status = status, Model = model, Tags = [.. tags], TotalSteps = steps, ToolCalls = tools,
        TotalTokens = tokens, TotalCost = cost, Progress = progress, WorkDir = $"/w/{id}", Description = $"d-{id}", MessageCount = 99,
    };

    [Fact]
    public void Counters_summed_tags_unioned_sources_recorded()
    {
        var a = Input("aaaa1111", SessionStatus.Completed, "kimi-k2", ["bug", "api"], 3, 4, 1000, 0.5, 1.0);
        var b = Input("bbbb2222", SessionStatus.Paused, "kimi-k2", ["api", "ui"], 2, 1, 250, 0.25, 0.4);
        var merged = MergedMetadata.Build([a, b], "cccc3333", "Both halves", messageCount: 12);

        Assert.Equal("cccc3333", merged.Id);
        Assert.Equal(5, merged.TotalSteps);
        Assert.Equal(5, merged.ToolCalls);
        Assert.Equal(1250, merged.TotalTokens);
        Assert.Equal(0.75, merged.TotalCost, 10);
        Assert.Equal(12, merged.MessageCount);
        Assert.Equal(["bug", "api", "ui"], merged.Tags);
        Assert.Equal("kimi-k2", merged.Model);
        Assert.Equal("/w/aaaa1111", merged.WorkDir);
        Assert.Equal("Both halves", merged.Description);
        Assert.Equal(SessionStatus.Paused, merged.Status);
        Assert.Equal(1.0, merged.Progress);
        Assert.Equal("""["aaaa1111","bbbb2222"]""", merged.Extra[MergedMetadata.MergedFromField]!.ToJsonString());
        Assert.Equal(merged.CreatedAt, merged.LastActive);
        Assert.NotNull(merged.LastActiveTime);
    }

    [Fact]
    public void All_completed_stays_completed_and_models_are_listed()
    {
        var a = Input("aaaa1111", SessionStatus.Completed, "kimi-k2", [], 0, 0, 0, 0, 1.0);
        var b = Input("bbbb2222", SessionStatus.Completed, "gpt-4o", [], 0, 0, 0, 0, 1.0);
        var merged = MergedMetadata.Build([a, b], "cccc3333", null, 0);
        Assert.Equal(SessionStatus.Completed, merged.Status);
        Assert.Equal("kimi-k2, gpt-4o", merged.Model);
        Assert.Equal("Merge of d-aaaa1111 (aaaa1111), d-bbbb2222 (bbbb2222)", merged.Description);
    }

    [Fact]
    public void One_input_is_not_a_merge() =>
        Assert.Throws<ArgumentException>(() => MergedMetadata.Build([new SessionMetadata()], "x", null, 0));
}
