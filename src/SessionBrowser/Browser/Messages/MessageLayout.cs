using System.Globalization;
using SessionBrowser.Core.Model;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>
/// How one message occupies the Messages tab: a role header with the time, the body indented
/// by two cells (cut short when collapsed, with a note saying how much is hidden), a blank line.
/// Update uses the line counts to scroll; View uses the lines to draw; both only from the laid-out
/// <see cref="DetailState.Pages"/> (a message not laid out yet is a placeholder).
/// </summary>
public static class MessageLayout
{
    public const int Indent = 2;

    /// <summary>Rows a message not laid out yet takes: its placeholder header, one line, the gap.</summary>
    public const int PlaceholderLines = 3;

    public static bool IsCollapsed(DetailState d, int index) =>
        d.Pages.Get(index) is { } r && IsCollapsed(d, r, index);

    private static bool IsCollapsed(DetailState d, RenderedMessage r, int index)
    {
        bool collapsed = !d.ExpandAll && r.CollapsedByDefault;
        return d.Toggled.Contains(index) ? !collapsed : collapsed;
    }

    /// <summary>Whether the message is long enough that collapsing it hides anything.</summary>
    public static bool IsCollapsible(DetailState d, int index) =>
        d.Pages.Get(index) is { } r && r.Body.Count > r.PreviewLines;

    public static int LineCount(DetailState d, int index)
    {
        if (d.Pages.Get(index) is not { } r) return PlaceholderLines;
        if (IsCollapsed(d, r, index) && r.Body.Count > r.PreviewLines) return 1 + r.PreviewLines + 1 + 1;
        return 1 + r.Body.Count + 1;
    }

    public static IReadOnlyList<Line> Lines(DetailState d, int index, int width, bool selected, bool focused = false)
    {
        int count = d.Count;
        if (d.Pages.Get(index) is not { } r)
            return [Header(null, index, count, width, selected, focused, collapsed: false), Line.Of("  …", Theme.Dim), Line.Empty];
        bool isCollapsed = IsCollapsed(d, r, index);
        var lines = new List<Line> { Header(r.Record, index, count, width, selected, focused, isCollapsed) };
        var body = r.Body;
        int shown = isCollapsed && body.Count > r.PreviewLines ? r.PreviewLines : body.Count;
        var pad = new Span(new string(' ', Indent));
        for (int i = 0; i < shown; i++)
            lines.Add(new Line([pad, .. (d.Shift > 0 && body[i].Scroll is { } row ? row.At(d.Shift) : body[i]).Spans]));
        if (shown < body.Count)
            lines.Add(new Line([pad, new Span($"▸ {body.Count - shown} more lines · z to expand", Theme.Dim)]));
        lines.Add(Line.Empty);
        return lines;
    }

    public static int BodyWidth(int width) => Math.Max(4, width - Indent);

    /// <summary>How far the laid-out messages' code lines can shift: until the longest one's end shows.</summary>
    public static int MaxShift(DetailState d) =>
        d.Pages.Messages.Values.SelectMany(r => r.Body).Select(l => l.Scroll?.MaxShift ?? 0).DefaultIfEmpty(0).Max();

    public static string RoleLabel(string role) => role switch
    {
        Roles.User => "You",
        Roles.Assistant => "Assistant",
        Roles.Tool => "Tool",
        Roles.System => "System",
        "" => "Unknown",
        _ => char.ToUpperInvariant(role[0]) + SessionText.OneLine(role[1..]),
    };

    /// <summary>The role line; <paramref name="record"/> is null while the message is being read.</summary>
    private static Line Header(MessageRecord? record, int index, int count, int width, bool selected, bool focused, bool collapsed)
    {
        var line = new LineBuilder();
        line.Add(selected ? "▶ " : "  ", selected ? Theme.HintKey : Theme.Dim);
        if (record is null)
        {
            line.Add("reading…", Theme.Dim);
        }
        else if (record.Message is { } m)
        {
            line.Add(RoleLabel(m.Role), Theme.Role(m.Role));
            if (m.Time is { } t)
                line.Add(" · " + t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), Theme.Dim);
            if (m.Metadata?["tool"]?.GetValueKind() == System.Text.Json.JsonValueKind.String)
                line.Add(" · " + SessionText.OneLine(m.Metadata["tool"]!.GetValue<string>()), Theme.Dim);
        }
        else
        {
            line.Add("⚠ damaged", Theme.Damaged);
        }
        if (collapsed) line.Add(" ▸", Theme.Dim);
        var position = $" #{index + 1}/{count}";
        int room = width - line.Width - CellWidth.Of(position);
        if (room > 0) line.Add(new string(' ', room)).Add(position, Theme.Dim);
        var built = line.Build();
        // The selected message carries the focus colour while the pane has the focus.
        var over = focused ? Theme.Selected : Theme.SelectedUnfocused;
        return selected ? new Line([.. built.Spans.Select(s => s with { Style = s.Style.Patch(over) })]) : built;
    }
}
