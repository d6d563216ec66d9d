using System.Globalization;
using System.Text;

namespace SessionBrowser.Commands.Output;

/// <summary>Text measured in terminal cells (CJK and emoji take two).</summary>
internal static class CellText
{
    public static int Width(string text)
    {
        int width = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext()) width += GraphemeWidth((string)graphemes.Current);
        return width;
    }

    /// <summary>The longest start of <paramref name="text"/> that fits, ending in "…" when something was cut.</summary>
    public static string Truncate(string text, int maxWidth)
    {
        if (Width(text) <= maxWidth) return text;
        if (maxWidth <= 0) return "";
        var kept = new StringBuilder();
        int width = 0;
        var graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            string grapheme = (string)graphemes.Current;
            int w = GraphemeWidth(grapheme);
            if (width + w > maxWidth - 1) break;
            kept.Append(grapheme);
            width += w;
        }
        return kept.Append('…').ToString();
    }

    private static int GraphemeWidth(string grapheme)
    {
        var first = Rune.GetRuneAt(grapheme, 0);
        if (Rune.IsControl(first)) return 0;
        if (grapheme.Contains('\uFE0F') || IsWide(first.Value)) return 2;
        return Rune.GetUnicodeCategory(first) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format ? 0 : 1;
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA000 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF or >= 0x1F680 and <= 0x1F6FF or >= 0x20000 and <= 0x3FFFD;
}
