using System.Text;

namespace SessionBrowser.Markdown;

/// <summary>
/// Session content is data, never terminal commands: a message may hold escape sequences
/// (an agent that captured coloured tool output, or a hostile file) that would move the cursor,
/// retitle the window or rewrite the clipboard if printed. Everything shown from a session passes
/// through here first.
/// </summary>
public static class SessionText
{
    /// <summary>
    /// Removes escape sequences (CSI, OSC, DCS/SOS/PM/APC strings, two-byte ESC forms), C0 and
    /// C1 controls, DEL and bidirectional overrides. Keeps newlines; tabs become spaces.
    /// </summary>
    public static string Sanitize(string? text, int tabWidth = 4)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (IsClean(text)) return text;

        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\u001b') { i = SkipEscape(text, i + 1); continue; }
            if (c == '\u009b') { i = SkipCsi(text, i + 1); continue; }
            if (c is '\u009d' or '\u0090' or '\u0098' or '\u009e' or '\u009f') { i = SkipString(text, i + 1); continue; }
            if (c == '\t') { sb.Append(' ', tabWidth - (ColumnInLine(sb) % tabWidth)); i++; continue; }
            if (c == '\r') { i++; continue; }
            if (c == '\n' || !IsStripped(c)) sb.Append(c);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Sanitizes and folds to one line (titles, tags, paths in the list).</summary>
    public static string OneLine(string? text)
    {
        var clean = Sanitize(text);
        if (clean.IndexOf('\n') < 0) return clean.Trim();
        var sb = new StringBuilder(clean.Length);
        foreach (var part in clean.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(part);
        }
        return sb.ToString();
    }

    private static bool IsClean(string text)
    {
        foreach (char c in text)
            if (c == '\t' || c == '\r' || c == '\u001b' || (c != '\n' && IsStripped(c))) return false;
        return true;
    }

    private static bool IsStripped(char c) =>
        c < ' ' || c == '\u007f' || (c >= '\u0080' && c <= '\u009f')
        || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');

    private static int ColumnInLine(StringBuilder sb)
    {
        int col = 0;
        for (int k = sb.Length - 1; k >= 0 && sb[k] != '\n'; k--) col++;
        return col;
    }

    private static int SkipEscape(string text, int i)
    {
        if (i >= text.Length) return i;
        char c = text[i];
        if (c == '[') return SkipCsi(text, i + 1);
        if (c is ']' or 'P' or 'X' or '^' or '_') return SkipString(text, i + 1);
        // ESC + intermediates + final (e.g. "ESC ( B", "ESC 7").
        while (i < text.Length && text[i] >= ' ' && text[i] <= '/') i++;
        return Math.Min(text.Length, i + 1);
    }

    private static int SkipCsi(string text, int i)
    {
        while (i < text.Length && text[i] >= '0' && text[i] <= '?') i++;   // parameters
        while (i < text.Length && text[i] >= ' ' && text[i] <= '/') i++;   // intermediates
        return i < text.Length && text[i] >= '@' && text[i] <= '~' ? i + 1 : i;
    }

    /// <summary>OSC/DCS/APC…: up to BEL, ST (ESC \) or the C1 ST.</summary>
    private static int SkipString(string text, int i)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\u0007' || c == '\u009c') return i + 1;
            if (c == '\u001b') return i + 1 < text.Length && text[i + 1] == '\\' ? i + 2 : i + 1;
            if (c == '\n') return i;   // an unterminated string never swallows the rest of the message
            i++;
        }
        return i;
    }
}
