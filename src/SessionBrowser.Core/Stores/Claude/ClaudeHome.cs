using System.Text;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// Where Claude Code keeps things (AGENT-FORMATS.md, Claude Code): the config folder, the
/// project folder a working directory maps to, and which file names are sessions.
/// </summary>
public static class ClaudeHome
{
    /// <summary>Claude's own variable for its config folder; ~/.claude when unset.</summary>
    public const string ConfigVariable = "CLAUDE_CONFIG_DIR";

    /// <summary>Claude cuts a project key to this many characters and adds a hash of the whole path.</summary>
    private const int MaxKeyLength = 200;

    public static string Default(Func<string, string?> environment, string userHome) =>
        environment(ConfigVariable) is { Length: > 0 } configured ? configured : Path.Combine(userHome, ".claude");

    /// <summary>
    /// The folder name under projects/ for a working directory: every character outside
    /// [A-Za-z0-9] becomes '-'; a longer name is cut to 200 characters plus '-' and the base-36
    /// absolute value of Java's string hash of the path (what Claude does, so we find its folders).
    /// </summary>
    public static string ProjectKey(string workDir)
    {
        var key = new StringBuilder(workDir.Length);
        foreach (char c in workDir) key.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        if (key.Length <= MaxKeyLength) return key.ToString();
        int hash = 0;
        foreach (char c in workDir) hash = unchecked(hash * 31 + c);
        return key.ToString(0, MaxKeyLength) + "-" + Base36(Math.Abs((long)hash));
    }

    private static string Base36(long value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value == 0) return "0";
        var text = new StringBuilder();
        for (; value > 0; value /= 36) text.Insert(0, digits[(int)(value % 36)]);
        return text.ToString();
    }

    /// <summary>Claude names a session's transcript after its id, a UUID; anything else in a project folder is not a session.</summary>
    public static bool IsSessionId(ReadOnlySpan<char> name) =>
        name.Length == 36 && Guid.TryParseExact(name, "D", out _);
}
