namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// User-role text that Codex put into the conversation itself, not the person: the environment
/// context, AGENTS.md and user instructions, shell-command echoes, aborted-turn notes. Codex
/// wraps each in one tag (<c>&lt;environment_context&gt;…&lt;/environment_context&gt;</c>) or,
/// for AGENTS.md, a fixed heading. Such text never becomes a title and is shown as context.
/// </summary>
internal static class CodexInjected
{
    private const string AgentsHeading = "# AGENTS.md instructions";

    public static bool IsInjected(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.StartsWith(AgentsHeading, StringComparison.Ordinal)) return true;
        if (trimmed.Length < 3 || trimmed[0] != '<') return false;
        int close = trimmed.IndexOf('>');
        if (close < 2) return false;
        var tag = trimmed[1..close];
        // A tag name of letters, digits, '_' or '-' (spaces allowed: "<permissions instructions>").
        foreach (char c in tag)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ' ')) return false;
        return trimmed.EndsWith($"</{tag}>", StringComparison.Ordinal);
    }
}
