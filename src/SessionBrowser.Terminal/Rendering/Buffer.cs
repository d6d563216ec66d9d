using System.Text;

namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// A grid of cells that widgets draw into; a frame is one buffer, and <see cref="BufferDiff"/>
/// compares two. All drawing is clipped to the buffer (and to the rectangle given), control
/// characters are dropped, tabs expand to the next tab stop, and a wide grapheme is never left
/// half-overwritten: whatever breaks one half blanks the other.
/// </summary>
public sealed class Buffer
{
    private Cell[] _cells;

    public Buffer(int width, int height)
    {
        Width = Math.Max(0, width);
        Height = Math.Max(0, height);
        _cells = new Cell[Width * Height];
        Array.Fill(_cells, Cell.Blank);
    }

    public int Width { get; private set; }
    public int Height { get; private set; }
    public Rect Area => new(0, 0, Width, Height);

    public Cell this[int x, int y]
    {
        get => (uint)x < (uint)Width && (uint)y < (uint)Height ? _cells[y * Width + x] : Cell.Blank;
    }

    internal ReadOnlySpan<Cell> Row(int y) => _cells.AsSpan(y * Width, Width);

    /// <summary>Changes the size and clears every cell.</summary>
    public void Resize(int width, int height)
    {
        Width = Math.Max(0, width);
        Height = Math.Max(0, height);
        if (_cells.Length != Width * Height) _cells = new Cell[Width * Height];
        Clear();
    }

    public void Clear() => Array.Fill(_cells, Cell.Blank);

    /// <summary>Copies the other buffer's size and cells into this one.</summary>
    public void CopyFrom(Buffer other)
    {
        if (other.Width != Width || other.Height != Height)
        {
            Width = other.Width;
            Height = other.Height;
            _cells = new Cell[Width * Height];
        }
        other._cells.CopyTo(_cells, 0);
    }

    /// <summary>Replaces every cell of the area (clipped to the buffer) with the given cell.</summary>
    public void Fill(Rect area, Cell cell)
    {
        area = area.Intersect(Area);
        if (area.IsEmpty) return;
        for (int y = area.Y; y < area.Bottom; y++)
        {
            BreakWideAt(area.X, y);
            BreakWideAt(area.Right - 1, y);
            _cells.AsSpan(y * Width + area.X, area.Width).Fill(cell);
        }
    }

    /// <summary>Blanks the area with spaces in the given style.</summary>
    public void Fill(Rect area, Style style) => Fill(area, new Cell(" ", style));

    /// <summary>Lays a style over the cells of the area (see <see cref="Style.Patch"/>), keeping their text.</summary>
    public void SetStyle(Rect area, Style style)
    {
        area = area.Intersect(Area);
        for (int y = area.Y; y < area.Bottom; y++)
            for (int x = area.X; x < area.Right; x++)
            {
                ref var cell = ref _cells[y * Width + x];
                cell = cell with { Style = cell.Style.Patch(style) };
            }
    }

    /// <summary>
    /// Draws text from column <paramref name="x"/> on row <paramref name="y"/>, clipped to
    /// <paramref name="clip"/> (default: the whole buffer). The style is laid over what is there.
    /// Columns left of the clip are skipped, so a negative offset scrolls text horizontally.
    /// Returns the column after the last one drawn (at most the clip's right edge).
    /// </summary>
    public int SetString(int x, int y, string? text, Style style = default, Rect? clip = null, string? link = null)
    {
        var area = (clip ?? Area).Intersect(Area);
        if (string.IsNullOrEmpty(text) || y < area.Y || y >= area.Bottom) return x;
        int right = area.Right;
        foreach (var g in Graphemes.Of(text))
        {
            if (x >= right) return right;
            if (g.IsTab)
            {
                int stop = area.X + ((x - area.X) / CellWidth.TabSize + 1) * CellWidth.TabSize;
                for (; x < stop && x < right; x++)
                    if (x >= area.X) Put(x, y, " ", 1, style, link);
                continue;
            }
            if (!g.IsDrawable) continue;
            if (x < area.X)
            {
                // A wide grapheme cut by the left edge shows as a blank in its visible half.
                if (x + g.Width > area.X) Put(area.X, y, " ", 1, style, link);
                x += g.Width;
                continue;
            }
            if (x + g.Width > right)
            {
                Put(x, y, " ", 1, style, link);
                return right;
            }
            Put(x, y, Graphemes.Text(text, g), g.Width, style, link);
            x += g.Width;
        }
        return Math.Min(x, right);
    }

    /// <summary>Draws the spans of a line one after another; returns the column after the last drawn.</summary>
    public int SetLine(int x, int y, Line line, Rect? clip = null)
    {
        foreach (var span in line.Spans)
            x = SetString(x, y, span.Text, span.Style, clip, span.Link);
        return x;
    }

    /// <summary>Draws a line into the first row of <paramref name="area"/>, ending in "…" if it does not fit.</summary>
    public void SetLineTruncated(Rect area, Line line) =>
        SetLine(area.X, area.Y, TextLayout.Truncate(line, area.Width), area);

    /// <summary>Draws a string into the first row of <paramref name="area"/>, ending in "…" if it does not fit.</summary>
    public void SetStringTruncated(Rect area, string text, Style style = default) =>
        SetString(area.X, area.Y, TextLayout.Truncate(text, area.Width), style, area);

    private void Put(int x, int y, string symbol, int width, Style style, string? link)
    {
        BreakWideAt(x, y);
        if (width == 2) BreakWideAt(x + 1, y);
        int i = y * Width + x;
        ref var cell = ref _cells[i];
        var merged = cell.Style.Patch(style);
        cell = new Cell(symbol, merged, link);
        if (width == 2 && x + 1 < Width) _cells[i + 1] = Cell.Continuation(merged, link);
    }

    /// <summary>Before a cell is replaced, blanks the other half of any wide grapheme it belongs to.</summary>
    private void BreakWideAt(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) return;
        int i = y * Width + x;
        if (_cells[i].IsContinuation)
        {
            if (x > 0) _cells[i - 1] = new Cell(" ", _cells[i - 1].Style);
            _cells[i] = new Cell(" ", _cells[i].Style);
        }
        else if (x + 1 < Width && _cells[i + 1].IsContinuation)
        {
            _cells[i + 1] = new Cell(" ", _cells[i + 1].Style);
        }
    }

    /// <summary>The text of the buffer, one line per row, trailing spaces trimmed.</summary>
    public string ToText()
    {
        var sb = new StringBuilder(Width * Height + Height);
        for (int y = 0; y < Height; y++)
        {
            AppendRowText(sb, y);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The text of one row, trailing spaces trimmed.</summary>
    public string RowText(int y)
    {
        var sb = new StringBuilder(Width);
        AppendRowText(sb, y);
        return sb.ToString();
    }

    private void AppendRowText(StringBuilder sb, int y)
    {
        int start = sb.Length;
        foreach (var cell in Row(y))
            if (!cell.IsContinuation) sb.Append(cell.Symbol);
        int end = sb.Length;
        while (end > start && sb[end - 1] == ' ') end--;
        sb.Length = end;
    }

    /// <summary>
    /// The text followed by a map of styles for tests: each styled cell shows a letter that the
    /// legend below explains (a blank is the default style), and links are listed at the end.
    /// </summary>
    public string ToStyledText()
    {
        var sb = new StringBuilder(ToText());
        var legend = new List<Style>();
        var links = new List<string>();
        var map = new StringBuilder();
        for (int y = 0; y < Height; y++)
        {
            int start = map.Length;
            for (int x = 0; x < Width; x++)
            {
                var cell = _cells[y * Width + x];
                if (cell.Link is { } link && !links.Contains(link)) links.Add(link);
                if (cell.Style == default) { map.Append(' '); continue; }
                int index = legend.IndexOf(cell.Style);
                if (index < 0) { legend.Add(cell.Style); index = legend.Count - 1; }
                map.Append(StyleKey(index));
            }
            int end = map.Length;
            while (end > start && map[end - 1] == ' ') end--;
            map.Length = end;
            map.Append('\n');
        }
        sb.Append("-- styles --\n").Append(map);
        for (int i = 0; i < legend.Count; i++)
            sb.Append(StyleKey(i)).Append(" = ").Append(Describe(legend[i])).Append('\n');
        foreach (var link in links) sb.Append("link ").Append(link).Append('\n');
        return sb.ToString();
    }

    private static char StyleKey(int index) =>
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[index % 62];

    /// <summary>A readable description of a style, e.g. "fg=red bg=#102030 bold".</summary>
    public static string Describe(Style style)
    {
        var parts = new List<string>();
        if (style.Fg.Kind != ColorKind.Default) parts.Add("fg=" + Describe(style.Fg));
        if (style.Bg.Kind != ColorKind.Default) parts.Add("bg=" + Describe(style.Bg));
        foreach (var mod in Enum.GetValues<Modifiers>())
            if (mod != Modifiers.None && style.Mods.HasFlag(mod)) parts.Add(mod.ToString().ToLowerInvariant());
        return string.Join(' ', parts);
    }

    private static readonly string[] AnsiNames =
    [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "gray", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ];

    private static string Describe(Color color) => color.Kind switch
    {
        ColorKind.Ansi16 => AnsiNames[color.Value],
        ColorKind.Indexed => "idx" + color.Value,
        ColorKind.Rgb => "#" + color.Value.ToString("x6"),
        _ => "default",
    };
}
