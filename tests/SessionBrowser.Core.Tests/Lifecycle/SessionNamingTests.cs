using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Lifecycle;

public sealed class SessionNamingTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lifecycle-naming-").FullName;
    private readonly NativeStore _store;

    public SessionNamingTests() => _store = new NativeStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Rename_sets_the_description_without_touching_last_active()
    {
        var meta = _store.Create("/w", "m", "old title", ["a"]);
        var saved = SessionNaming.Rename(_store, meta.Id, "  新しい title 🎉 ");
        Assert.Equal("新しい title 🎉", saved);
        var read = _store.Get(meta.Id)!;
        Assert.Equal("新しい title 🎉", read.Description);
        Assert.Equal(meta.LastActive, read.LastActive);
        Assert.Contains("\\u65b0", File.ReadAllText(_store.Index.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    [InlineData("bell\u0007")]
    public void Bad_titles_are_refused(string title)
    {
        var meta = _store.Create("/w", "m", "keep me");
        Assert.Throws<ArgumentException>(() => SessionNaming.Rename(_store, meta.Id, title));
        Assert.Equal("keep me", _store.Get(meta.Id)!.Description);
    }

    [Fact]
    public void Tags_are_added_and_removed_in_order_without_duplicates()
    {
        var meta = _store.Create("/w", "m", "t", ["keep", "wip", "old"]);
        var saved = SessionNaming.ChangeTags(_store, meta.Id, TagChange.Parse(["+bug", "-wip", "ui", "+keep", "-missing", "-old"]));
        Assert.Equal(["keep", "bug", "ui"], saved);
        Assert.Equal(["keep", "bug", "ui"], _store.Get(meta.Id)!.Tags);
        Assert.Equal(meta.LastActive, _store.Get(meta.Id)!.LastActive);
    }

    [Theory]
    [InlineData("+", "names no tag")]
    [InlineData("-", "names no tag")]
    [InlineData("+a b", "spaces")]
    [InlineData("++x", "starts with")]
    public void Bad_tags_are_refused(string token, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => TagChange.Parse([token]));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Adding_and_removing_the_same_tag_is_refused() =>
        Assert.Contains("both", Assert.Throws<ArgumentException>(() => TagChange.Parse(["+x", "-x"])).Message);

    [Fact]
    public void A_live_session_is_refused_at_once_not_after_waiting_for_its_lock()
    {
        var meta = _store.Create("/w", "m", "live one");
        using (_store.OpenWriter(meta.Id))
        {
            Assert.Contains("is live", Assert.Throws<LiveSessionException>(() => SessionNaming.Rename(_store, meta.Id, "new")).Message);
            Assert.Throws<LiveSessionException>(() => SessionNaming.ChangeTags(_store, meta.Id, TagChange.Parse(["+x"])));
        }
        Assert.Equal("live one", _store.Get(meta.Id)!.Description);
    }
}
