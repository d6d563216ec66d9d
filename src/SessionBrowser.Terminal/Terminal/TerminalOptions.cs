using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal;

public sealed record TerminalOptions
{
    /// <summary>The device drawn on and read from. /dev/tty keeps stdout free for a result (like fzf).</summary>
    public string TtyPath { get; init; } = "/dev/tty";

    /// <summary>Mouse reporting: SGR encoding, clicks, wheel and drags.</summary>
    public bool Mouse { get; init; } = true;

    public bool BracketedPaste { get; init; } = true;

    /// <summary>Overrides the colour support detected from NO_COLOR, COLORTERM and TERM.</summary>
    public ColorMode? Colors { get; init; }
}
