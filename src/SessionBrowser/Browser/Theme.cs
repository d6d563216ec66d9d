using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>The browser's styles in one place.</summary>
public static class Theme
{
    public static readonly Style Header = new(Color.BrightWhite, Color.Indexed(24), Modifiers.Bold);
    public static readonly Style HeaderDim = new(Color.Indexed(252), Color.Indexed(24));
    public static readonly Style Border = new(Color.Gray);
    public static readonly Style Dim = new(Color.Gray);
    /// <summary>The focus colour: the selected row of the focused pane, and the active tab while the detail has the focus.</summary>
    public static readonly Style Selected = new(Color.BrightWhite, Color.Indexed(24), Modifiers.Bold);
    /// <summary>The selection of the pane without the focus: still visible, plainly not where keys go.</summary>
    public static readonly Style SelectedUnfocused = new(Color.Default, Color.Indexed(237));
    public static readonly Style Mark = new(Color.BrightYellow, default, Modifiers.Bold);
    public static readonly Style Match = new(Color.Black, Color.Yellow, Modifiers.Bold);
    public static readonly Style CurrentMatch = new(Color.Black, Color.BrightYellow, Modifiers.Bold | Modifiers.Underline);
    public static readonly Style TabActive = new(Color.BrightWhite, Color.Indexed(24), Modifiers.Bold);
    public static readonly Style TabActiveUnfocused = new(Color.Indexed(252), Color.Indexed(238));
    public static readonly Style TabInactive = new(Color.Gray);
    public static readonly Style Hint = new(Color.Gray);
    public static readonly Style HintKey = new(Color.BrightCyan, default, Modifiers.Bold);
    public static readonly Style StatusInfo = new(Color.Default);
    public static readonly Style StatusSuccess = new(Color.Green);
    public static readonly Style StatusError = new(Color.BrightRed, default, Modifiers.Bold);
    public static readonly Style Damaged = new(Color.BrightRed);
    public static readonly Style DialogFrame = new(Color.BrightCyan);
    public static readonly Style DialogTitle = new(Color.BrightWhite, default, Modifiers.Bold);
    public static readonly Style Button = new(Color.Default, Color.Indexed(238));
    public static readonly Style ButtonFocused = new(Color.Black, Color.BrightCyan, Modifiers.Bold);
    public static readonly Style Label = new(Color.Gray);
    public static readonly Style Value = new(Color.Default);
    public static readonly Style Tag = new(Color.Cyan);
    public static readonly Style Snippet = new(Color.Indexed(250));
    public static readonly Style TreeKey = new(Color.BrightBlue);
    public static readonly Style TreeString = new(Color.Green);
    public static readonly Style TreeNumber = new(Color.BrightMagenta);
    public static readonly Style TreeKeyword = new(Color.Yellow);
    public static readonly Style Bar = new(Color.BrightCyan);
    public static readonly Style ScrollThumb = new(Color.BrightCyan);
    public static readonly Style ToolOutput = new(Color.Indexed(250));
    public static readonly Style Warning = new(Color.BrightYellow, default, Modifiers.Bold);

    public static Style Role(string role) => role switch
    {
        "user" => new(Color.BrightGreen, default, Modifiers.Bold),
        "assistant" => new(Color.BrightBlue, default, Modifiers.Bold),
        "tool" => new(Color.Yellow, default, Modifiers.Bold),
        "system" => new(Color.Magenta, default, Modifiers.Bold),
        _ => new(Color.Cyan, default, Modifiers.Bold),
    };

    public static Style Badge(string badge) => badge switch
    {
        Badges.Live => new(Color.BrightGreen, default, Modifiers.Bold),
        Badges.Active => new(Color.Green),
        Badges.Paused => new(Color.Yellow),
        Badges.Completed => new(Color.Blue),
        Badges.Crashed => new(Color.Red),
        Badges.Interrupted => new(Color.BrightMagenta, default, Modifiers.Bold),
        Badges.Damaged => new(Color.BrightRed, default, Modifiers.Bold),
        _ => new(Color.Gray),
    };
}
