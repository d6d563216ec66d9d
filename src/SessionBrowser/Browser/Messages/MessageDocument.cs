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
/// The opened session as the Messages tab lays it out: per message a header, the Markdown body
/// (cached per width), and a "more lines" note when collapsed. Only the messages on screen are
/// ever read or rendered, so 100,000 messages cost what one screen costs.
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
    public IMessageSource Source => _source;

    /// <summary>The same session read through a new reader (a live session grew); rendered messages stay cached.</summary>
    public MessageDocument WithSource(IMessageSource source, int count) => new(Ref, source, count, _cache);

    public MessageRecord Read(int index) => _source.Read(index);

    /// <summary>The rendered body of a message at a width, without header or collapsing.</summary>
    public IReadOnlyList<Line> Body(int index, int width) =>
        _cache.Get($"{_key}#{index}", width, w => RenderBody(index, w));

    /// <summary>Whether the message starts collapsed: tool output, thinking and very long bodies.</summary>
    public bool CollapsedByDefault(int index, int width)
    {
        var record = Read(index);
        if (record.Message is null) return false;
        int lines = Body(index, width).Count;
        return Roles.IsCollapsible(record.Message.Role) ? lines > ToolPreviewLines : lines > LongBodyLines;
    }

    /// <summary>How many body lines show when collapsed.</summary>
    public int PreviewLines(int index) =>
        Read(index).Message?.Role is { } role && Roles.IsCollapsible(role) ? ToolPreviewLines : LongPreviewLines;

    private IReadOnlyList<Line> RenderBody(int index, int width)
    {
        var record = Read(index);
        if (record.Message is null)
            return SpanText.Wrap([new Span("unreadable line: " + SessionText.OneLine(record.Damage ?? "unknown damage"), Theme.Damaged)], width);
        // Tool output is text from programs (logs, listings), not Markdown: its line breaks matter.
        return record.Message.Role == Roles.Tool
            ? MarkdownRenderer.RenderPlain(record.Message.Content, width, Theme.ToolOutput)
            : MarkdownRenderer.Render(record.Message.Content, width);
    }
}
