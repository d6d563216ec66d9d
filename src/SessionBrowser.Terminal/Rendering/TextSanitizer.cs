using System.Text;
using SessionBrowser.Shared;

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
            if (EscapeSequence.Starts(c))
            {
                i = EscapeSequence.End(text, i) - 1;
                continue;
            }
            if (c == '\t' || c == '\n' || !(char.IsControl(c) || EscapeSequence.IsBidiControl(c))) sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (char c in text)
            if ((char.IsControl(c) && c != '\t' && c != '\n') || EscapeSequence.IsBidiControl(c)) return true;
        return false;
    }
}
