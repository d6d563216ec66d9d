using SessionBrowser.Core.Model;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>Random access to a session's messages: the reader behind the Messages tab.</summary>
public interface IMessageSource
{
    /// <summary>How many message lines the source knows right now (a live session grows).</summary>
    int Count { get; }
    MessageRecord Read(int index);
}

/// <summary>
/// The opened session as the Messages tab lays it out: the reader and the Markdown bodies (cached
/// per width). Only the messages on screen and near it are ever read or rendered (see
/// <see cref="MessagePages"/>), so 100,000 messages cost what one screen costs.
/// </summary>
public sealed class MessageDocument
{
    /// <summary>Collapsed tool messages show this many lines.</summary>
    public const int ToolPreviewLines = 3;
    /// <summary>Longer bodies start collapsed to <see cref="LongPreviewLines"/>.</summary>
    public const int LongBodyLines = 40;
    public const int LongPreviewLines = 15;

    private readonly IMessageSource _source;
    private readonly RenderCache _cache;
    private readonly string _key;

    public MessageDocument(SessionRef @ref, IMessageSource source, int? count = null)
        : this(@ref, source, count ?? source.Count, new RenderCache(2048)) { }

    private MessageDocument(SessionRef @ref, IMessageSource source, int count, RenderCache cache)
    {
        Ref = @ref; _source = source; Count = count; _cache = cache; _key = @ref.ToString();
    }

    public SessionRef Ref { get; }
    public int Count { get; }

    /// <summary>The same session read through a new reader (a live session grew); rendered messages stay cached.</summary>
    public MessageDocument WithSource(IMessageSource source, int count) => new(Ref, source, count, _cache);

    /// <summary>
    /// Reads the message and lays out its body at <paramref name="width"/> (cached per width). Slow
    /// work (a file read, Markdown): effects call it, never Update or View. One caller at a time:
    /// the reader and the cache are shared with the document a live session grows into.
    /// </summary>
    public RenderedMessage Render(int index, int width)
    {
        lock (_cache)
        {
            var record = _source.Read(index);
            var body = _cache.Get($"{_key}#{index}", width, w => RenderBody(record, w));
            // Tool output and thinking start collapsed to a few lines; any other long body to more.
            bool tool = record.Message?.Role is { } role && Roles.IsCollapsible(role);
            bool collapsed = record.Message is not null && body.Count > (tool ? ToolPreviewLines : LongBodyLines);
            return new RenderedMessage(record, body, tool ? ToolPreviewLines : LongPreviewLines, collapsed);
        }
    }

    private static IReadOnlyList<Line> RenderBody(MessageRecord record, int width)
    {
        if (record.Message is null)
            return SpanText.Wrap([new Span("unreadable line: " + SessionText.OneLine(record.Damage ?? "unknown damage"), Theme.Damaged)], width);
        // Tool output is text from programs (logs, listings), not Markdown: its line breaks matter.
        return record.Message.Role == Roles.Tool
            ? MarkdownRenderer.RenderPlain(record.Message.Content, width, Theme.ToolOutput)
            : MarkdownRenderer.Render(record.Message.Content, width);
    }
}
