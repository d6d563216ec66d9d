using System.Text;
using System.Text.RegularExpressions;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Session titles as Gemini makes them (summary, else the first real user message, else
/// "Empty conversation"), one line, with escape sequences and invisible control characters
/// removed, but, unlike Gemini's cleanMessage, CJK and emoji kept.
/// </summary>
public static partial class GeminiTitles
{
    public const string Empty = "Empty conversation";

    public static string Make(string? summary, string? firstUserMessage)
    {
        if (!string.IsNullOrEmpty(summary)) return Clean(summary);
        if (!string.IsNullOrEmpty(firstUserMessage)) return Clean(firstUserMessage);
        return Empty;
    }

    /// <summary>Escape sequences and unsafe characters out, whitespace runs to one space.</summary>
    public static string Clean(string text)
    {
        text = AnsiSequence().Replace(text, "");
        var clean = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = clean.Length > 0;
                continue;
            }
            if (IsUnsafe(c)) continue;
            if (space) clean.Append(' ');
            space = false;
            clean.Append(c);
        }
        return clean.ToString();
    }

    // Gemini's stripUnsafeCharacters set: C0/C1 controls, bidi overrides, zero-width space, BOM.
    private static bool IsUnsafe(char c) =>
        c < '\x20' || c is >= '\x7F' and <= '\x9F' || c is '\u200B' or '\u200E' or '\u200F' or '\uFEFF'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex AnsiSequence();
}
