using System.Globalization;
using System.Text.Json;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// One file of <c>&lt;project folder&gt;/checkpoints/</c>: the tool call Gemini was about to run,
/// the shadow-repository commit holding the project as it was before, and the prompt
/// (<c>messageId</c> = "&lt;sessionId&gt;########&lt;n&gt;") that asked for it.
/// </summary>
public sealed record GeminiCheckpoint(
    string Name, string Path, DateTimeOffset? Time, string? ToolName, string? FilePath,
    JsonElement? Args, string? CommitHash, string? MessageId, string? Error)
{
    /// <summary>"replace app.ts", or the reason the file cannot be used.</summary>
    public string Label => Error is not null
        ? $"{Name} (unreadable: {Error})"
        : $"{ToolName} {System.IO.Path.GetFileName(FilePath ?? "")}".Trim();

    public bool BelongsTo(string sessionId) =>
        MessageId is not null && (MessageId == sessionId || MessageId.StartsWith(sessionId + "#", StringComparison.Ordinal));

    /// <summary>The proposed change as text: old and new strings of a replace, the content of a write.</summary>
    public string DescribeChange()
    {
        if (Error is not null) return Error;
        var lines = new List<string> { $"{ToolName} {FilePath}" };
        if (Args is { ValueKind: JsonValueKind.Object } args)
        {
            foreach (var property in args.EnumerateObject())
            {
                if (property.Name == "file_path") continue;
                string value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                lines.Add($"{property.Name}:");
                lines.AddRange(value.Split('\n').Select(l => "  " + l));
            }
        }
        return string.Join('\n', lines);
    }
}

/// <summary>Lists Gemini's checkpoints for a project or one session.</summary>
public static class GeminiCheckpoints
{
    public static IReadOnlyList<GeminiCheckpoint> ForProject(GeminiProject project)
    {
        var byName = new Dictionary<string, GeminiCheckpoint>(StringComparer.Ordinal);
        foreach (string folder in project.Folders)
        {
            string dir = System.IO.Path.Combine(folder, "checkpoints");
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.EnumerateFiles(dir, "*.json"))
                byName.TryAdd(System.IO.Path.GetFileNameWithoutExtension(file), Read(file));
        }
        return [.. byName.Values.OrderBy(c => c.Time ?? DateTimeOffset.MinValue).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <summary>The session's checkpoints as timeline entries, step 1 = the oldest.</summary>
    public static IReadOnlyList<SnapshotInfo> ForSession(GeminiProject project, string sessionId) =>
        [.. ForProject(project).Where(c => c.BelongsTo(sessionId)).Select((c, i) => new SnapshotInfo(
            i + 1, c.Time?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture) ?? "", c.Path, c.Label))];

    public static GeminiCheckpoint Read(string path)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(path);
        var time = TimeFromName(name) ?? File.GetLastWriteTimeUtc(path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("toolCall", out var call) || call.ValueKind != JsonValueKind.Object)
                return new GeminiCheckpoint(name, path, time, null, null, null, null, null, "no toolCall in the file");
            JsonElement? args = call.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Object ? a.Clone() : null;
            return new GeminiCheckpoint(name, path, time, GeminiContent.String(call, "name"),
                args is { } x ? GeminiContent.String(x, "file_path") : null, args,
                GeminiContent.String(root, "commitHash"), GeminiContent.String(root, "messageId"), null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new GeminiCheckpoint(name, path, time, null, null, null, null, null, e is JsonException ? "not valid JSON" : e.Message);
        }
    }

    /// <summary>Gemini names checkpoints by <c>new Date().toISOString()</c> with ':' → '-' and '.' → '_': 2025-01-15T10-30-00_123Z.</summary>
    internal static DateTimeOffset? TimeFromName(string name) =>
        name.Length >= 24 && DateTimeOffset.TryParseExact(name[..24], "yyyy-MM-dd'T'HH-mm-ss'_'fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
}
