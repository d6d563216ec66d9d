using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>A range of characters in a line's plain text (e.g. a search match).</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>Lays a style over ranges of a line's text, splitting spans where the ranges begin and end.</summary>
public static class Highlight
{
    public static Line Apply(Line line, IReadOnlyList<TextRange> ranges, Style style)
    {
        if (ranges.Count == 0) return line;
        ranges = SnapToGraphemes(line.PlainText, ranges);
        var spans = new List<Span>();
        int offset = 0;
        foreach (var span in line.Spans)
        {
            int start = offset, end = offset + span.Text.Length;
            int cut = start;
            foreach (var range in ranges.OrderBy(r => r.Start))
            {
                int from = Math.Max(range.Start, start), to = Math.Min(range.End, end);
                if (from >= to || from < cut) continue;
                if (from > cut) spans.Add(span with { Text = span.Text[(cut - start)..(from - start)] });
                spans.Add(span with { Text = span.Text[(from - start)..(to - start)], Style = span.Style.Patch(style) });
                cut = to;
            }
            if (cut < end) spans.Add(span with { Text = span.Text[(cut - start)..] });
            offset = end;
        }
        return new Line(spans);
    }

    /// <summary>Widens ranges to whole graphemes, so a match never splits "e" from its accent.</summary>
    private static List<TextRange> SnapToGraphemes(string text, IReadOnlyList<TextRange> ranges)
    {
        var starts = new List<int>();
        foreach (var g in Graphemes.Of(text)) starts.Add(g.Start);
        starts.Add(text.Length);
        var result = new List<TextRange>(ranges.Count);
        foreach (var range in ranges)
        {
            int i = starts.BinarySearch(range.Start);
            int start = i >= 0 ? starts[i] : starts[Math.Max(0, ~i - 1)];
            int j = starts.BinarySearch(range.End);
            int end = j >= 0 ? starts[j] : starts[Math.Min(starts.Count - 1, ~j)];
            result.Add(new TextRange(start, end - start));
        }
        return result;
    }

    /// <summary>Every case-insensitive occurrence of <paramref name="needle"/> in <paramref name="text"/>.</summary>
    public static List<TextRange> Find(string text, string needle)
    {
        var result = new List<TextRange>();
        if (string.IsNullOrEmpty(needle)) return result;
        int index = 0;
        while ((index = text.IndexOf(needle, index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            result.Add(new TextRange(index, needle.Length));
            index += needle.Length;
        }
        return result;
    }
}
