using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Markdown;

/// <summary>
/// Styled runs measured in terminal cells: wrapping and cutting (the toolkit's
/// <see cref="TextLayout"/> on span lists), and padding to a width with alignment.
/// </summary>
public static class SpanText
{
    public static int Width(IEnumerable<Span> spans) => spans.Sum(s => CellWidth.Of(s.Text));

    public static List<Line> Wrap(IReadOnlyList<Span> spans, int width) => TextLayout.Wrap(new Line(spans), Math.Max(1, width));

    /// <summary>Cuts runs to <paramref name="width"/> cells, ending with "…" when anything was cut.</summary>
    public static List<Span> Truncate(IReadOnlyList<Span> spans, int width) => [.. TextLayout.Truncate(new Line(spans), width).Spans];

    /// <summary>Pads (or truncates) runs to exactly <paramref name="width"/> cells.</summary>
    public static List<Span> Fit(IReadOnlyList<Span> spans, int width, Style padStyle = default, Alignment align = Alignment.Left)
    {
        var fitted = Truncate(spans, width);
        int gap = width - Width(fitted);
        if (gap <= 0) return fitted;
        int left = align switch { Alignment.Right => gap, Alignment.Center => gap / 2, _ => 0 };
        var result = new List<Span>(fitted.Count + 2);
        if (left > 0) result.Add(new Span(new string(' ', left), padStyle));
        result.AddRange(fitted);
        if (gap - left > 0) result.Add(new Span(new string(' ', gap - left), padStyle));
        return result;
    }
}

public enum Alignment { Left, Center, Right }

/// <summary>Accumulates text into spans, merging neighbours of the same style and link.</summary>
public sealed class LineBuilder
{
    private readonly List<Span> _spans = [];
    private readonly System.Text.StringBuilder _text = new();
    private Style _style;
    private string? _link;

    public int Width { get; private set; }
    public bool HasSpans => _spans.Count > 0 || _text.Length > 0;

    public LineBuilder Add(string text, Style style = default, string? link = null, int width = -1)
    {
        if (text.Length == 0) return this;
        if (_text.Length > 0 && (style != _style || link != _link)) Flush();
        _style = style; _link = link;
        _text.Append(text);
        Width += width >= 0 ? width : CellWidth.Of(text);
        return this;
    }

    public LineBuilder Add(IEnumerable<Span> spans)
    {
        foreach (var s in spans) Add(s.Text, s.Style, s.Link);
        return this;
    }

    public Line Build()
    {
        Flush();
        return new Line([.. _spans]);
    }

    private void Flush()
    {
        if (_text.Length == 0) return;
        _spans.Add(new Span(_text.ToString(), _style, _link));
        _text.Clear();
    }
}
