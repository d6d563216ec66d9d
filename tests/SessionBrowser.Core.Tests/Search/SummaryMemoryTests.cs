using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>
/// Rows read from the index hold each repeated value once (the browser keeps 100,000 of them):
/// the metadata points at the summary's strings, and rows share their work dir, model, status
/// and tags. What they say is unchanged (the codec's round trip is tested in IndexSpeedRulesTests).
/// </summary>
public class SummaryMemoryTests
{
    private static SessionSummary Row(string id, string? description, IReadOnlyList<string> tags)
    {
        var meta = new SessionMetadata
        {
            Id = id, CreatedAt = "2025-01-02T03:04:05", LastActive = "2025-01-03T00:00:00", Status = "completed",
            WorkDir = "/home/ada/project", Model = "kimi-k2", Tags = [.. tags], Description = description, CurrentTask = "task",
        };
        return new SessionSummary
        {
            Ref = new SessionRef("native", id), Title = description ?? "first message", Status = "completed",
            CreatedAt = meta.CreatedTime, LastActive = meta.LastActiveTime, Tags = [.. tags], WorkDir = meta.WorkDir,
            Model = meta.Model, Description = description, CurrentTask = "task", Path = "/store/" + id, Metadata = meta,
        };
    }

    private static SessionSummary RoundTrip(SessionSummary summary) => SearchCache.ReadSummary(SearchCache.WriteSummary(summary));

    [Fact]
    public void The_metadata_shares_the_summarys_strings_and_tags()
    {
        var back = RoundTrip(Row("s1", "Fix the parser", ["infra", "中文"]));
        var meta = back.Metadata!;

        Assert.Same(back.Id, meta.Id);
        Assert.Same(back.Status, meta.Status);
        Assert.Same(back.WorkDir, meta.WorkDir);
        Assert.Same(back.Model, meta.Model);
        Assert.Same(back.Description, meta.Description);
        Assert.Same(back.CurrentTask, meta.CurrentTask);
        Assert.Same(back.Description, back.Title);
        Assert.Same(meta.Tags, back.Tags);
        Assert.Equal(["infra", "中文"], back.Tags);
    }

    [Fact]
    public void Rows_share_their_repeated_values()
    {
        var a = RoundTrip(Row("s1", "one", ["infra"]));
        var b = RoundTrip(Row("s2", "two", ["infra"]));

        Assert.Same(a.WorkDir, b.WorkDir);
        Assert.Same(a.Model, b.Model);
        Assert.Same(a.Status, b.Status);
        Assert.Same(a.Source, b.Source);
        Assert.Same(a.Tags[0], b.Tags[0]);
        Assert.NotSame(a.Tags, b.Tags);
    }

    [Fact]
    public void Values_that_differ_are_kept_apart()
    {
        var row = Row("s1", "Fix the parser", ["infra"]);
        // Metadata that says something else than the summary (a title from the first message, other tags) stays as it was.
        row.Metadata!.Description = null;
        row.Metadata.Tags = ["other"];
        var back = RoundTrip(row with { Description = "Fix the parser" });

        Assert.Null(back.Metadata!.Description);
        Assert.Equal(["other"], back.Metadata.Tags);
        Assert.Equal(["infra"], back.Tags);
        Assert.NotSame(back.Metadata.Tags, back.Tags);
    }
}
