using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>One key and what it does, for the hint bar.</summary>
public readonly record struct KeyHint(string Key, string Action);

/// <summary>The bottom bar that lists keys: "q quit  / search  ? help". Hints that do not fit are left out, from the end.</summary>
public static class KeyHints
{
    public static void Render(Rendering.Buffer buffer, Rect area, IReadOnlyList<KeyHint> hints, Theme? theme = null)
    {
        var t = theme ?? Theme.Default;
        var row = area.Row(0);
        int x = row.X + 1;
        foreach (var hint in hints)
        {
            int width = CellWidth.Of(hint.Key) + 1 + CellWidth.Of(hint.Action);
            if (x + width > row.Right) break;
            x = buffer.SetString(x, row.Y, hint.Key, t.Key, row);
            x = buffer.SetString(x + 1, row.Y, hint.Action, t.Dim, row);
            x += 2;
        }
    }
}
