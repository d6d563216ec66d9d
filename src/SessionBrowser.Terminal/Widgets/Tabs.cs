using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>A row of tab titles; the current one highlighted. Clicking a title selects it.</summary>
public sealed class Tabs
{
    private readonly List<Rect> _rects = [];

    public Tabs(params string[] titles) { Titles = titles; }

    public IReadOnlyList<string> Titles { get; }
    public int Selected { get; set; }
    public Theme Theme { get; init; } = Theme.Default;

    public void Next() => Selected = (Selected + 1) % Titles.Count;
    public void Previous() => Selected = (Selected + Titles.Count - 1) % Titles.Count;

    public void Render(Rendering.Buffer buffer, Rect area)
    {
        _rects.Clear();
        var row = area.Row(0);
        int x = row.X;
        for (int i = 0; i < Titles.Count; i++)
        {
            if (i > 0) x = buffer.SetString(x, row.Y, "│", Theme.Border, row);
            var label = $" {Titles[i]} ";
            int start = x;
            x = buffer.SetString(x, row.Y, label, i == Selected ? Theme.Selected : Theme.Dim, row);
            _rects.Add(new Rect(start, row.Y, x - start, 1));
        }
    }

    /// <summary>The tab at a screen position, or -1.</summary>
    public int HitTest(int x, int y) => _rects.FindIndex(r => r.Contains(x, y));

    /// <summary>Selects the clicked tab; returns true when the selection changed.</summary>
    public bool Handle(InputEvent e)
    {
        if (e is not MouseEvent { IsLeftClick: true } m) return false;
        int hit = HitTest(m.X, m.Y);
        if (hit < 0 || hit == Selected) return false;
        Selected = hit;
        return true;
    }
}
