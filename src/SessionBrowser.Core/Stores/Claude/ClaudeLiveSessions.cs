using SessionBrowser.Core.Storage;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// The sessions a running Claude holds: each Claude process writes sessions/&lt;pid&gt;.json
/// naming its sessionId; a file whose process is gone (a crash) names nothing live.
/// </summary>
internal static class ClaudeLiveSessions
{
    public static HashSet<string> Read(string claudeHome)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        string folder = Path.Combine(claudeHome, "sessions");
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*.json").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return live;
        }
        foreach (string file in files)
        {
            if (!int.TryParse(Path.GetFileNameWithoutExtension(file), out int pid) || !ProcessIds.IsRunning(pid)) continue;
            if (SessionIdIn(file) is { } id) live.Add(id);
        }
        return live;
    }

    private static string? SessionIdIn(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > 1 << 20 || info.LinkTarget is not null) return null;
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return ClaudeJson.String(document.RootElement, "sessionId");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
