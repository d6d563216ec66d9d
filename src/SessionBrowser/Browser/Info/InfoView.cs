using SessionBrowser.Core.Model;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>The Info tab: every fact the store has about the session, one per line.</summary>
public static class InfoView
{
    public static IReadOnlyList<Line> Render(AppState s, int width, int height)
    {
        if (s.Current is not { } c) return [Line.Empty, Line.Of("  No session selected.", Theme.Dim)];
        var rows = Facts(s, c);
        var lines = new List<Line> { Line.Empty };
        int labelWidth = rows.Max(r => r.Label.Length) + 2;
        foreach (var (label, value, style) in rows)
        {
            var wrapped = SpanText.Wrap([new Span(value, style)], Math.Max(8, width - labelWidth - 2));
            for (int i = 0; i < wrapped.Count; i++)
            {
                var prefix = i == 0 ? "  " + label.PadRight(labelWidth) : new string(' ', labelWidth + 2);
                lines.Add(new Line([new Span(prefix, Theme.Label), .. wrapped[i].Spans]));
            }
        }
        int top = Math.Clamp(s.InfoTop, 0, Math.Max(0, lines.Count - height));
        return [.. lines.Skip(top).Take(height)];
    }

    private static List<(string Label, string Value, Style Style)> Facts(AppState s, SessionSummary c)
    {
        var badge = Badges.Of(c);
        var rows = new List<(string, string, Style)>
        {
            ("Title", SessionText.OneLine(c.Title), Style.Plain.Bold()),
            ("Id", c.Id, Theme.Value),
            ("Source", c.Source, Theme.Value),
            ("Status", badge == c.Status || string.IsNullOrEmpty(c.Status) ? badge : $"{badge} (stored: {c.Status})", Theme.Badge(badge)),
        };
        if (c.Damaged is { } why) rows.Add(("Damage", SessionText.OneLine(why), Theme.Damaged));
        rows.Add(("Work dir", SessionText.OneLine(c.WorkDir ?? "unknown"), Theme.Value));
        rows.Add(("Model", SessionText.OneLine(c.Model ?? "unknown"), Theme.Value));
        rows.Add(("Created", $"{Format.Time(c.CreatedAt)} ({Format.Age(c.CreatedAt, s.Now)})", Theme.Value));
        rows.Add(("Last active", $"{Format.Time(c.LastActive)} ({Format.Age(c.LastActive, s.Now)})", Theme.Value));
        rows.Add(("Messages", c.MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture), Theme.Value));
        rows.Add(("Steps", c.TotalSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), Theme.Value));
        rows.Add(("Tokens", $"{Format.Tokens(c.TotalTokens)} ({c.TotalTokens:N0})", Theme.Value));
        rows.Add(("Cost", Format.Cost(c.TotalCost), Theme.Value));
        rows.Add(("Progress", $"{Format.Bar(c.Progress, 20)} {Format.Percent(c.Progress)}", Theme.Value));
        if (!string.IsNullOrWhiteSpace(c.CurrentTask)) rows.Add(("Current task", SessionText.OneLine(c.CurrentTask), Theme.Value));
        rows.Add(("Tags", c.Tags.Count == 0 ? "none" : string.Join(" ", c.Tags.Select(t => "#" + SessionText.OneLine(t))), Theme.Tag));
        if (s.Timeline is { Ref: var r } t && r == c.Ref)
            rows.Add(("Snapshots", t.Snapshots.Count == 0 ? "none" : $"{t.Snapshots.Count} (latest: step {t.Snapshots[^1].Step})", Theme.Value));
        rows.Add(("Location", c.Path, Theme.Dim));
        return rows;
    }
}
