using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>One file of an exported session: its path inside the zip, size and SHA-256 (lower-case hex).</summary>
public sealed record ManifestFile(string Path, long Size, string Sha256);

public sealed record ManifestSession(string Id, string? Description, IReadOnlyList<ManifestFile> Files);

/// <summary>
/// manifest.json at the root of an export zip. Layout of the zip:
/// <code>
/// manifest.json
/// sessions/&lt;id&gt;/metadata.json, messages.jsonl, snapshots/…, artifacts/…
/// </code>
/// The manifest lists every file with its size and checksum; import refuses a zip holding
/// anything the manifest does not list, or a file whose bytes do not match.
/// </summary>
public sealed record ExportManifest(int FormatVersion, string ExportedAt, IReadOnlyList<ManifestSession> Sessions)
{
    public const string FileName = "manifest.json";
    public const string SessionsFolder = "sessions";
    public const string Format = "sessionbrowser-export";
    public const int CurrentVersion = 1;

    public static string EntryPath(string sessionId, string relativePath) => $"{SessionsFolder}/{sessionId}/{relativePath}";

    public string ToJson()
    {
        var sessions = new JsonArray();
        foreach (var session in Sessions)
        {
            var files = new JsonArray();
            foreach (var file in session.Files)
                files.Add((JsonNode?)new JsonObject { ["path"] = file.Path, ["size"] = file.Size, ["sha256"] = file.Sha256 });
            sessions.Add((JsonNode?)new JsonObject { ["id"] = session.Id, ["description"] = session.Description, ["files"] = files });
        }
        var root = new JsonObject
        {
            ["format"] = Format,
            ["format_version"] = FormatVersion,
            ["exported_at"] = ExportedAt,
            ["sessions"] = sessions,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <exception cref="InvalidDataException">Not a manifest this version can read; the message says what is wrong.</exception>
    public static ExportManifest Parse(string json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException($"manifest.json is not valid JSON ({e.Message})"); }
        if (root is not JsonObject manifest) throw new InvalidDataException("manifest.json is not a JSON object");
        if (Text(manifest, "format") != Format) throw new InvalidDataException($"manifest.json: format is not \"{Format}\"");
        int version = Int(manifest, "format_version");
        if (version < 1 || version > CurrentVersion)
            throw new InvalidDataException($"manifest.json: format_version {version} is not supported (this program reads 1 to {CurrentVersion})");
        if (manifest["sessions"] is not JsonArray sessionArray) throw new InvalidDataException("manifest.json: \"sessions\" must be an array");

        var sessions = new List<ManifestSession>();
        foreach (var node in sessionArray)
        {
            if (node is not JsonObject session) throw new InvalidDataException("manifest.json: each session must be an object");
            if (session["files"] is not JsonArray fileArray) throw new InvalidDataException("manifest.json: a session's \"files\" must be an array");
            var files = new List<ManifestFile>();
            foreach (var fileNode in fileArray)
            {
                if (fileNode is not JsonObject file) throw new InvalidDataException("manifest.json: each file must be an object");
                long size = Long(file, "size");
                if (size < 0) throw new InvalidDataException("manifest.json: a file size is negative");
                files.Add(new ManifestFile(Text(file, "path") ?? throw Missing("path"), size, Text(file, "sha256") ?? throw Missing("sha256")));
            }
            string? description = session["description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : null;
            sessions.Add(new ManifestSession(Text(session, "id") ?? throw Missing("id"), description, files));
        }
        return new ExportManifest(version, Text(manifest, "exported_at") ?? "", sessions);
    }

    private static InvalidDataException Missing(string field) => new($"manifest.json: \"{field}\" is missing or not a string");

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out int i) ? i : throw new InvalidDataException($"manifest.json: \"{name}\" must be a whole number");

    private static long Long(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out long i) ? i : throw new InvalidDataException($"manifest.json: \"{name}\" must be a whole number");
}
