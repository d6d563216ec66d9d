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
public sealed record ConfirmDialog(
    string Title, IReadOnlyList<string> Body, string ConfirmLabel, Effect OnConfirm,
    int Button = 1, int Top = 0) : Dialog
{
    /// <summary>Buttons left to right: confirm, cancel. Cancel is the default.</summary>
    public IReadOnlyList<string> Buttons => [ConfirmLabel, "Cancel"];
}

public enum RecoveryChoice { Resume, MarkCrashed, Ignore }

/// <summary>The crash-recovery prompt, one interrupted session at a time; opened only by a deliberate R.</summary>
/// <param name="Handled">How many were answered before <see cref="Current"/>: the title counts "2 of 3", not down.</param>
public sealed record RecoveryDialog(IReadOnlyList<InterruptedSession> Queue, int Button = 0, bool DontAskAgain = false, int Handled = 0) : Dialog
{
    public static readonly IReadOnlyList<string> Buttons = ["Resume", "Mark crashed", "Ignore"];
    public InterruptedSession Current => Queue[0];
}

public enum InputPurpose { Rename, Tags }

/// <summary>A one-line text prompt (rename, tags).</summary>
public sealed record InputDialog(InputPurpose Purpose, SessionRef Ref, string Title, string Prompt, TextInput Input) : Dialog;
