using System.Text;

namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// Makes untrusted text safe to show: escape sequences (CSI, OSC, DCS and the like) are removed
/// whole, so a "\e[2J" inside data cannot clear the screen or leave "[2J" behind, and other
/// control characters except tab and newline are dropped, and so are bidi overrides.
/// </summary>
public static class TextSanitizer
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!NeedsCleaning(text)) return text;
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\x1b' || c == '\x9b' || c == '\x9d' || c == '\x90')
            {
                i = SkipEscape(text, i) - 1;
                continue;
            }
            if (c == '\t' || c == '\n' || !(char.IsControl(c) || IsBidiControl(c))) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they make text display in another order than it is (a file "txt.exe" shown as "exe.txt").</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static bool NeedsCleaning(string text)
    {
        foreach (char c in text)
            if ((char.IsControl(c) && c != '\t' && c != '\n') || IsBidiControl(c)) return true;
        return false;
    }

    /// <summary>Returns the index just past the escape sequence starting at <paramref name="start"/>.</summary>
    private static int SkipEscape(string text, int start)
    {
        char c = text[start];
        int i = start + 1;
        char kind = c == '\x1b' ? (i < text.Length ? text[i++] : '\0') : c == '\x9b' ? '[' : c == '\x9d' ? ']' : 'P';
        switch (kind)
        {
            case '[':
                // Parameters and intermediates, then one final byte.
                while (i < text.Length && text[i] is >= '\x20' and <= '\x3f') i++;
                return i < text.Length && text[i] is >= '\x40' and <= '\x7e' ? i + 1 : i;
            case ']' or 'P' or '_' or '^' or 'X':
                // String sequences end at BEL or ST (ESC \). An unterminated one ends at the
                // line's end, so a stray ESC ] in data cannot hide the rest of a message.
                while (i < text.Length)
                {
                    if (text[i] == '\n') return i;
                    if (text[i] == '\a' || text[i] == '\x9c') return i + 1;
                    if (text[i] == '\x1b' && i + 1 < text.Length && text[i + 1] == '\\') return i + 2;
                    i++;
                }
                return i;
            default:
                return kind is >= '\x20' and <= '\x7e' ? i : i - 1;
        }
    }
}
