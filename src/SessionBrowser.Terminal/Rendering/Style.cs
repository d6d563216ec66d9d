namespace SessionBrowser.Terminal.Rendering;

[Flags]
public enum Modifiers : byte
{
    None = 0,
    Bold = 1,
    Dim = 2,
    Italic = 4,
    Underline = 8,
    Reverse = 16,
    Strike = 32,
}

/// <summary>Foreground, background and text modifiers of a cell. Immutable; combine with <see cref="Patch"/>.</summary>
public readonly record struct Style(Color Fg = default, Color Bg = default, Modifiers Mods = Modifiers.None)
{
    public static Style Plain => default;

    public Style WithFg(Color fg) => this with { Fg = fg };
    public Style WithBg(Color bg) => this with { Bg = bg };
    public Style Add(Modifiers mods) => this with { Mods = Mods | mods };
    public Style Remove(Modifiers mods) => this with { Mods = Mods & ~mods };

    public Style Bold() => Add(Modifiers.Bold);
    public Style Dim() => Add(Modifiers.Dim);
    public Style Italic() => Add(Modifiers.Italic);
    public Style Underline() => Add(Modifiers.Underline);
    public Style Reverse() => Add(Modifiers.Reverse);
    public Style Strike() => Add(Modifiers.Strike);

    /// <summary>Lays <paramref name="over"/> on this style: its colours win where set, modifiers add up.</summary>
    public Style Patch(Style over) => new(
        over.Fg.Kind == ColorKind.Default ? Fg : over.Fg,
        over.Bg.Kind == ColorKind.Default ? Bg : over.Bg,
        Mods | over.Mods);
}
