using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>Where a dialog and its buttons are, shared by View (drawing) and Update (mouse clicks).</summary>
public static class DialogGeometry
{
    public static Rect Frame(AppState s, Dialog dialog)
    {
        int w = s.Width, h = s.Height;
        (int width, int height) = dialog switch
        {
            HelpDialog => (Math.Min(w - 4, 96), h - 4),
            ConfirmDialog c => (Math.Clamp(c.Body.Select(CellWidth.Of).DefaultIfEmpty(0).Max() + 6, 54, Math.Min(w - 4, 110)),
                                Math.Min(h - 4, c.Body.Count + 6)),
            RecoveryDialog => (Math.Min(w - 4, 84), Math.Min(h - 4, 18)),
            InputDialog => (Math.Min(w - 4, 72), 8),
            ExportDialog => (Math.Min(w - 4, 96), Math.Min(h - 2, 13)),
            PickerDialog p => (Math.Min(w - 4, 90), Math.Min(h - 2, Math.Max(8, p.Items.Count + 4))),
            StatsDialog => (Math.Min(w - 6, 110), h - 6),
            _ => (w / 2, h / 2),
        };
        return new Rect((w - width) / 2, (h - height) / 2, width, height);
    }

    public static IReadOnlyList<string> ButtonLabels(Dialog dialog) => dialog switch
    {
        ConfirmDialog c => c.Buttons,
        RecoveryDialog => RecoveryDialog.Buttons,
        InputDialog => ["OK", "Cancel"],
        ExportDialog => ["Export", "Cancel"],
        _ => [],
    };

    /// <summary>Buttons drawn as "[ Label ]", centred on the row above the bottom border.</summary>
    public static IReadOnlyList<Rect> Buttons(AppState s, Dialog dialog)
    {
        var frame = Frame(s, dialog);
        var labels = ButtonLabels(dialog);
        // Two cells between buttons, one when that is what makes them fit.
        int gap = labels.Sum(l => CellWidth.Of(l) + 4) + 2 * Math.Max(0, labels.Count - 1) > frame.Width - 4 ? 1 : 2;
        int total = labels.Sum(l => CellWidth.Of(l) + 4) + gap * Math.Max(0, labels.Count - 1);
        int x = frame.X + (frame.Width - total) / 2, y = frame.Bottom - 2;
        var rects = new List<Rect>();
        foreach (var label in labels)
        {
            int width = CellWidth.Of(label) + 4;
            rects.Add(new Rect(x, y, width, 1));
            x += width + gap;
        }
        return rects;
    }

    /// <summary>How many choices a picker shows at once: below its filter line and a blank line.</summary>
    public static int PickerRows(AppState s, PickerDialog p) => Math.Max(1, Frame(s, p).Height - 4);

    /// <summary>The recovery prompt's "don't ask again" check box row.</summary>
    public static Rect DontAskAgain(AppState s, RecoveryDialog dialog)
    {
        var frame = Frame(s, dialog);
        return new Rect(frame.X + 2, frame.Bottom - 4, frame.Width - 4, 1);
    }
}
