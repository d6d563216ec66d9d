namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// Qwen Code's session title: the last custom_title, else the first prompt cut like its
/// truncatePromptForDisplay (200 code points, then "..."), on one line.
/// </summary>
public static class QwenTitles
{
    public const string NoPrompt = "(no prompt)";
    private const int PromptCodePoints = 200;

    public static string Make(string? customTitle, string? firstPrompt)
    {
        if (!string.IsNullOrWhiteSpace(customTitle)) return OneLine(customTitle);
        if (!string.IsNullOrWhiteSpace(firstPrompt)) return OneLine(Truncate(firstPrompt));
        return NoPrompt;
    }

    /// <summary>The first 200 code points and "..." when there are more (a surrogate pair is one).</summary>
    public static string Truncate(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
            if (count++ == PromptCodePoints) return text[..i] + "...";
        return text;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
