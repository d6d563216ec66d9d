namespace SessionBrowser.Terminal.Rendering;

/// <summary>How many colours the terminal shows; colours beyond it are mapped to the nearest it has.</summary>
public enum ColorMode
{
    /// <summary>No colours at all (NO_COLOR, or a dumb terminal); bold, reverse and the like remain.</summary>
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

public static class ColorSupport
{
    /// <summary>
    /// Reads the usual environment conventions: NO_COLOR (any non-empty value) turns colour off,
    /// COLORTERM=truecolor/24bit means 24-bit, a TERM ending in -256color means the 256 palette,
    /// TERM=dumb means none, and anything else gets the 16 named colours.
    /// </summary>
    public static ColorMode Detect(Func<string, string?> getEnv)
    {
        if (!string.IsNullOrEmpty(getEnv("NO_COLOR"))) return ColorMode.None;
        var term = getEnv("TERM") ?? "";
        if (term == "dumb") return ColorMode.None;
        var colorTerm = getEnv("COLORTERM") ?? "";
        if (colorTerm is "truecolor" or "24bit" || term.Contains("direct") || term.Contains("truecolor"))
            return ColorMode.TrueColor;
        if (term.Contains("256color")) return ColorMode.Ansi256;
        return ColorMode.Ansi16;
    }

    public static ColorMode FromEnvironment() => Detect(Environment.GetEnvironmentVariable);

    /// <summary>The colour as the given mode can show it.</summary>
    public static Color Degrade(Color color, ColorMode mode)
    {
        if (color.Kind == ColorKind.Default) return color;
        return mode switch
        {
            ColorMode.None => Color.Default,
            ColorMode.Ansi16 => color.Kind switch
            {
                ColorKind.Ansi16 => color,
                ColorKind.Indexed when color.Value < 16 => Color.Ansi(color.Value),
                _ => Color.Ansi(NearestAnsi16(ToRgb(color))),
            },
            ColorMode.Ansi256 => color.Kind == ColorKind.Rgb ? Color.Indexed(NearestIndexed(color.Value)) : color,
            _ => color,
        };
    }

    // The xterm defaults for the 16 named colours, used to find the nearest one.
    private static readonly int[] Ansi16Rgb =
    [
        0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
        0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
    ];

    private static readonly int[] CubeLevels = [0, 95, 135, 175, 215, 255];

    private static int ToRgb(Color color) => color.Kind switch
    {
        ColorKind.Rgb => color.Value,
        ColorKind.Ansi16 => Ansi16Rgb[color.Value],
        ColorKind.Indexed when color.Value < 16 => Ansi16Rgb[color.Value],
        ColorKind.Indexed when color.Value < 232 => CubeRgb(color.Value - 16),
        ColorKind.Indexed => GrayRgb(color.Value - 232),
        _ => 0,
    };

    private static int CubeRgb(int i) => (CubeLevels[i / 36] << 16) | (CubeLevels[i / 6 % 6] << 8) | CubeLevels[i % 6];

    private static int GrayRgb(int i) { int v = 8 + i * 10; return (v << 16) | (v << 8) | v; }

    private static int NearestAnsi16(int rgb)
    {
        int best = 0, bestDistance = int.MaxValue;
        for (int i = 0; i < 16; i++)
        {
            int d = Distance(rgb, Ansi16Rgb[i]);
            if (d < bestDistance) { best = i; bestDistance = d; }
        }
        return best;
    }

    /// <summary>The nearest of the 6x6x6 cube and the 24 grays (never the 16 themeable ones).</summary>
    private static int NearestIndexed(int rgb)
    {
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        int cube = 16 + 36 * CubeIndex(r) + 6 * CubeIndex(g) + CubeIndex(b);
        int avg = (r + g + b) / 3;
        int gray = 232 + Math.Clamp((avg - 3) / 10, 0, 23);
        return Distance(rgb, CubeRgb(cube - 16)) <= Distance(rgb, GrayRgb(gray - 232)) ? cube : gray;
    }

    private static int CubeIndex(int v) => v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;

    private static int Distance(int a, int b)
    {
        int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
        int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db;
    }
}
