namespace SessionBrowser.Terminal.Rendering;

/// <summary>Measuring, truncating and wrapping text by terminal columns (not chars).</summary>
public static class TextLayout
{
    public const string Ellipsis = "…";

    public static int Width(Line line)
    {
        int width = 0;
        foreach (var span in line.Spans) width += CellWidth.Of(span.Text);
        return width;
    }

    /// <summary>The text cut to at most <paramref name="width"/> columns, ending in "…" when cut.</summary>
    public static string Truncate(string text, int width)
    {
        if (width <= 0) return "";
        if (CellWidth.Of(text) <= width) return text;
        return Truncate(Line.Of(text), width).PlainText;
    }

    /// <summary>The line cut to at most <paramref name="width"/> columns, ending in "…" (in the last kept style) when cut.</summary>
    public static Line Truncate(Line line, int width)
    {
        if (width <= 0) return Line.Empty;
        if (Width(line) <= width) return line;
        var kept = new List<Span>();
        int used = 0;
        Style lastStyle = default;
        foreach (var span in line.Spans)
        {
            lastStyle = span.Style;
            int end = 0;
            bool full = false;
            foreach (var g in Graphemes.Of(span.Text))
            {
                int w = g.IsTab ? CellWidth.TabSize - used % CellWidth.TabSize : g.Width;
                if (used + w > width - 1) { full = true; break; }
                used += w;
                end = g.Start + g.Length;
            }
            if (end > 0) kept.Add(span with { Text = span.Text[..end] });
            if (full) break;
        }
        kept.Add(new Span(Ellipsis, lastStyle));
        return new Line(kept);
    }

    /// <summary>
    /// The columns [<paramref name="from"/>, <paramref name="from"/> + <paramref name="width"/>) of the
    /// line, whole graphemes only: a wide one cut by either edge leaves spaces in its place.
    /// </summary>
    public static Line Slice(Line line, int from, int width)
    {
        var kept = new List<Span>();
        int column = 0, end = from + width;
        foreach (var span in line.Spans)
        {
            var text = new System.Text.StringBuilder();
            foreach (var g in Graphemes.Of(span.Text))
            {
                int w = g.IsTab ? CellWidth.TabSize - column % CellWidth.TabSize : g.Width;
                int start = column;
                column += w;
                if (column <= from || start >= end) continue;
                if (start < from || column > end || g.IsTab) text.Append(' ', Math.Min(column, end) - Math.Max(start, from));
                else text.Append(span.Text, g.Start, g.Length);
            }
            if (text.Length > 0) kept.Add(span with { Text = text.ToString() });
            if (column >= end) break;
        }
        return new Line(kept);
    }

    /// <summary>The end of <paramref name="text"/> that fits in <paramref name="width"/> columns (whole graphemes): where a text field's cursor is.</summary>
    public static string Tail(string text, int width)
    {
        if (width <= 0) return "";
        var graphemes = new List<Grapheme>();
        foreach (var g in Graphemes.Of(text)) graphemes.Add(g);
        int used = 0, start = text.Length;
        for (int i = graphemes.Count - 1; i >= 0 && used + graphemes[i].Width <= width; i--)
        {
            used += graphemes[i].Width;
            start = graphemes[i].Start;
        }
        return text[start..];
    }

    /// <summary>Wraps plain text to lines of at most <paramref name="width"/> columns (see <see cref="Wrap(Line, int)"/>).</summary>
    public static List<string> Wrap(string text, int width) =>
        Wrap(Line.Of(text), width).Select(l => l.PlainText).ToList();

    /// <summary>
    /// Wraps a styled line to lines of at most <paramref name="width"/> columns. Breaks after
    /// spaces and between wide (CJK) characters; a word longer than the width is cut; the spaces
    /// at a break are dropped; "\n" starts a new line; tabs become spaces to the next tab stop.
    /// </summary>
    public static List<Line> Wrap(Line line, int width)
    {
        var result = new List<Line>();
        if (width <= 0) return result;
        var current = new List<Piece>();
        int currentWidth = 0;

        void Emit()
        {
            int end = current.Count;
            while (end > 0 && current[end - 1].IsSpace) end--;
            result.Add(ToLine(current, end));
            current.Clear();
            currentWidth = 0;
        }

        foreach (var span in line.Spans)
        {
            foreach (var g in Graphemes.Of(span.Text))
            {
                if (span.Text.AsSpan(g.Start, g.Length).Contains('\n')) { Emit(); continue; }
                if (g.IsTab)
                {
                    int spaces = CellWidth.TabSize - currentWidth % CellWidth.TabSize;
                    for (int i = 0; i < spaces; i++) Add(new Piece(" ", 1, span.Style, span.Link));
                    continue;
                }
                if (!g.IsDrawable) continue;
                Add(new Piece(Graphemes.Text(span.Text, g), g.Width, span.Style, span.Link));
            }
        }
        if (current.Count > 0 || result.Count == 0) Emit();
        return result;

        void Add(Piece piece)
        {
            if (currentWidth + piece.Width > width)
            {
                if (piece.IsSpace) { Emit(); return; }
                int breakAt = LastBreak(current);
                if (breakAt > 0)
                {
                    var carry = current.GetRange(breakAt, current.Count - breakAt);
                    current.RemoveRange(breakAt, current.Count - breakAt);
                    Emit();
                    current.AddRange(carry);
                    currentWidth = carry.Sum(p => p.Width);
                }
                else
                {
                    Emit();
                }
                if (currentWidth + piece.Width > width) Emit();
            }
            if (piece.IsSpace && current.Count == 0 && result.Count > 0) return; // no leading space after a wrap
            current.Add(piece);
            currentWidth += piece.Width;
        }
    }

    /// <summary>Index where the text after the last break opportunity begins, or -1.</summary>
    private static int LastBreak(List<Piece> pieces)
    {
        for (int i = pieces.Count; i > 0; i--)
            if (pieces[i - 1].IsSpace || pieces[i - 1].Width == 2 || (i < pieces.Count && pieces[i].Width == 2))
                return i;
        return -1;
    }

    private static Line ToLine(List<Piece> pieces, int count)
    {
        var spans = new List<Span>();
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            var p = pieces[i];
            if (i > 0 && (p.Style != pieces[i - 1].Style || p.Link != pieces[i - 1].Link))
            {
                spans.Add(new Span(text.ToString(), pieces[i - 1].Style, pieces[i - 1].Link));
                text.Clear();
            }
            text.Append(p.Text);
        }
        if (count > 0) spans.Add(new Span(text.ToString(), pieces[count - 1].Style, pieces[count - 1].Link));
        return new Line(spans);
    }

    private readonly record struct Piece(string Text, int Width, Style Style, string? Link)
    {
        public bool IsSpace => Text == " ";
    }
}
