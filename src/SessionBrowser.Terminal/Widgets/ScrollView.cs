using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>
/// A viewport on long styled text that asks for only the lines it shows: callers with 100,000+
/// lines give a line count and a provider and never build them all. Vertical and horizontal
/// scrolling (for wide code), a scrollbar on the right when the text is longer than the view.
/// Keys: arrows / j k h l, PgUp PgDn / Space, Home End / g G; the mouse wheel scrolls.
/// </summary>
public sealed class ScrollView
{
    private Rect _area;

    public ScrollView(int lineCount, Func<int, Line> lineProvider)
    {
        LineCount = lineCount;
        LineProvider = lineProvider;
    }

    public int LineCount { get; private set; }
    public Func<int, Line> LineProvider { get; private set; }
    public int Offset { get; private set; }
    public int HorizontalOffset { get; private set; }
    public bool ShowScrollbar { get; init; } = true;
    public Theme Theme { get; init; } = Theme.Default;

    /// <summary>How many lines the view showed last time (a page).</summary>
    public int ViewHeight => _area.Height;

    public bool AtEnd => Offset >= MaxOffset;

    private int MaxOffset => Math.Max(0, LineCount - Math.Max(1, _area.Height));

    /// <summary>Replaces the content; the position is kept where it still exists.</summary>
    public void SetContent(int lineCount, Func<int, Line> lineProvider)
    {
        LineCount = Math.Max(0, lineCount);
        LineProvider = lineProvider;
        ScrollTo(Offset);
    }

    public void ScrollTo(int line) => Offset = Math.Clamp(line, 0, MaxOffset);

    public void ScrollBy(int lines) => ScrollTo(Offset + lines);

    /// <summary>Scrolls only as far as needed for the line to be on screen.</summary>
    public void EnsureVisible(int line)
    {
        if (line < Offset) ScrollTo(line);
        else if (line >= Offset + _area.Height) ScrollTo(line - _area.Height + 1);
    }

    public void Render(Rendering.Buffer buffer, Rect area)
    {
        bool bar = ShowScrollbar && LineCount > area.Height && area.Width > 1;
        _area = area;
        ScrollTo(Offset);
        var text = bar ? area.Inset(0, 0, 1, 0) : area;
        for (int row = 0; row < text.Height && Offset + row < LineCount; row++)
            buffer.SetLine(text.X - HorizontalOffset, text.Y + row, LineProvider(Offset + row), text.Row(row));
        if (bar) Scrollbar.Render(buffer, new Rect(area.Right - 1, area.Y, 1, area.Height), LineCount, Offset, area.Height, Theme);
    }

    /// <summary>Returns true when the event scrolled the view.</summary>
    public bool Handle(InputEvent e)
    {
        int before = Offset, beforeH = HorizontalOffset;
        int page = Math.Max(1, _area.Height - 1);
        switch (e)
        {
            case KeyEvent { Key: Key.Up } or KeyEvent { Key: Key.Char, Char.Value: 'k', Modifiers: KeyModifiers.None }: ScrollBy(-1); break;
            case KeyEvent { Key: Key.Down } or KeyEvent { Key: Key.Char, Char.Value: 'j', Modifiers: KeyModifiers.None }: ScrollBy(1); break;
            case KeyEvent { Key: Key.PageUp } or KeyEvent { Key: Key.Char, Char.Value: 'b', Modifiers: KeyModifiers.None }: ScrollBy(-page); break;
            case KeyEvent { Key: Key.PageDown } or KeyEvent { Key: Key.Char, Char.Value: ' ', Modifiers: KeyModifiers.None }: ScrollBy(page); break;
            case KeyEvent { Key: Key.Home } or KeyEvent { Key: Key.Char, Char.Value: 'g', Modifiers: KeyModifiers.None }: ScrollTo(0); break;
            case KeyEvent { Key: Key.End } or KeyEvent { Key: Key.Char, Char.Value: 'G' }: ScrollTo(MaxOffset); break;
            case KeyEvent { Key: Key.Left } or KeyEvent { Key: Key.Char, Char.Value: 'h', Modifiers: KeyModifiers.None }:
                HorizontalOffset = Math.Max(0, HorizontalOffset - 4); break;
            case KeyEvent { Key: Key.Right } or KeyEvent { Key: Key.Char, Char.Value: 'l', Modifiers: KeyModifiers.None }:
                HorizontalOffset += 4; break;
            case MouseEvent { Button: MouseButton.WheelUp } m when _area.Contains(m.X, m.Y): ScrollBy(-3); break;
            case MouseEvent { Button: MouseButton.WheelDown } m when _area.Contains(m.X, m.Y): ScrollBy(3); break;
            case MouseEvent { IsLeftClick: true } m when m.X == _area.Right - 1 && _area.Contains(m.X, m.Y) && LineCount > _area.Height:
                ScrollTo(Scrollbar.OffsetAt(m.Y - _area.Y, _area.Height, LineCount, _area.Height)); break;
        }
        return Offset != before || HorizontalOffset != beforeH;
    }
}
