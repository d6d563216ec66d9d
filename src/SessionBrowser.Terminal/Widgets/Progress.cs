using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>A spinner for work of unknown length; advance it on each tick.</summary>
public sealed class Spinner
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    public int Frame { get; private set; }

    public void Advance() => Frame = (Frame + 1) % Frames.Length;

    public string Current => Frames[Frame];

    /// <summary>Draws the spinner then the message in the first row of the area.</summary>
    public void Render(Rendering.Buffer buffer, Rect area, string message, Theme? theme = null)
    {
        var t = theme ?? Theme.Default;
        var row = area.Row(0);
        int x = buffer.SetString(row.X, row.Y, Current, t.Accent, row);
        buffer.SetStringTruncated(new Rect(x + 1, row.Y, Math.Max(0, row.Right - x - 1), 1), message, t.Text);
    }
}

/// <summary>A progress bar for work of known length: "████████░░░░░░  57% label".</summary>
public static class ProgressBar
{
    public static void Render(Rendering.Buffer buffer, Rect area, double fraction, string label = "", Theme? theme = null)
    {
        var t = theme ?? Theme.Default;
        var row = area.Row(0);
        fraction = double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
        // Floor, so 100% means done; the epsilon keeps 0.57 from showing as 56%.
        var percent = $"{(int)Math.Floor(fraction * 100 + 1e-9),3}%";
        int labelWidth = label.Length == 0 ? 0 : Math.Min(CellWidth.Of(label) + 1, row.Width / 2);
        int barWidth = Math.Max(0, row.Width - percent.Length - 1 - labelWidth);
        int filled = (int)Math.Round(barWidth * fraction);
        int x = buffer.SetString(row.X, row.Y, new string('█', filled), t.Accent, row);
        x = buffer.SetString(x, row.Y, new string('░', barWidth - filled), t.Border, row);
        x = buffer.SetString(x + 1, row.Y, percent, t.Text, row);
        if (labelWidth > 0) buffer.SetStringTruncated(new Rect(x + 1, row.Y, row.Right - x - 1, 1), label, t.Dim);
    }
}
