using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>Lays a highlight over the parts of a line that match the search, splitting spans where needed.</summary>
public static class Highlighter
{
    /// <param name="ranges">UTF-16 (start, length) ranges in the line's plain text, in order.</param>
    public static Line Apply(Line line, IReadOnlyList<(int Start, int Length)> ranges, Style highlight)
    {
        if (ranges.Count == 0) return line;
        var spans = new List<Span>();
        int offset = 0;
        foreach (var span in line.Spans)
        {
            int spanStart = offset, spanEnd = offset + span.Text.Length, at = spanStart;
            foreach (var (start, length) in ranges)
            {
                int from = Math.Max(start, at), to = Math.Min(start + length, spanEnd);
                if (to <= from) continue;
                if (from > at) spans.Add(span with { Text = span.Text[(at - spanStart)..(from - spanStart)] });
                spans.Add(span with { Text = span.Text[(from - spanStart)..(to - spanStart)], Style = span.Style.Patch(highlight) });
                at = to;
            }
            if (at < spanEnd) spans.Add(span with { Text = span.Text[(at - spanStart)..] });
            offset = spanEnd;
        }
        return new Line(spans);
    }
}
