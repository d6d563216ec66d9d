using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Gemini's <c>general.sessionRetention</c> from <c>~/.gemini/settings.json</c> (defaults:
/// enabled, maxAge 30d, minRetention 1d) and what Gemini's cleanup would delete with it at its
/// next start in a project: sessions older than maxAge or beyond maxCount, every file it cannot
/// list, and, through its 8-character-prefix bug, any session sharing a prefix with one of
/// those. An invalid policy disables Gemini's cleanup, so nothing is at risk then.
/// </summary>
public sealed partial record GeminiRetention(bool Enabled, RetentionDuration? MaxAge, int? MaxCount, string? Problem)
{
    public static GeminiRetention Disabled(string? problem) => new(false, null, null, problem);

    public static GeminiRetention Load(string geminiHome)
    {
        JsonElement retention = default;
        string path = Path.Combine(geminiHome, "settings.json");
        try
        {
            if (File.Exists(path))
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path),
                    new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("general", out var general) && general.ValueKind == JsonValueKind.Object
                    && general.TryGetProperty("sessionRetention", out var r) && r.ValueKind == JsonValueKind.Object)
                    retention = r.Clone();
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // Gemini refuses to start with a settings file it cannot parse, so it deletes nothing either.
            return Disabled($"{path} cannot be read: {e.Message}");
        }
        return FromSettings(retention);
    }

    /// <summary>Gemini's validateRetentionConfig over the schema defaults merged with the user's values.</summary>
    public static GeminiRetention FromSettings(JsonElement retention)
    {
        JsonElement? get(string name) =>
            retention.ValueKind == JsonValueKind.Object && retention.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value : null;
        if (get("enabled") is { ValueKind: JsonValueKind.False }) return Disabled(null);
        string? maxAgeText = get("maxAge") is { } m ? (m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText()) : "30d";
        string minText = get("minRetention") is { ValueKind: JsonValueKind.String } n && n.GetString() is { Length: > 0 } min ? min : "1d";
        int? maxCount = get("maxCount") is { ValueKind: JsonValueKind.Number } c ? (int)Math.Clamp(c.GetDouble(), int.MinValue, int.MaxValue) : null;

        RetentionDuration? maxAge = null;
        if (!string.IsNullOrEmpty(maxAgeText))
        {
            if (!RetentionDuration.TryParse(maxAgeText, out var age, out string? error))
                return Disabled($"Gemini's cleanup is off: maxAge: {error}");
            if (!RetentionDuration.TryParse(minText, out var minimum, out _)) minimum = RetentionDuration.Parse("1d");
            if (age.ToTimeSpan() < minimum.ToTimeSpan())
                return Disabled($"Gemini's cleanup is off: maxAge {age} is less than minRetention {minimum}");
            maxAge = age;
        }
        if (maxCount is < 1) return Disabled("Gemini's cleanup is off: maxCount must be at least 1");
        if (maxAge is null && maxCount is null) return Disabled("Gemini's cleanup is off: neither maxAge nor maxCount is set");
        return new GeminiRetention(true, maxAge, maxCount, null);
    }

    /// <summary>File path → why Gemini deletes it at its next start in that file's project.</summary>
    internal IReadOnlyDictionary<string, string> AtRisk(IReadOnlyList<GeminiProject> projects, IReadOnlyList<GeminiSessionFile> files, DateTimeOffset now)
    {
        var doomed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Enabled) return doomed;
        // Gemini cleans only the folder it uses now; an old sha256 folder is copied, never cleaned.
        foreach (var project in projects.Where(p => p.Slug is not null))
        {
            var all = files.Where(f => f.Folder == project.PrimaryFolder).ToList();
            var direct = new Dictionary<GeminiSessionFile, string>();
            foreach (var file in all.Where(f => !f.IsListed))
                direct[file] = "Gemini deletes session files it does not list";
            var newestFirst = all.Where(f => f.IsListed).OrderByDescending(f => f.LastUpdated).ToList();
            for (int i = 0; i < newestFirst.Count; i++)
            {
                var file = newestFirst[i];
                if (MaxAge is { } age && file.LastUpdated < now - age.ToTimeSpan())
                    direct[file] = $"older than {age}";
                else if (MaxCount is { } count && i >= count)
                    direct[file] = $"beyond the newest {count} sessions";
            }
            string where = project.ProjectPath is null ? "" : $" in {project.ProjectPath}";
            foreach (var (file, reason) in direct)
            {
                doomed[file.Path] = $"Gemini will delete this at its next start{where} ({reason})";
                if (ShortId(file.Path) is not { } shortId) continue;
                foreach (var sibling in all.Where(f => ShortId(f.Path) == shortId && !direct.ContainsKey(f)))
                    doomed.TryAdd(sibling.Path, $"Gemini will delete this at its next start{where}: it shares the id prefix {shortId} with {Path.GetFileName(file.Path)}, which it deletes ({reason})");
            }
        }
        return doomed;
    }

    private static string? ShortId(string path)
    {
        var match = ShortIdPattern().Match(Path.GetFileName(path));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^session-.*-([a-zA-Z0-9]{8})\.jsonl?$")]
    private static partial Regex ShortIdPattern();
}
