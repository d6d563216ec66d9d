using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>The statistics screen's lines (the dialog frame around them is <see cref="DialogView"/>'s).</summary>
public static class StatsView
{
    public static List<Line> Lines(StatsDialog st, int width)
    {
        if (st.Error is { } error) return [Line.Empty, Line.Of("Cannot compute statistics: " + error, Theme.StatusError)];
        if (st.Stats is not { } stats) return [Line.Empty, Line.Of("Counting…", Theme.Dim)];
        var lines = new List<Line> { Line.Empty };
        lines.AddRange(stats.Report.Select(r => Line.Of(r)));
        if (stats.PerDay.Count > 0)
        {
            lines.Add(Line.Empty);
            lines.Add(Line.Of(stats.PerDayTitle, Theme.DialogTitle));
            double max = Math.Max(1, stats.PerDay.Max(d => d.Value));
            int barWidth = Math.Max(10, width - 22);
            foreach (var (label, value) in stats.PerDay)
            {
                int filled = (int)Math.Round(value / max * barWidth);
                lines.Add(new LineBuilder().Add("  " + label.PadRight(11), Theme.Label)
                    .Add(new string('█', filled), Theme.Bar).Add(" " + value.ToString("0", System.Globalization.CultureInfo.InvariantCulture), Theme.Dim).Build());
            }
        }
        if (stats.PerModel.Count > 0)
        {
            lines.Add(Line.Empty);
            lines.Add(Line.Of("By model", Theme.DialogTitle));
            foreach (var (label, value) in stats.PerModel)
                lines.Add(new LineBuilder().Add("  " + SessionText.OneLine(label).PadRight(24), Theme.Label).Add(value).Build());
        }
        return lines;
    }
}
