using System.Globalization;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Markdown;

/// <summary>
/// Wrapping and clipping of styled runs by terminal cells. Prose breaks at spaces and between
/// wide (CJK) characters, which have no spaces to break at; a word wider than the line is split.
/// A "\n" inside a span is a hard break.
/// </summary>
public static class SpanText
{
    private readonly record struct Atom(string Text, int Width, Style Style, string? Link, AtomKind Kind);
    private enum AtomKind { Word, Wide, Space, Newline }

    public static int Width(IEnumerable<Span> spans) => spans.Sum(s => CellWidth.Of(s.Text));

    public static List<Line> Wrap(IReadOnlyList<Span> spans, int width)
    {
        width = Math.Max(1, width);
        var lines = new List<Line>();
        var line = new LineBuilder();
        Atom? pendingSpace = null;
        var atoms = Atoms(spans);
        int i = 0;
        while (i < atoms.Count)
        {
            var atom = atoms[i];
            switch (atom.Kind)
            {
                case AtomKind.Newline:
                    lines.Add(line.Build()); line = new LineBuilder(); pendingSpace = null; i++;
                    continue;
                case AtomKind.Space:
                    if (line.Width > 0) pendingSpace = atom;
                    i++;
                    continue;
            }
            // A word is a run of narrow graphemes; a wide grapheme is a word of its own.
            int end = i + 1;
            if (atom.Kind == AtomKind.Word)
                while (end < atoms.Count && atoms[end].Kind == AtomKind.Word) end++;
            int wordWidth = 0;
            for (int k = i; k < end; k++) wordWidth += atoms[k].Width;
            int spaceWidth = pendingSpace is null ? 0 : 1;

            if (line.Width + spaceWidth + wordWidth <= width)
            {
                if (pendingSpace is { } s) line.Add(" ", s.Style, s.Link);
            }
            else if (line.Width > 0)
            {
                lines.Add(line.Build()); line = new LineBuilder();
            }
            pendingSpace = null;
            for (int k = i; k < end; k++)
            {
                var a = atoms[k];
                if (line.Width + a.Width > width && line.Width > 0) { lines.Add(line.Build()); line = new LineBuilder(); }
                line.Add(a.Text, a.Style, a.Link, a.Width);
            }
            i = end;
        }
        if (line.Width > 0 || lines.Count == 0 || line.HasSpans) lines.Add(line.Build());
        return lines;
    }

    /// <summary>Cuts runs to <paramref name="width"/> cells, ending with "…" when anything was cut.</summary>
    public static List<Span> Truncate(IReadOnlyList<Span> spans, int width, bool ellipsis = true)
    {
        if (Width(spans) <= width) return [.. spans];
        var line = new LineBuilder();
        int room = ellipsis ? width - 1 : width;
        Style last = default;
        foreach (var span in spans)
        {
            var e = StringInfo.GetTextElementEnumerator(span.Text);
            while (e.MoveNext())
            {
                var g = (string)e.Current;
                int w = CellWidth.Of(g);
                if (line.Width + w > room) goto done;
                line.Add(g, span.Style, span.Link, w);
                last = span.Style;
            }
        }
    done:
        if (ellipsis && width > 0) line.Add("…", last, null, 1);
        return [.. line.Build().Spans];
    }

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

    private static List<Atom> Atoms(IReadOnlyList<Span> spans)
    {
        var atoms = new List<Atom>();
        foreach (var span in spans)
        {
            var e = StringInfo.GetTextElementEnumerator(span.Text);
            while (e.MoveNext())
            {
                var g = (string)e.Current;
                if (g == "\n") { atoms.Add(new Atom(g, 0, span.Style, span.Link, AtomKind.Newline)); continue; }
                if (g == " ") { atoms.Add(new Atom(g, 1, span.Style, span.Link, AtomKind.Space)); continue; }
                int w = CellWidth.Of(g);
                if (w == 0 && g.Length == 1 && char.IsControl(g[0])) continue;
                atoms.Add(new Atom(g, w, span.Style, span.Link, w >= 2 ? AtomKind.Wide : AtomKind.Word));
            }
        }
        return atoms;
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
