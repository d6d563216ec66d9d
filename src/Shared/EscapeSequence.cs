namespace SessionBrowser.Shared;

/// <summary>
/// Where a terminal escape sequence (CSI, OSC, DCS and the like) in untrusted text ends. Compiled
/// into both the core (search snippets) and the toolkit (the sanitizer) as a linked source file:
/// the core knows nothing of terminals, yet a snippet must drop a sequence whole, not leave its
/// "]0;title" behind, and the two must agree on where one ends.
/// </summary>
internal static class EscapeSequence
{
    /// <summary>ESC, or one of the C1 introducers CSI, OSC and DCS.</summary>
    public static bool Starts(char c) => c is '\x1b' or '\x9b' or '\x9d' or '\x90';

    /// <summary>Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they make text display in another order than it is (a file "txt.exe" shown as "exe.txt").</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>Returns the index just past the escape sequence starting at <paramref name="start"/>.</summary>
    public static int End(string text, int start)
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
