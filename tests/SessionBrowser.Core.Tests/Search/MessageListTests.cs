using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Tests.Search;

public class MessageListTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly FolderStore _store;

    public MessageListTests()
    {
        _store = new FolderStore(_temp.Sub("store"));
        _store.Write("big", "Big one");
        for (int i = 0; i < 1500; i++) _store.Append("big", i % 2 == 0 ? "user" : "assistant", $"message number {i}");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Count_and_random_access_by_position()
    {
        var list = MessageList.Open(_store, "big");
        Assert.Equal(1500, list.Count);
        Assert.Equal("message number 0", list.Get(0).Message!.Content);
        Assert.Equal("message number 1499", list.Get(1499).Message!.Content);
        var range = list.GetRange(700, 5);
        Assert.Equal([700, 701, 702, 703, 704], range.Select(r => r.Index));
        Assert.Equal("message number 703", range[3].Message!.Content);
        Assert.Equal(2, list.GetRange(1498, 10).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Get(1500));
    }

    [Fact]
    public void Damaged_lines_keep_their_place()
    {
        _store.AppendRaw("big", "{oops\n");
        _store.Append("big", "user", "after the damage");
        var list = MessageList.Open(_store, "big");
        Assert.Equal(1502, list.Count);
        Assert.NotNull(list.Get(1500).Damage);
        Assert.Equal("after the damage", list.Get(1501).Message!.Content);
    }

    [Fact]
    public void Refresh_picks_up_appended_messages_of_a_live_session()
    {
        var list = MessageList.Open(_store, "big");
        _store.Append("big", "assistant", "new one");
        Assert.Equal(1, list.Refresh());
        Assert.Equal("new one", list.Get(1500).Message!.Content);
    }

    [Fact]
    public void Offsets_are_kept_in_the_index_and_extended_when_the_file_grows()
    {
        var index = SearchCache.Open(_store, _temp.Sub("cache"));
        index.Reconcile();
        var cache = (IMessageOffsetCache)index;
        var kept = cache.TryGet("big");
        Assert.NotNull(kept);
        Assert.Equal(1500, kept.Offsets.Count);

        _store.Append("big", "user", "one more");
        var list = MessageList.Open(_store, "big", index);
        Assert.Equal(1501, list.Count);
        Assert.Equal("one more", list.Get(1500).Message!.Content);
        Assert.Equal(1501, cache.TryGet("big")!.Offsets.Count);

        // A file cut shorter (a restore) is read again from the start.
        var path = Path.Combine(_store.Root, "big", "messages.jsonl");
        File.WriteAllLines(path, File.ReadLines(path).Take(10).ToList());
        Assert.Equal(10, MessageList.Open(_store, "big", index).Count);
    }

    [Fact]
    public void A_store_that_cannot_seek_is_read_whole()
    {
        var list = MessageList.Open(_store.Plain(), "big");
        Assert.Equal(1500, list.Count);
        Assert.Equal("message number 42", list.Get(42).Message!.Content);
    }
}
