using System.Collections.Immutable;
using SessionBrowser.Core.Model;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>
/// One message as the Messages tab draws it: read from its file and its Markdown laid out, off
/// the UI thread (by <see cref="MessageDocument.Render"/>), so Update and View only look it up.
/// </summary>
public sealed record RenderedMessage(MessageRecord Record, IReadOnlyList<Line> Body, int PreviewLines, bool CollapsedByDefault);

/// <summary>
/// The messages of the opened session that are laid out, all at one pane width: those on screen
/// and a few screens around them. A message not here yet is drawn as a one-line placeholder
/// until the layout effect brings it (a fraction of a frame later).
/// </summary>
public sealed record MessagePages(int Width, ImmutableDictionary<int, RenderedMessage> Messages)
{
    public static readonly MessagePages None = new(0, ImmutableDictionary<int, RenderedMessage>.Empty);

    /// <summary>More than this and the ones far from the screen are dropped (they are laid out again if scrolled back to).</summary>
    public const int MaxKept = 1000;

    public RenderedMessage? Get(int index) => Messages.GetValueOrDefault(index);

    public bool Has(int width, int index) => Width == width && Messages.ContainsKey(index);

    /// <summary>
    /// These pages with <paramref name="more"/> added: at another width the newer replace them; past
    /// <see cref="MaxKept"/> only those within <paramref name="keepAround"/> ± 500 stay.
    /// </summary>
    public MessagePages Merge(MessagePages more, int keepAround)
    {
        if (more.Width != Width) return more;
        var merged = Messages.SetItems(more.Messages);
        if (merged.Count > MaxKept)
            merged = merged.RemoveRange(merged.Keys.Where(k => Math.Abs(k - keepAround) > MaxKept / 2));
        return this with { Messages = merged };
    }

    /// <summary>Reads and lays out the messages (off the UI thread: this is the file reading and Markdown work).</summary>
    public static MessagePages Of(MessageDocument doc, int width, IEnumerable<int> indexes) =>
        new(width, indexes.ToImmutableDictionary(i => i, i => doc.Render(i, MessageLayout.BodyWidth(width))));

    /// <summary>
    /// Only what one screen shows from <paramref name="anchor"/> down (filled upwards when the end
    /// comes first, as for a live session's last message): the first frame of a session waits for
    /// no more, the margin around it is asked for afterwards.
    /// </summary>
    public static MessagePages Screen(MessageDocument doc, int width, int height, int anchor)
    {
        var laid = ImmutableDictionary.CreateBuilder<int, RenderedMessage>();
        int rows = 0;
        void Add(int i)
        {
            var r = doc.Render(i, MessageLayout.BodyWidth(width));
            laid[i] = r;
            rows += r.CollapsedByDefault ? 1 + r.PreviewLines + 2 : 1 + r.Body.Count + 1;
        }
        for (int i = Math.Max(0, anchor); i < doc.Count && rows < height; i++) Add(i);
        for (int i = Math.Min(anchor, doc.Count) - 1; i >= 0 && rows < height; i--) Add(i);
        return new(width, laid.ToImmutable());
    }

    /// <summary>
    /// The messages worth having around <paramref name="anchor"/>, nearest the screen first: the
    /// screen below it, then two more screens below and one above. A message takes at least two
    /// rows, so <paramref name="height"/> messages always cover a screen.
    /// </summary>
    public static IReadOnlyList<int> Around(int anchor, int count, int height)
    {
        var order = new List<int>();
        int last = Math.Min(count - 1, anchor + 2 * height);
        for (int i = Math.Max(0, anchor); i <= last; i++) order.Add(i);
        for (int i = Math.Min(anchor, count) - 1; i >= Math.Max(0, anchor - height); i--) order.Add(i);
        return order;
    }
}
