using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// One project Gemini keeps sessions for: its path (null when only a hash folder names it and
/// no known path hashes to it) and its folders under <c>tmp/</c>: the slug folder (v0.29+)
/// and the older sha256-of-path folder, both of which may exist.
/// </summary>
public sealed record GeminiProject(string? ProjectPath, string? Slug, IReadOnlyList<string> Folders)
{
    /// <summary>The folder Gemini itself uses now (the slug one when there is one).</summary>
    public string PrimaryFolder => Folders[0];
}

/// <summary>Finds Gemini's projects: projects.json, slug folders with .project_root, sha256 folders.</summary>
public static class GeminiProjects
{
    private const string ProjectRootFile = ".project_root";

    public static IReadOnlyList<GeminiProject> Discover(string geminiHome)
    {
        string tmp = Path.Combine(geminiHome, "tmp");
        var slugPaths = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (path, slug) in ReadRegistry(Path.Combine(geminiHome, "projects.json")))
            slugPaths.TryAdd(slug, path);

        var hashFolders = new List<string>();
        foreach (string folder in SafeDirectories(tmp))
        {
            string name = Path.GetFileName(folder);
            if (IsHash(name)) hashFolders.Add(name);
            else if (name != "bin") slugPaths[name] = ReadProjectRoot(folder) ?? slugPaths.GetValueOrDefault(name);
        }

        var byPath = new Dictionary<string, (string? Slug, List<string> Folders)>(StringComparer.Ordinal);
        var projects = new List<GeminiProject>();
        foreach (var (slug, path) in slugPaths.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            string folder = Path.Combine(tmp, slug);
            if (!Directory.Exists(folder)) continue;
            if (path is null) projects.Add(new GeminiProject(null, slug, [folder]));
            else if (byPath.TryGetValue(path, out var known)) known.Folders.Add(folder);
            else byPath[path] = (slug, [folder]);
        }
        var hashToPath = byPath.Keys.ToDictionary(HashOf, p => p, StringComparer.Ordinal);
        foreach (string hash in hashFolders.Order(StringComparer.Ordinal))
        {
            string folder = Path.Combine(tmp, hash);
            if (hashToPath.TryGetValue(hash, out string? path)) byPath[path].Folders.Add(folder);
            else projects.Add(new GeminiProject(null, null, [folder]));
        }
        projects.AddRange(byPath.Select(p => new GeminiProject(p.Key, p.Value.Slug, p.Value.Folders)));
        return projects;
    }

    /// <summary>The sha256 hex Gemini used as a project folder name before v0.29.</summary>
    public static string HashOf(string projectPath) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(projectPath)));

    private static IEnumerable<(string Path, string Slug)> ReadRegistry(string file)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            yield break;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("projects", out var map) || map.ValueKind != JsonValueKind.Object)
                yield break;
            foreach (var entry in map.EnumerateObject())
                if (entry.Value.ValueKind == JsonValueKind.String && IsSafeName(entry.Value.GetString()!))
                    yield return (entry.Name, entry.Value.GetString()!);
        }
    }

    private static string? ReadProjectRoot(string folder)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(folder, ProjectRootFile)).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SafeDirectories(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsHash(string name) => name.Length == 64 && name.All(char.IsAsciiHexDigitLower);

    /// <summary>A slug from projects.json names a folder under tmp/: never a path that leaves it.</summary>
    private static bool IsSafeName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\']) < 0;
}
