using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>A point on the timeline: a short label under it and a caption shown when it is selected.</summary>
public readonly record struct TimelinePoint(string Label, string Caption = "");

/// <summary>
/// Points on a horizontal line with labels under them, one selected. When there are more points
/// than fit, it shows a window around the selection with ◀ ▶ at the cut ends. Left/Right (h l),
/// Home/End move; a click selects the nearest point.
/// </summary>
public sealed class Timeline
{
    private readonly List<(int X, int Index)> _drawn = [];
    private Rect _area;
    private int _first;

    public Timeline(IReadOnlyList<TimelinePoint> points) { Points = points; }

    public IReadOnlyList<TimelinePoint> Points { get; private set; }
    public int Selected { get; private set; }
    /// <summary>Fewest columns between two points (room for a label).</summary>
    public int MinSpacing { get; init; } = 10;
    public Theme Theme { get; init; } = Theme.Default;

    public void SetPoints(IReadOnlyList<TimelinePoint> points)
    {
        Points = points;
        Select(Selected);
    }

    public void Select(int index) => Selected = Points.Count == 0 ? 0 : Math.Clamp(index, 0, Points.Count - 1);

    public void Render(Rendering.Buffer buffer, Rect area)
    {
        _area = area;
        _drawn.Clear();
        if (Points.Count == 0 || area.Width < 3 || area.Height < 1) return;
        var inner = area.Inset(1, 0, 1, 0);
        // The last point keeps MinSpacing columns after it for its label.
        int usable = Math.Max(1, inner.Width - MinSpacing);
        int fit = Math.Max(1, Math.Min(Points.Count, usable / MinSpacing + 1));
        if (Selected < _first) _first = Selected;
        if (Selected >= _first + fit) _first = Selected - fit + 1;
        _first = Math.Clamp(_first, 0, Points.Count - fit);
        int spacing = fit == 1 ? 0 : usable / (fit - 1);
        int lineEnd = inner.X + spacing * (fit - 1);

        buffer.SetString(inner.X, area.Y, new string('─', lineEnd - inner.X + 1), Theme.Border, inner);
        if (_first > 0) buffer.SetString(area.X, area.Y, "◀", Theme.Dim, area);
        if (_first + fit < Points.Count) buffer.SetString(area.Right - 1, area.Y, "▶", Theme.Dim, area);
        for (int i = 0; i < fit; i++)
        {
            int index = _first + i, x = inner.X + spacing * i;
            bool selected = index == Selected;
            _drawn.Add((x, index));
            buffer.SetString(x, area.Y, selected ? "◆" : "●", selected ? Theme.Selected : Theme.Accent, inner);
            if (area.Height < 2) continue;
            int room = i == fit - 1 ? inner.Right - x : spacing - 1;
            buffer.SetStringTruncated(new Rect(x, area.Y + 1, Math.Max(1, room), 1), Points[index].Label, selected ? Theme.Title : Theme.Dim);
        }
        if (area.Height >= 3 && Points[Selected].Caption.Length > 0)
            buffer.SetStringTruncated(new Rect(inner.X, area.Y + 2, inner.Width, 1), Points[Selected].Caption, Theme.Text);
    }

    /// <summary>Returns true when the selection changed.</summary>
    public bool Handle(InputEvent e)
    {
        int before = Selected;
        switch (e)
        {
            case KeyEvent { Key: Key.Left } or KeyEvent { Key: Key.Char, Char.Value: 'h', Modifiers: KeyModifiers.None }: Select(Selected - 1); break;
            case KeyEvent { Key: Key.Right } or KeyEvent { Key: Key.Char, Char.Value: 'l', Modifiers: KeyModifiers.None }: Select(Selected + 1); break;
            case KeyEvent { Key: Key.Home }: Select(0); break;
            case KeyEvent { Key: Key.End }: Select(Points.Count - 1); break;
            case MouseEvent { IsLeftClick: true } m when _area.Contains(m.X, m.Y) && _drawn.Count > 0:
                Select(_drawn.MinBy(d => Math.Abs(d.X - m.X)).Index);
                break;
        }
        return Selected != before;
    }
}
