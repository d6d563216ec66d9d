namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// The files Gemini keeps for a session beside its transcript (its deleteSessionArtifacts and
/// subagent cleanup): logs/session-ID.jsonl, tool-outputs/session-ID/, ID/ and chats/ID/.
/// Stricter than Gemini: an id that could name anything but its own folder yields nothing.
/// </summary>
internal static class GeminiArtifacts
{
    // Project-level folders a crafted sessionId must never name (Gemini guards only the first three).
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "chats", "logs", "tool-outputs", "checkpoints", "memory", "plans", "tracker",
    };

    public static IEnumerable<string> Of(string projectFolder, string sessionId)
    {
        if (!IsSafeId(sessionId)) yield break;
        string log = Path.Combine(projectFolder, "logs", $"session-{sessionId}.jsonl");
        if (File.Exists(log)) yield return log;
        string toolOutputs = Path.Combine(projectFolder, "tool-outputs", $"session-{sessionId}");
        if (Directory.Exists(toolOutputs)) yield return toolOutputs;
        string sessionFolder = Path.Combine(projectFolder, sessionId);
        if (!Reserved.Contains(sessionId) && Directory.Exists(sessionFolder)) yield return sessionFolder;
        string subagents = Path.Combine(projectFolder, "chats", sessionId);
        if (Directory.Exists(subagents)) yield return subagents;
    }

    /// <summary>Letters, digits, '-', '_' and '.', not starting with '.': never a separator or "..".</summary>
    public static bool IsSafeId(string id) =>
        id.Length > 0 && id[0] != '.' && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
