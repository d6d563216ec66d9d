using System.Globalization;
using SessionBrowser.Core.Model;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>
/// How one message occupies the Messages tab: a role header with the time, the body indented
/// by two cells (cut short when collapsed, with a note saying how much is hidden), a blank line.
/// Update uses the line counts to scroll; View uses the lines to draw.
/// </summary>
public static class MessageLayout
{
    public const int Indent = 2;

    public static bool IsCollapsed(DetailState d, MessageDocument doc, int index, int width)
    {
        bool collapsed = !d.ExpandAll && doc.CollapsedByDefault(index, BodyWidth(width));
        return d.Toggled.Contains(index) ? !collapsed : collapsed;
    }

    /// <summary>Whether the message is long enough that collapsing it hides anything.</summary>
    public static bool IsCollapsible(MessageDocument doc, int index, int width) =>
        doc.Body(index, BodyWidth(width)).Count > doc.PreviewLines(index);

    public static int LineCount(DetailState d, MessageDocument doc, int index, int width)
    {
        int body = doc.Body(index, BodyWidth(width)).Count;
        if (IsCollapsed(d, doc, index, width) && body > doc.PreviewLines(index))
            return 1 + doc.PreviewLines(index) + 1 + 1;
        return 1 + body + 1;
    }

    public static IReadOnlyList<Line> Lines(DetailState d, MessageDocument doc, int index, int width, bool selected, bool focused = false)
    {
        var lines = new List<Line> { Header(doc.Read(index), index, doc.Count, width, selected, focused, IsCollapsed(d, doc, index, width)) };
        var body = doc.Body(index, BodyWidth(width));
        int shown = body.Count;
        if (IsCollapsed(d, doc, index, width) && body.Count > doc.PreviewLines(index)) shown = doc.PreviewLines(index);
        var pad = new Span(new string(' ', Indent));
        for (int i = 0; i < shown; i++) lines.Add(new Line([pad, .. body[i].Spans]));
        if (shown < body.Count)
            lines.Add(new Line([pad, new Span($"▸ {body.Count - shown} more lines · z to expand", Theme.Dim)]));
        lines.Add(Line.Empty);
        return lines;
    }

    public static int BodyWidth(int width) => Math.Max(4, width - Indent);

    public static string RoleLabel(string role) => role switch
    {
        Roles.User => "You",
        Roles.Assistant => "Assistant",
        Roles.Tool => "Tool",
        Roles.System => "System",
        "" => "Unknown",
        _ => char.ToUpperInvariant(role[0]) + SessionText.OneLine(role[1..]),
    };

    private static Line Header(MessageRecord record, int index, int count, int width, bool selected, bool focused, bool collapsed)
    {
        var line = new LineBuilder();
        line.Add(selected ? "▶ " : "  ", selected ? Theme.HintKey : Theme.Dim);
        if (record.Message is { } m)
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
