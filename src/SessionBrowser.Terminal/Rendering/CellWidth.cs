using System.Globalization;
using System.Text;

namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// How many terminal columns text takes. Text is measured per grapheme (UAX #29, as .NET's
/// <see cref="StringInfo"/> implements it): East Asian wide and fullwidth characters and emoji take
/// two columns, a text-style symbol followed by VS16 becomes a two-column emoji, combining marks
/// and ZWJ sequences stay inside their grapheme, and control characters take none (they are
/// stripped when drawn). A tab is not measured here: it depends on the column (see <see cref="TabSize"/>).
/// </summary>
public static class CellWidth
{
    /// <summary>Tab stops are every this many columns from the left edge of the area drawn into.</summary>
    public const int TabSize = 8;

    private const int Vs16 = 0xFE0F;
    private const int Zwj = 0x200D;

    /// <summary>Columns of one code point on its own: 0 (controls, combining, format), 1 or 2.</summary>
    public static int OfRune(int cp)
    {
        if (cp < 0x7F) return cp >= 0x20 ? 1 : 0;
        if (cp < 0xA0) return 0;
        if (cp < 0x300) return 1;
        if (IsWide(cp)) return 2;
        var cat = CharUnicodeInfo.GetUnicodeCategory(cp);
        return cat switch
        {
            UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
                or UnicodeCategory.Control or UnicodeCategory.Surrogate => 0,
            _ when cp is >= 0x1160 and <= 0x11FF => 0, // Hangul medial vowels and final consonants join the syllable
            _ => 1,
        };
    }

    /// <summary>Columns of one grapheme cluster: its first code point decides, VS16 or a flag pair make it an emoji.</summary>
    public static int OfGrapheme(ReadOnlySpan<char> grapheme)
    {
        if (grapheme.IsEmpty) return 0;
        if (grapheme.Length == 1) return OfRune(grapheme[0]);
        Rune.DecodeFromUtf16(grapheme, out var first, out int used);
        int width = OfRune(first.Value);
        if (width == 0) return 0;
        if (width == 2) return 2;
        // A narrow base can still be drawn as an emoji: VS16 asks for emoji presentation, and two
        // regional indicators make a flag.
        var rest = grapheme[used..];
        if (rest.IndexOf((char)Vs16) >= 0) return 2;
        if (IsRegionalIndicator(first.Value) && rest.Length >= 2) return 2;
        return width;
    }

    /// <summary>
    /// Whether terminals disagree on the grapheme's width, so the cursor may not be where we
    /// think after it: a sequence (VS16 emoji, ZWJ sequences, flags, skin tones) or a narrow
    /// base that a VS16 widens (tmux 3.3a moves one column for "🗂️", we count two).
    /// </summary>
    public static bool IsUncertain(string grapheme)
    {
        if (grapheme.Length <= 1) return false;
        if (grapheme.Length == 2 && char.IsSurrogatePair(grapheme[0], grapheme[1])) return false;
        return grapheme.Contains((char)Vs16) || grapheme.Contains((char)Zwj) || char.IsSurrogatePair(grapheme[0], grapheme[1]);
    }

    /// <summary>Columns of a whole string, with tabs expanded from column 0 and controls ignored.</summary>
    public static int Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        int width = 0;
        foreach (var g in Graphemes.Of(text))
        {
            if (g.IsTab) width += TabSize - width % TabSize;
            else width += g.Width;
        }
        return width;
    }

    private static bool IsRegionalIndicator(int cp) => cp is >= 0x1F1E6 and <= 0x1F1FF;

    /// <summary>Two-column code points: East Asian Wide/Fullwidth and default-emoji-presentation symbols (Unicode 15).</summary>
    public static bool IsWide(int cp)
    {
        if (cp < 0x1100) return false;
        int lo = 0, hi = WideRanges.Length / 2 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (cp < WideRanges[mid * 2]) hi = mid - 1;
            else if (cp > WideRanges[mid * 2 + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    // Pairs of inclusive [start, end], sorted.
    private static readonly int[] WideRanges =
    [
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
        0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
        0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
        0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
        0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, 0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF, 0xA960, 0xA97F,
        0xAC00, 0xD7A3, 0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F, 0xFF00, 0xFF60, 0xFFE0, 0xFFE6,
        0x16FE0, 0x16FE4, 0x16FF0, 0x16FF1, 0x17000, 0x18CD5, 0x18D00, 0x18D08, 0x1AFF0, 0x1AFFE,
        0x1B000, 0x1B2FB, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A,
        0x1F200, 0x1F202, 0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251, 0x1F260, 0x1F265,
        0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA,
        0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
        0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
        0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC,
        0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6DC, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC,
        0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF,
        0x1FA70, 0x1FA7C, 0x1FA80, 0x1FA88, 0x1FA90, 0x1FABD, 0x1FABF, 0x1FAC5, 0x1FACE, 0x1FADB,
        0x1FAE0, 0x1FAE8, 0x1FAF0, 0x1FAF8, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD,
    ];
}
