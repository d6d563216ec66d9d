using System.Globalization;
using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>
/// `e`: a dialog with the format (zip, Markdown, HTML) and the file, prefilled and editable;
/// nothing is written before Enter, and an existing file is replaced only after a confirmation.
/// </summary>
internal static class ExportUpdate
{
    public static (AppState, Effect[]) Open(AppState s)
    {
        var refs = SessionActions.Targets(s);
        if (refs.Count == 0) return (App.Say(s, "No session selected"), []);
        var path = Path.Combine(s.Options.ExportDirectory, DefaultName(refs, ExportFormat.Zip, s.Now));
        return (s with { Dialog = new ExportDialog(refs, ExportFormat.Zip, TextInput.At(path)) }, []);
    }

    /// <summary>"session-ID-20250301-120000.zip", "sessions-3-….zip": a name that sorts by time and says what is inside.</summary>
    private static string DefaultName(IReadOnlyList<SessionRef> refs, ExportFormat format, DateTimeOffset now)
    {
        var stamp = now.ToLocalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return (refs.Count == 1 ? $"session-{refs[0].Id}-{stamp}" : $"sessions-{refs.Count}-{stamp}") + ExportDialog.Extension(format);
    }

    public static (AppState, Effect[]) OnCommand(AppState s, ExportDialog d, Command command) => command switch
    {
        Command.Confirm => Submit(s, d),
        Command.Cancel => DialogsUpdate.Cancelled(s),
        Command.NextButton => (s with { Dialog = WithFormat(d, +1) }, []),
        Command.PrevButton => (s with { Dialog = WithFormat(d, -1) }, []),
        _ when TextInput.EditOf(command) is { } edit => App.EditText(s, input => input.Apply(edit)),
        _ => (s, []),
    };

    /// <summary>The next format; a path that ends in the old format's extension takes the new one.</summary>
    private static ExportDialog WithFormat(ExportDialog d, int step)
    {
        var formats = d.Formats.ToList();
        var format = formats[(formats.IndexOf(d.Format) + step + formats.Count) % formats.Count];
        string text = d.Path.Text, old = ExportDialog.Extension(d.Format);
        if (text.EndsWith(old, StringComparison.OrdinalIgnoreCase))
            text = text[..^old.Length] + ExportDialog.Extension(format);
        return d with { Format = format, Path = TextInput.At(text) };
    }

    public static (AppState, Effect[]) Submit(AppState s, ExportDialog d)
    {
        var path = d.Path.Text.Trim();
        if (path.Length == 0) return (App.Say(s, "Give the file to write", StatusKind.Error), []);
        return (App.Say(s with { Dialog = null }, "Exporting…"), [new ExportSessions(d.Refs, d.Format, path)]);
    }

    /// <summary>The file is there: replace it only if the user says so; Cancel goes back to the dialog to choose another name.</summary>
    public static (AppState, Effect[]) OnTargetExists(AppState s, ExportTargetExists e)
    {
        var back = new ExportDialog(e.Export.Refs, e.Export.Format, TextInput.At(e.Export.Path));
        IReadOnlyList<string> body = [$"{Markdown.SessionText.OneLine(e.FullPath)} already exists.", "Replace it with this export? Cancel keeps it and lets you choose another name."];
        return (s with { Dialog = new ConfirmDialog("Replace the file?", body, "Replace", e.Export with { Replace = true }, Back: back), Status = null }, []);
    }
}
