using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Tests.Commands;

public sealed class NamingCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _id;

    public NamingCommandTests() => _id = LifecycleFixtureStore.Add(_cli.Store, "old title", tags: ["wip", "keep"]);

    public void Dispose() => _cli.Dispose();

    private NativeStore Store => new(_cli.Store);

    [Fact]
    public void Rename_sets_the_title()
    {
        var result = _cli.Run("rename", _id, "Fix the parser 🐛");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Renamed", result.Out);
        Assert.Equal("Fix the parser 🐛", Store.Get(_id)!.Description);
    }

    [Fact]
    public void Under_project_rename_tag_delete_and_trash_restore_work_and_keep_index_json()
    {
        var project = new[] { "--project", "/w/app" };
        Assert.Equal(0, _cli.Run([.. project, "rename", _id, "scoped title"]).ExitCode);
        Assert.Equal("scoped title", Store.Get(_id)!.Description);
        Assert.Equal(0, _cli.Run([.. project, "tag", _id, "+scoped"]).ExitCode);
        Assert.Contains("scoped", Store.Get(_id)!.Tags);

        var delete = _cli.Run([.. project, "delete", _id, "--yes"]);
        Assert.Equal(0, delete.ExitCode);
        Assert.DoesNotContain(_id, Store.Index.Ids());
        Assert.Equal(0, _cli.Run([.. project, "trash", "restore", _id]).ExitCode);
        Assert.Equal([_id], Store.Index.Ids());
        Assert.Equal("scoped title", Store.Get(_id)!.Description);
    }

    [Fact]
    public void Rename_by_prefix_and_empty_title_is_a_usage_error()
    {
        var result = _cli.Run("rename", _id[..5], "  ");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("empty", result.Error);
        Assert.Equal("old title", Store.Get(_id)!.Description);
    }

    [Fact]
    public void Tag_adds_and_removes_with_plus_and_minus()
    {
        var result = _cli.Run("tag", _id, "+bug", "-wip", "ui");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("keep bug ui", result.Out);
        Assert.Equal(["keep", "bug", "ui"], Store.Get(_id)!.Tags);
    }

    [Fact]
    public void Tag_with_only_removals_and_without_changes()
    {
        Assert.Equal(0, _cli.Run("tag", _id, "-wip").ExitCode);
        Assert.Equal(["keep"], Store.Get(_id)!.Tags);
        var shown = _cli.Run("tag", _id);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal("keep", shown.Out.Trim());
    }

    [Fact]
    public void Unknown_session_is_an_error()
    {
        var result = _cli.Run("tag", "zzzzzzzz", "+x");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no session", result.Error);
    }

    [Fact]
    public void A_live_session_is_not_renamed()
    {
        using (Store.OpenWriter(_id))
        {
            var result = _cli.Run("rename", _id, "new");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("live", result.Error);
        }
        Assert.Equal("old title", Store.Get(_id)!.Description);
    }
}
