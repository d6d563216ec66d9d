using System.Collections.Concurrent;
using SessionBrowser.Core.Storage;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// The sessions a running Claude holds: each Claude process writes sessions/&lt;pid&gt;.json
/// naming its sessionId; a file whose process is gone (a crash) names nothing live. Asked once per
/// listing and once per session a reconcile reads, so each file is parsed again only when its
/// stamp changes; whether its process still runs is asked every time.
/// </summary>
internal sealed class ClaudeLiveSessions(string claudeHome)
{
    private readonly ConcurrentDictionary<string, (FileStamp Stamp, string? SessionId)> _files = new(StringComparer.Ordinal);

    public HashSet<string> Read()
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        string folder = Path.Combine(claudeHome, "sessions");
        List<string> files;
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

    private string? SessionIdIn(string file)
    {
        var stamp = FileStamp.Of(file);
        if (_files.TryGetValue(file, out var known) && known.Stamp == stamp) return known.SessionId;
        string? id = Parse(file);
        _files[file] = (stamp, id);
        return id;
    }

    private static string? Parse(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > 1 << 20 || info.LinkTarget is not null) return null;
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            return ClaudeJson.String(document.RootElement, "sessionId");
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
