using System.Text;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Markdown;

/// <summary>
/// Session content is data, never terminal commands: a message may hold escape sequences
/// (coloured tool output, or a hostile file) that would move the cursor, retitle the window or
/// write the clipboard if printed. Everything shown from a session passes through here first.
/// </summary>
public static class SessionText
{
    /// <summary>The Markdown renderer lays out code at this tab width.</summary>
    public const int TabWidth = 4;

    /// <summary>
    /// The toolkit's sanitizer (escape sequences and controls removed), with tabs expanded so
    /// code keeps its indentation wherever it is drawn, and Windows line ends made plain.
    /// </summary>
    public static string Sanitize(string? text)
    {
        var clean = TextSanitizer.Clean(text?.Replace("\r\n", "\n"));
        return clean.Contains('\t') ? ExpandTabs(clean) : clean;
    }

    /// <summary>Sanitizes and folds to one line (titles, tags, paths in the list).</summary>
    public static string OneLine(string? text)
    {
        var clean = TextSanitizer.Clean(text);
        var sb = new StringBuilder(clean.Length);
        foreach (var part in clean.Split(['\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(part);
        }
        return sb.ToString();
    }

    private static string ExpandTabs(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        int column = 0;
        foreach (char c in text)
        {
            if (c == '\t') { int n = TabWidth - column % TabWidth; sb.Append(' ', n); column += n; continue; }
            sb.Append(c);
            column = c == '\n' ? 0 : column + 1;
        }
        return sb.ToString();
    }
}
