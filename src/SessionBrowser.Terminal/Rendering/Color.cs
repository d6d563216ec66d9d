namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// A terminal colour: the terminal's default, one of the 16 named ANSI colours, a 256-palette
/// index, or 24-bit RGB. The writer degrades it to what the terminal supports.
/// </summary>
public readonly record struct Color
{
    public ColorKind Kind { get; }
    /// <summary>Ansi16: 0-15; Indexed: 0-255; Rgb: 0xRRGGBB.</summary>
    public int Value { get; }

    private Color(ColorKind kind, int value) { Kind = kind; Value = value; }

    public static Color Default => default;
    public static Color Ansi(int index) => new(ColorKind.Ansi16, Math.Clamp(index, 0, 15));
    public static Color Indexed(int index) => new(ColorKind.Indexed, Math.Clamp(index, 0, 255));
    public static Color Rgb(byte r, byte g, byte b) => new(ColorKind.Rgb, (r << 16) | (g << 8) | b);

    public static Color Black => Ansi(0);
    public static Color Red => Ansi(1);
    public static Color Green => Ansi(2);
    public static Color Yellow => Ansi(3);
    public static Color Blue => Ansi(4);
    public static Color Magenta => Ansi(5);
    public static Color Cyan => Ansi(6);
    public static Color White => Ansi(7);
    public static Color Gray => Ansi(8);
    public static Color BrightRed => Ansi(9);
    public static Color BrightGreen => Ansi(10);
    public static Color BrightYellow => Ansi(11);
    public static Color BrightBlue => Ansi(12);
    public static Color BrightMagenta => Ansi(13);
    public static Color BrightCyan => Ansi(14);
    public static Color BrightWhite => Ansi(15);
}

public enum ColorKind : byte
{
    Default,
    Ansi16,
    Indexed,
    Rgb,
}
