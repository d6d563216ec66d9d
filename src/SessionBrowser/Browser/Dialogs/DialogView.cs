using SessionBrowser.Browser.Input;
using SessionBrowser.Markdown;
using SessionBrowser.Terminal.Rendering;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Browser;

/// <summary>Draws the open dialog over the screen; returns the cursor for a text prompt.</summary>
public static class DialogView
{
    public static (int X, int Y)? Draw(AppState s, Dialog dialog, Buffer buffer)
    {
        var frame = DialogGeometry.Frame(s, dialog);
        var (title, body) = Content(s, dialog, frame.Width - 4);
        Box(buffer, frame, title);
        var inner = new Rect(frame.X + 2, frame.Y + 1, frame.Width - 4, frame.Height - 2);
        int buttonsRows = DialogGeometry.ButtonLabels(dialog).Count > 0 ? 2 : 0;
        int room = inner.Height - buttonsRows;
        int top = dialog switch { HelpDialog h => h.Top, ConfirmDialog c => c.Top, _ => 0 };
        top = Math.Clamp(top, 0, Math.Max(0, body.Count - room));
        for (int i = 0; i < room && top + i < body.Count; i++)
            buffer.SetLine(inner.X, inner.Y + i, TextLayout.Truncate(body[top + i], inner.Width), inner);
        if (body.Count > room)
            buffer.SetString(frame.Right - 2, frame.Y + 1, top > 0 ? "▲" : " ", Theme.DialogFrame);
        if (body.Count - top > room)
            buffer.SetString(frame.Right - 2, frame.Bottom - 2 - buttonsRows, "▼", Theme.DialogFrame);

        var labels = DialogGeometry.ButtonLabels(dialog);
        var rects = DialogGeometry.Buttons(s, dialog);
        int focused = dialog switch { ConfirmDialog c => c.Button, RecoveryDialog r => r.Button, _ => 0 };
        for (int i = 0; i < labels.Count; i++)
            buffer.SetString(rects[i].X, rects[i].Y, $"[ {labels[i]} ]", i == focused ? Theme.ButtonFocused : Theme.Button, frame);

        // The text field's row in the body: the prompt's third line, the export's fifth.
        var (field, row) = dialog switch
        {
            InputDialog i => (i.Input, 2),
            ExportDialog e => (e.Path, 4),
            PickerDialog p => (p.Filter, 0),
            _ => (null, 0),
        };
        if (field is null) return null;
        int cursorX = inner.X + 2 + Math.Min(CellWidth.Of(SessionText.OneLine(field.BeforeCursor)), FieldRoom(inner.Width));
        return (Math.Min(cursorX, inner.Right - 1), inner.Y + row);
    }

    private static void Box(Buffer buffer, Rect frame, string title)
    {
        buffer.Fill(frame, new Style(Color.Default, Color.Default));
        var style = Theme.DialogFrame;
        buffer.SetString(frame.X, frame.Y, "╭" + new string('─', frame.Width - 2) + "╮", style);
        for (int y = frame.Y + 1; y < frame.Bottom - 1; y++)
        {
            buffer.SetString(frame.X, y, "│", style);
            buffer.SetString(frame.Right - 1, y, "│", style);
        }
        buffer.SetString(frame.X, frame.Bottom - 1, "╰" + new string('─', frame.Width - 2) + "╯", style);
        buffer.SetString(frame.X + 2, frame.Y, " " + TextLayout.Truncate(title, frame.Width - 6) + " ", Theme.DialogTitle);
    }

    private static (string Title, List<Line> Body) Content(AppState s, Dialog dialog, int width) => dialog switch
    {
        HelpDialog => ("Keys", Help(s, width)),
        ConfirmDialog c => (c.Title, [Line.Empty, .. c.Body.Select(b => Line.Of(b, b.StartsWith('✗') ? Theme.Warning : default))]),
        RecoveryDialog r => ($"Interrupted session{(r.Handled + r.Queue.Count > 1 ? $" ({r.Handled + 1} of {r.Handled + r.Queue.Count})" : "")}", Recovery(s, r)),
        InputDialog i => (i.Title, Input(i, width)),
        PickerDialog p => (p.Title, Picker(s, p, width)),
        ExportDialog e => (e.Refs.Count == 1 ? $"Export {e.Refs[0].Id}" : $"Export {e.Refs.Count} sessions", Export(e, width)),
        StatsDialog st => ("Statistics", StatsView.Lines(st, width)),
        _ => ("", []),
    };

    private static List<Line> Help(AppState s, int width)
    {
        var lines = new List<Line>();
        foreach (var group in KeyMap.Bindings.GroupBy(b => b.Context))
        {
            lines.Add(Line.Of(group.Key switch
            {
                KeyContext.Always => "Everywhere, dialogs and search included",
                KeyContext.Global => "Everywhere but dialogs and the search box",
                KeyContext.List => "Session list",
                KeyContext.Messages => "Messages tab",
                KeyContext.Timeline => "Timeline tab",
                KeyContext.Info => "Info tab",
                KeyContext.Search => "Search box (typing edits the query)",
                KeyContext.InputDialog => "Rename and tag prompts",
                KeyContext.Export => "Export (e)",
                KeyContext.Picker => "Tag, work dir and project lists (T, w, P; typing filters)",
                KeyContext.TextField => "Editing text (search box and prompts)",
                KeyContext.Confirm => "Confirmation",
                KeyContext.Recovery => "Interrupted sessions (R)",
                KeyContext.Help => "This help",
                KeyContext.Stats => "Statistics",
                _ => "Terminal too small",
            }, Theme.DialogTitle));
            foreach (var b in group)
                lines.Add(new LineBuilder().Add("  " + string.Join(" ", b.Keys).PadRight(24), Theme.HintKey).Add(b.Description).Build());
            lines.Add(Line.Empty);
        }
        lines.Add(Line.Of("Mouse: click selects a session, a message, a tab or a button; the wheel scrolls.", Theme.Dim));
        lines.Add(Line.Of("Search: words and \"phrases\", status: tag: role: model: before: after: filters.", Theme.Dim));
        return lines;
    }

    private static List<Line> Recovery(AppState s, RecoveryDialog r)
    {
        var i = r.Current;
        Line Row(string label, string value, Style style = default) =>
            new LineBuilder().Add("  " + label.PadRight(17), Theme.Label).Add(value, style).Build();
        var lines = new List<Line>
        {
            Line.Of("This session was left active but nobody holds its lock:"),
            Line.Of("the program writing it stopped without finishing."),
            Line.Empty,
            Row("Title", SessionText.OneLine(i.Title), Style.Plain.Bold()),
            Row("Id", i.Id),
            Row("Last activity", i.LastActive is { } t ? $"{Format.Age(t, s.Now)} ({Format.Time(t)})" : "unknown"),
            Row("Progress", $"{Format.Bar(i.Progress, 20)} {Format.Percent(i.Progress)}"),
            Row("Current task", string.IsNullOrWhiteSpace(i.CurrentTask) ? "none recorded" : SessionText.OneLine(i.CurrentTask)),
            Row("Latest snapshot", i.LatestSnapshotStep is { } step ? $"step {step}, {SnapshotTime(i.LatestSnapshotTimestamp, s.Now)}" : "none"),
            // Nobody holds the lock now (that is what makes it interrupted): the record names the writer that stopped.
            Row("Last writer", i.LastHolder is { } holder ? SessionText.OneLine(holder.ToString()) + (Core.Model.Timestamps.Parse(holder.Since) is { } since ? $" (locked it {Format.Age(since, s.Now)})" : "") : "unknown (no lock record)"),
            Row("Reviewing", r.Age == 0 ? $"all {r.Handled + s.Interrupted.Count} (o: only the older ones)"
                : $"{r.Handled + r.Queue.Count} of {r.Handled + s.Interrupted.Count}, {RecoveryAges.All[r.Age].Label} (o: change)"),
            Line.Empty,
        };
        lines.Add(new LineBuilder().Add(r.DontAskAgain ? "[x]" : "[ ]", Theme.HintKey).Add(" Don't ask again for this session (Space)").Build());
        return lines;
    }

    /// <summary>A snapshot's time as the other rows say theirs: how long ago, then the time.</summary>
    private static string SnapshotTime(string? timestamp, DateTimeOffset now) =>
        Core.Model.Timestamps.Parse(timestamp) is { } t ? $"{Format.Age(t, now)} ({Format.Time(t)})" : SessionText.OneLine(timestamp ?? "time unknown");

    private static List<Line> Input(InputDialog i, int width) =>
    [
        Line.Empty,
        Line.Of(i.Prompt, Theme.Label),
        Field(i.Input, width),
    ];

    /// <summary>Cells a text field shows after its "> ".</summary>
    private static int FieldRoom(int width) => Math.Max(1, width - 3);

    /// <summary>"> text"; a text longer than the field shows its end, where the cursor is, after a "…".</summary>
    private static Line Field(TextInput input, int width)
    {
        string text = SessionText.OneLine(input.Text);
        int room = FieldRoom(width);
        if (CellWidth.Of(SessionText.OneLine(input.BeforeCursor)) > room) text = "…" + TextLayout.Tail(SessionText.OneLine(input.BeforeCursor), room - 1);
        return new LineBuilder().Add("> ", Theme.HintKey).Add(text).Build();
    }

    /// <summary>The filter, then the choices that match it, scrolled to keep the chosen one in view; counts right-aligned.</summary>
    private static List<Line> Picker(AppState s, PickerDialog p, int width)
    {
        var shown = p.Shown;
        int rows = DialogGeometry.PickerRows(s, p);
        int top = Math.Clamp(p.Selected - rows + 1, 0, Math.Max(0, shown.Count - rows));
        var lines = new List<Line> { Field(p.Filter, width), Line.Empty };
        if (shown.Count == 0) lines.Add(Line.Of("  nothing matches", Theme.Dim));
        for (int i = top; i < shown.Count && i < top + rows; i++)
        {
            var item = shown[i];
            bool chosen = i == p.Selected;
            var style = chosen ? Theme.Selected : default;
            // The label keeps at least half the width; a folder keeps its end, where projects differ.
            string detail = SessionText.OneLine(item.Detail);
            int room = Math.Max(Math.Max(1, (width - 4) / 2), width - CellWidth.Of(detail) - 4);
            detail = TextLayout.Truncate(detail, width - 4 - room);
            bool folder = item.Value is { Length: > 0 } && p.Purpose != PickerPurpose.Tag;
            string label = SessionText.OneLine(folder ? Format.Path(item.Label) : item.Label);
            label = CellWidth.Of(label) <= room ? label : folder ? "…" + TextLayout.Tail(label, room - 1) : TextLayout.Truncate(label, room);
            lines.Add(new LineBuilder().Add(chosen ? "▶ " : "  ", style).Add(label.PadRight(room - CellWidth.Of(label) + label.Length) + "  ", style)
                .Add(detail, chosen ? style : Theme.Dim).Build());
        }
        return lines;
    }

    private static List<Line> Export(ExportDialog e, int width)
    {
        var formats = new LineBuilder().Add("Format  ", Theme.Label);
        foreach (var format in e.Formats)
            formats.Add(format == e.Format ? "(•) " : "( ) ", Theme.HintKey).Add(ExportDialog.Label(format) + "   ", format == e.Format ? Style.Plain.Bold() : default);
        var lines = new List<Line>
        {
            Line.Empty,
            formats.Build(),
            Line.Empty,
            Line.Of("File (edit it; ~ is your home):", Theme.Label),
            Field(e.Path, width),
            Line.Empty,
            Line.Of(e.Format switch
            {
                ExportFormat.Zip => "A zip with a manifest and checksums: `import` reads it back.",
                ExportFormat.Markdown => "A readable transcript: every message, code blocks kept.",
                _ => "A self-contained page: no scripts, nothing loaded from the web.",
            }, Theme.Dim),
            Line.Of(e.Formats.Count == 1 && e.Refs.Count > 1 ? "Several sessions go into one zip; a transcript is of one session." : "Tab changes the format. An existing file is replaced only if you say so.", Theme.Dim),
        };
        return lines;
    }
}
