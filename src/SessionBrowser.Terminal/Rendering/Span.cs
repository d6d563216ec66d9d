namespace SessionBrowser.Terminal.Rendering;

/// <summary>A run of text in one style. <see cref="Link"/> carries a URL for OSC 8 hyperlinks.</summary>
public readonly record struct Span(string Text, Style Style = default, string? Link = null);

/// <summary>One line of styled text, as widgets draw it and the Markdown renderer makes it.</summary>
public sealed record Line(IReadOnlyList<Span> Spans)
{
    public static Line Empty { get; } = new([]);

    public static Line Of(string text, Style style = default) => new([new Span(text, style)]);

    public string PlainText => string.Concat(Spans.Select(s => s.Text));

    /// <summary>Set when the line's middle is wider than its room (a code line): it can be drawn shifted sideways.</summary>
    public SideScroll? Scroll { get; init; }
}

/// <summary>
/// A row whose <see cref="Content"/> may be wider than <see cref="Room"/>, between fixed parts (a
/// code box's borders): drawn from any column, with a "…" in <see cref="Marker"/> style on each
/// side that has more, and padded with <see cref="Fill"/>.
/// </summary>
public sealed record SideScroll(IReadOnlyList<Span> Before, IReadOnlyList<Span> Content, IReadOnlyList<Span> After, int Room, Style Fill, Style Marker)
{
    public int ContentWidth => TextLayout.Width(new Line(Content));

    /// <summary>The most a shift can usefully be: the content's end then shows at the right edge.</summary>
    public int MaxShift => Math.Max(0, ContentWidth - Room);

    /// <summary>
    /// The row with its content shown from column <paramref name="shift"/>. Every row of a box
    /// shifts alike, so a short one may show only the mark that its text is to the left.
    /// </summary>
    public Line At(int shift)
    {
        shift = Math.Max(0, shift);
        bool left = shift > 0 && ContentWidth > 0, right = ContentWidth - shift > Room;
        int room = Room - (left ? 1 : 0) - (right ? 1 : 0);
        var spans = new List<Span>(Before);
        if (left) spans.Add(new Span(TextLayout.Ellipsis, Marker));
        var middle = TextLayout.Slice(new Line(Content), shift + (left ? 1 : 0), room);
        spans.AddRange(middle.Spans);
        int pad = room - TextLayout.Width(middle);
        if (pad > 0) spans.Add(new Span(new string(' ', pad), Fill));
        if (right) spans.Add(new Span(TextLayout.Ellipsis, Marker));
        spans.AddRange(After);
        return new Line(spans) { Scroll = this };
    }
}
