using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>A modal over the browser. Keys go to the dialog while it is open.</summary>
public abstract record Dialog;

public sealed record HelpDialog(int Top = 0) : Dialog;

/// <summary>
/// The one confirmation every destructive action goes through: it says what will happen and
/// carries the effect that does it, run only when the user chooses the confirm button.
/// </summary>
/// <param name="Back">The dialog Cancel returns to (a choice to reconsider), else Cancel closes.</param>
public sealed record ConfirmDialog(
    string Title, IReadOnlyList<string> Body, string ConfirmLabel, Effect OnConfirm,
    int Button = 1, int Top = 0, Dialog? Back = null) : Dialog
{
    /// <summary>Buttons left to right: confirm, cancel. Cancel is the default.</summary>
    public IReadOnlyList<string> Buttons => [ConfirmLabel, "Cancel"];
}

public enum RecoveryChoice { Resume, MarkCrashed, Ignore, MarkAllCrashed }

/// <summary>The crash-recovery prompt, one interrupted session at a time; opened only by a deliberate R.</summary>
/// <param name="Queue">The sessions left to answer that pass the age filter, the shown one first.</param>
/// <param name="Handled">How many were answered before <see cref="Current"/>: the title counts "2 of 3", not down.</param>
/// <param name="Age">Which of <see cref="RecoveryAges.All"/> filters the queue (0: any age).</param>
public sealed record RecoveryDialog(IReadOnlyList<InterruptedSession> Queue, int Button = 0, bool DontAskAgain = false, int Handled = 0, int Age = 0) : Dialog
{
    public static readonly IReadOnlyList<string> Buttons = ["Resume", "Mark crashed", "Ignore", "All crashed…"];
    public InterruptedSession Current => Queue[0];
}

/// <summary>The recovery review's older-than filter: a long list of interrupted sessions is mostly old ones nobody will resume.</summary>
public static class RecoveryAges
{
    public static readonly IReadOnlyList<(TimeSpan? Older, string Label)> All =
    [
        (null, "any age"),
        (TimeSpan.FromDays(1), "older than 1 day"),
        (TimeSpan.FromDays(7), "older than 7 days"),
        (TimeSpan.FromDays(30), "older than 30 days"),
    ];

    /// <summary>The sessions of <paramref name="left"/> the filter at <paramref name="age"/> keeps; an unknown last activity counts as old.</summary>
    public static IReadOnlyList<InterruptedSession> Filter(IReadOnlyList<InterruptedSession> left, int age, DateTimeOffset now) =>
        All[age].Older is not { } older ? left : [.. left.Where(i => i.LastActive is not { } t || now - t > older)];
}

public enum InputPurpose { Rename, Tags }

public enum PickerPurpose { Tag, WorkDir, Project }

/// <summary>One choice of a picker: the value it applies (null: no filter), what it shows, and its counts.</summary>
public sealed record PickerItem(string? Value, string Label, string Detail);

/// <summary>A list to choose from (tags, work dirs, projects), filtered by what is typed.</summary>
/// <param name="Selected">Index into <see cref="Shown"/>.</param>
public sealed record PickerDialog(PickerPurpose Purpose, string Title, IReadOnlyList<PickerItem> Items, TextInput Filter, int Selected = 0) : Dialog
{
    /// <summary>The items whose label contains the typed text (any case).</summary>
    public IReadOnlyList<PickerItem> Shown =>
        Filter.Text.Trim() is { Length: > 0 } typed ? [.. Items.Where(i => i.Label.Contains(typed, StringComparison.OrdinalIgnoreCase))] : Items;
}

public enum ExportFormat { Zip, Markdown, Html }

/// <summary>`e`: the format and the file, shown and editable before anything is written.</summary>
public sealed record ExportDialog(IReadOnlyList<SessionRef> Refs, ExportFormat Format, TextInput Path) : Dialog
{
    /// <summary>A transcript is of one session: several sessions go into one zip.</summary>
    public IReadOnlyList<ExportFormat> Formats => Refs.Count == 1 ? [ExportFormat.Zip, ExportFormat.Markdown, ExportFormat.Html] : [ExportFormat.Zip];

    public static string Extension(ExportFormat format) => format switch
    {
        ExportFormat.Markdown => ".md",
        ExportFormat.Html => ".html",
        _ => ".zip",
    };

    public static string Label(ExportFormat format) => format switch
    {
        ExportFormat.Markdown => "Markdown",
        ExportFormat.Html => "HTML",
        _ => "zip (import elsewhere)",
    };
}

/// <summary>A one-line text prompt (rename, tags).</summary>
public sealed record InputDialog(InputPurpose Purpose, SessionRef Ref, string Title, string Prompt, TextInput Input) : Dialog;
