using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Markdown;

/// <summary>
/// Rendered messages by (key, width), least recently used evicted first. Rendering is the
/// expensive step when scrolling; a message once drawn at a width is never parsed again while it
/// stays in the cache. Keys name a message for good (session + position), so entries never go stale.
/// Not thread-safe: the UI thread owns it.
/// </summary>
public sealed class RenderCache(int capacity = 4096)
{
    private readonly Dictionary<(string Key, int Width), LinkedListNode<Entry>> _map = [];
    private readonly LinkedList<Entry> _order = new();

    private sealed record Entry((string Key, int Width) Id, IReadOnlyList<Line> Lines);

    public int Count => _map.Count;

    public IReadOnlyList<Line> Get(string key, int width, Func<int, IReadOnlyList<Line>> render)
    {
        var id = (key, width);
        if (_map.TryGetValue(id, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Lines;
        }
        var lines = render(width);
        _map[id] = _order.AddFirst(new Entry(id, lines));
        if (_map.Count > capacity)
        {
            var oldest = _order.Last!;
            _order.RemoveLast();
            _map.Remove(oldest.Value.Id);
        }
        return lines;
    }

    public void Clear()
    {
        _map.Clear();
        _order.Clear();
    }
}
