using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>A box-drawing frame with an optional title; returns the area inside it.</summary>
public static class Border
{
    public static Rect Draw(Rendering.Buffer buffer, Rect area, string? title = null, Style? style = null, Style? titleStyle = null)
    {
        if (area.Width < 2 || area.Height < 2) return new Rect(area.X, area.Y, 0, 0);
        var s = style ?? Theme.Default.Border;
        int right = area.Right - 1, bottom = area.Bottom - 1;
        buffer.SetString(area.X, area.Y, "┌" + new string('─', area.Width - 2) + "┐", s, area);
        buffer.SetString(area.X, bottom, "└" + new string('─', area.Width - 2) + "┘", s, area);
        for (int y = area.Y + 1; y < bottom; y++)
        {
            buffer.SetString(area.X, y, "│", s, area);
            buffer.SetString(right, y, "│", s, area);
        }
        if (!string.IsNullOrEmpty(title) && area.Width > 4)
            buffer.SetStringTruncated(new Rect(area.X + 2, area.Y, area.Width - 4, 1), " " + title + " ", titleStyle ?? Theme.Default.Title);
        return area.Inset(1);
    }
}
