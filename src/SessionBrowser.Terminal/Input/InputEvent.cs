using System.Text;

namespace SessionBrowser.Terminal.Input;

/// <summary>Anything the terminal tells the program: a key, a mouse action, a paste or a new size.</summary>
public abstract record InputEvent;

[Flags]
public enum KeyModifiers : byte
{
    None = 0,
    Shift = 1,
    Alt = 2,
    Ctrl = 4,
}

public enum Key
{
    /// <summary>A printable character; see <see cref="KeyEvent.Char"/>.</summary>
    Char,
    Enter,
    Tab,
    Backspace,
    Escape,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
}

/// <summary>
/// A key press. Printable keys are <see cref="Key.Char"/> with the character in <see cref="Char"/>
/// (Ctrl+A is Char 'a' with Ctrl; Shift+Tab is Tab with Shift).
/// </summary>
public sealed record KeyEvent(Key Key, Rune Char = default, KeyModifiers Modifiers = KeyModifiers.None) : InputEvent
{
    public static KeyEvent Of(char c, KeyModifiers mods = KeyModifiers.None) => new(Key.Char, new Rune(c), mods);

    public bool Ctrl => Modifiers.HasFlag(KeyModifiers.Ctrl);
    public bool Alt => Modifiers.HasFlag(KeyModifiers.Alt);
    public bool Shift => Modifiers.HasFlag(KeyModifiers.Shift);

    /// <summary>True for the plain character <paramref name="c"/> (no Ctrl or Alt).</summary>
    public bool IsChar(char c) => Key == Key.Char && Char.Value == c && (Modifiers & (KeyModifiers.Ctrl | KeyModifiers.Alt)) == 0;

    /// <summary>True for Ctrl+<paramref name="c"/> (lower-case letter).</summary>
    public bool IsCtrl(char c) => Key == Key.Char && Char.Value == c && Modifiers == KeyModifiers.Ctrl;

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Ctrl) sb.Append("Ctrl+");
        if (Alt) sb.Append("Alt+");
        if (Shift) sb.Append("Shift+");
        sb.Append(Key == Key.Char ? Char.ToString() : Key.ToString());
        return sb.ToString();
    }
}

public enum MouseButton { None, Left, Middle, Right, WheelUp, WheelDown, WheelLeft, WheelRight }

public enum MouseAction { Press, Release, Drag, Move }

/// <summary>A mouse action at a zero-based cell position.</summary>
public sealed record MouseEvent(MouseAction Action, MouseButton Button, int X, int Y, KeyModifiers Modifiers = KeyModifiers.None) : InputEvent
{
    public bool IsWheel => Button is MouseButton.WheelUp or MouseButton.WheelDown or MouseButton.WheelLeft or MouseButton.WheelRight;

    /// <summary>A press of the left button: what a "click" means for hit-testing.</summary>
    public bool IsLeftClick => Action == MouseAction.Press && Button == MouseButton.Left;
}

/// <summary>Text pasted with bracketed paste; <see cref="Truncated"/> when it was longer than the cap.</summary>
public sealed record PasteEvent(string Text, bool Truncated = false) : InputEvent;

/// <summary>The terminal changed size (columns, rows).</summary>
public sealed record ResizeEvent(int Width, int Height) : InputEvent;

/// <summary>Sent by the event loop at its tick interval when it is set (for spinners and polling).</summary>
public sealed record TickEvent(TimeSpan Now) : InputEvent;
