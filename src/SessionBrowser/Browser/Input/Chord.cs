using System.Text;
using SessionBrowser.Terminal.Input;

namespace SessionBrowser.Browser.Input;

/// <summary>
/// One key press, decoded once from the terminal's event: a named key or a character, with its
/// modifiers. Update matches chords, never names; <see cref="Text"/> says whether it types.
/// </summary>
public readonly record struct Chord(Key Key, Rune Char = default, KeyModifiers Mods = KeyModifiers.None)
{
    public static Chord Of(char c) => new(Key.Char, new Rune(c));
    public static Chord Ctrl(char c) => new(Key.Char, new Rune(char.ToLowerInvariant(c)), KeyModifiers.Ctrl);
    public static Chord Alt(char c) => new(Key.Char, new Rune(c), KeyModifiers.Alt);
    public static Chord Named(Key key, KeyModifiers mods = KeyModifiers.None) => new(key, default, mods);

    public static readonly Chord Enter = Named(Key.Enter);
    public static readonly Chord Esc = Named(Key.Escape);
    public static readonly Chord Tab = Named(Key.Tab);
    public static readonly Chord BackTab = Named(Key.Tab, KeyModifiers.Shift);
    public static readonly Chord Space = Of(' ');
    public static readonly Chord Up = Named(Key.Up);
    public static readonly Chord Down = Named(Key.Down);
    public static readonly Chord Left = Named(Key.Left);
    public static readonly Chord Right = Named(Key.Right);
    public static readonly Chord Home = Named(Key.Home);
    public static readonly Chord End = Named(Key.End);
    public static readonly Chord PageUp = Named(Key.PageUp);
    public static readonly Chord PageDown = Named(Key.PageDown);
    public static readonly Chord Backspace = Named(Key.Backspace);
    public static readonly Chord Delete = Named(Key.Delete);

    /// <summary>The terminal's key event as a chord: Shift is kept only where it is not already in the character.</summary>
    public static Chord From(KeyEvent key) => key.Key == Key.Char
        ? new Chord(Key.Char, key.Ctrl ? ToLower(key.Char) : key.Char, key.Modifiers & ~KeyModifiers.Shift)
        : new Chord(key.Key, default, key.Modifiers);

    private static Rune ToLower(Rune r) => Rune.ToLowerInvariant(r);

    /// <summary>What the chord types into a text field: a character without Ctrl or Alt; null for commands.</summary>
    public string? Text => Key == Key.Char && (Mods & (KeyModifiers.Ctrl | KeyModifiers.Alt)) == 0 && !Rune.IsControl(Char)
        ? Char.ToString() : null;

    /// <summary>The name the help overlay shows: "j", "Ctrl+D", "Down", "Shift+Tab", "Space".</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Mods.HasFlag(KeyModifiers.Ctrl)) sb.Append("Ctrl+");
        if (Mods.HasFlag(KeyModifiers.Alt)) sb.Append("Alt+");
        if (Mods.HasFlag(KeyModifiers.Shift)) sb.Append("Shift+");
        sb.Append(Key switch
        {
            Key.Char when Char.Value == ' ' => "Space",
            Key.Char when Mods.HasFlag(KeyModifiers.Ctrl) => Char.ToString().ToUpperInvariant(),
            Key.Char => Char.ToString(),
            Key.Escape => "Esc",
            _ => Key.ToString(),
        });
        return sb.ToString();
    }
}
