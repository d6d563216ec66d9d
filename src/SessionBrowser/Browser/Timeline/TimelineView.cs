using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>
/// The Timeline tab: the snapshots down a line (step, time, how far through the session),
/// the selected one marked; below, that snapshot's state as a tree.
/// </summary>
public static class TimelineView
{
    public const int MaxTimelineRows = 9;

    public static IReadOnlyList<Line> Render(AppState s, int width, int height)
    {
        if (s.Timeline is not { } t) return [Line.Empty, Line.Of("  " + (s.Detail is null ? "No session selected." : "Opening…"), Theme.Dim)];
        if (t.Snapshots.Count == 0)
            return [Line.Empty, Line.Of("  No snapshots in this session.", Theme.Dim),
                    Line.Of("  Agents write snapshots/step_N.json as they work; restore rewinds to one.", Theme.Dim)];

        var lines = new List<Line>();
        int total = Math.Max(s.Current?.TotalSteps ?? 0, t.Snapshots[^1].Step);
        int rows = Math.Min(t.Snapshots.Count, Math.Min(MaxTimelineRows, Math.Max(3, height / 3)));
        int first = Math.Clamp(t.Selected - rows / 2, 0, t.Snapshots.Count - rows);
        if (first > 0) lines.Add(Line.Of($"  ↑ {first} earlier", Theme.Dim));
        for (int i = first; i < first + rows; i++)
        {
            var snap = t.Snapshots[i];
            bool selected = i == t.Selected;
            bool last = i == t.Snapshots.Count - 1;
            var line = new LineBuilder();
            line.Add(selected ? " ▶ " : "   ", Theme.HintKey);
            line.Add(selected ? "◉" : "●", selected ? Theme.HintKey : Theme.Dim);
            line.Add(last ? "  " : "─ ", Theme.Dim);
            line.Add($"step {snap.Step,-5}", selected ? Style.Plain.Bold() : default);
            line.Add(" " + Format.Time(snap.Time), Theme.Dim);
            if (total > 0)
            {
                double fraction = (double)snap.Step / total;
                line.Add("  " + Format.Bar(fraction, 10) + " " + Format.Percent(fraction), Theme.Dim);
            }
            if (snap.Label is { } label) line.Add("  " + SessionText.OneLine(label), Theme.Dim);
            lines.Add(new Line(SpanText.Fit(line.Build().Spans, width, selected ? Theme.SelectedUnfocused : default)));
        }
        int after = t.Snapshots.Count - first - rows;
        if (after > 0) lines.Add(Line.Of($"  ↓ {after} later", Theme.Dim));
        lines.Add(Line.Of(new string('─', width), Theme.Border));

        var selectedSnap = t.Snapshots[t.Selected];
        lines.Add(new LineBuilder().Add($" Step {selectedSnap.Step}", Style.Plain.Bold())
            .Add($" · {Format.Time(selectedSnap.Time)} · R restores the session to this point", Theme.Dim).Build());
        var tree = t.Error is { } error ? [Line.Of("  Cannot read this snapshot: " + SessionText.OneLine(error), Theme.StatusError)]
            : t.LoadedStep != selectedSnap.Step ? [Line.Of("  Loading the snapshot…", Theme.Dim)]
            : Tree(t.State, width);
        int room = height - lines.Count;
        int top = Math.Clamp(t.StateTop, 0, Math.Max(0, tree.Count - room));
        lines.AddRange(tree.Skip(top).Take(room));
        return lines;
    }

    /// <summary>The state as an indented tree: objects and arrays branch, values are shown as JSON scalars.</summary>
    public static List<Line> Tree(JsonNode? node, int width)
    {
        var lines = new List<Line>();
        if (node is null) { lines.Add(Line.Of("  (empty state)", Theme.Dim)); return lines; }
        Walk(node, "state", "  ", "", true, lines, width, depth: 0);
        return lines;
    }

    private static void Walk(JsonNode? node, string name, string indent, string branch, bool root, List<Line> lines, int width, int depth)
    {
        var line = new LineBuilder().Add(indent + branch, Theme.Border).Add(SessionText.OneLine(name), Theme.TreeKey);
        string childIndent = root ? indent : indent + (branch.StartsWith('└') ? "   " : "│  ");
        switch (node)
        {
            case JsonObject obj:
                line.Add(obj.Count == 0 ? " {}" : $" ({obj.Count})", Theme.Dim);
                lines.Add(Fit(line, width));
                if (depth > 12) return;
                int i = 0;
                foreach (var (key, value) in obj)
                    Walk(value, key, childIndent, ++i == obj.Count ? "└─ " : "├─ ", false, lines, width, depth + 1);
                break;
            case JsonArray array:
                line.Add(array.Count == 0 ? " []" : $" [{array.Count}]", Theme.Dim);
                lines.Add(Fit(line, width));
                if (depth > 12) return;
                for (int k = 0; k < array.Count; k++)
                    Walk(array[k], $"[{k}]", childIndent, k == array.Count - 1 ? "└─ " : "├─ ", false, lines, width, depth + 1);
                break;
            default:
                line.Add(": ", Theme.Dim).Add(Scalar(node), ScalarStyle(node));
                lines.Add(Fit(line, width));
                break;
        }
    }

    /// <summary>Strings in quotes as they read (CJK and emoji intact), other values as JSON writes them.</summary>
    private static string Scalar(JsonNode? node) =>
        node is null ? "null"
        : node.GetValueKind() == JsonValueKind.String ? "\"" + SessionText.OneLine(node.GetValue<string>()) + "\""
        : SessionText.OneLine(node.ToJsonString());

    private static Style ScalarStyle(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => Theme.TreeString,
        JsonValueKind.Number => Theme.TreeNumber,
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null or null => Theme.TreeKeyword,
        _ => default,
    };

    private static Line Fit(LineBuilder line, int width) => TextLayout.Truncate(line.Build(), width);
}
