using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>A vertical scrollbar: a thin track with a thumb sized to the visible share.</summary>
public static class Scrollbar
{
    public static void Render(Rendering.Buffer buffer, Rect area, int total, int offset, int visible, Theme? theme = null)
    {
        if (area.Height <= 0 || total <= 0) return;
        var t = theme ?? Theme.Default;
        var (start, length) = Thumb(area.Height, total, offset, visible);
        for (int row = 0; row < area.Height; row++)
        {
            bool thumb = row >= start && row < start + length;
            buffer.SetString(area.X, area.Y + row, thumb ? "┃" : "│", thumb ? t.Accent : t.Border, area);
        }
    }

    /// <summary>Where the thumb starts and how long it is, in rows of the track.</summary>
    public static (int Start, int Length) Thumb(int trackHeight, int total, int offset, int visible)
    {
        if (total <= visible) return (0, trackHeight);
        int length = Math.Clamp((int)Math.Round((double)trackHeight * visible / total), 1, trackHeight);
        int maxOffset = total - visible;
        int start = (int)Math.Round((double)(trackHeight - length) * Math.Clamp(offset, 0, maxOffset) / maxOffset);
        return (start, length);
    }

    /// <summary>The scroll offset that puts the thumb at a clicked row of the track.</summary>
    public static int OffsetAt(int row, int trackHeight, int total, int visible)
    {
        if (total <= visible || trackHeight <= 1) return 0;
        return (int)Math.Round((double)(total - visible) * Math.Clamp(row, 0, trackHeight - 1) / (trackHeight - 1));
    }
}
