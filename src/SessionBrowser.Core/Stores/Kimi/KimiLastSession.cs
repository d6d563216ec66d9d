using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// The one record a delete changes outside the session's folder: <c>last_session_id</c> in
/// kimi.json, cleared (set to null, as Kimi's own web server does) when it names the deleted
/// session, so <c>kimi --continue</c> does not look for it. What was there is kept in the trash
/// entry; undo puts it back only where kimi.json still has it cleared (Kimi may have moved on).
/// </summary>
internal static class KimiLastSession
{
    private const string KeepFile = "kimi.json-last_session_id.json";
    private const string Field = "last_session_id";

    /// <summary>The work dirs whose last_session_id is this session, for the delete confirmation.</summary>
    public static IReadOnlyList<string> Describe(string root, string id, string hash) =>
        [.. Naming(root, id, hash).Select(entry => $"{KimiLayout.MetadataFile}: last_session_id of {entry.Path} (cleared)")];

    /// <summary>Clears last_session_id where it names <paramref name="id"/> for the work dir hashed <paramref name="hash"/>.</summary>
    public static void Remove(string root, string id, string hash, string keepFolder)
    {
        string file = Path.Combine(root, KimiLayout.MetadataFile);
        var named = Naming(root, id, hash);
        if (named.Count == 0) return;
        var kept = new JsonArray();
        foreach (var entry in named) kept.Add((JsonNode?)new JsonObject { ["path"] = entry.Path, ["value"] = entry.Raw });
        Directory.CreateDirectory(keepFolder);
        JsonFile.Write(Path.Combine(keepFolder, KeepFile), new JsonObject { ["file"] = file, ["entries"] = kept });
        Edit(file, value => named.Any(n => n.Path == value.WorkDir) && value.Span.Text == id, "null"u8.ToArray());
    }

    public static void Restore(string root, string id, string keepFolder)
    {
        var read = JsonFile.TryRead(Path.Combine(keepFolder, KeepFile));
        if (read.Node?["entries"] is not JsonArray entries) return;
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.OfType<JsonObject>())
        {
            // Only what this session's delete wrote: a value that is a JSON string of this id.
            if (Text(entry["path"]) is { } path && Text(entry["value"]) is { } value && IsStringOf(value, id))
                raw[path] = value;
        }
        string file = Path.Combine(root, KimiLayout.MetadataFile);
        foreach (var (path, value) in raw)
            Edit(file, v => v.WorkDir == path && v.Span.Type == JsonTokenType.Null, Encoding.UTF8.GetBytes(value));
    }

    private sealed record Named(string Path, string Raw);

    private readonly record struct EntryValue(string? WorkDir, JsonValueSpan Span);

    private static List<Named> Naming(string root, string id, string hash)
    {
        byte[]? bytes = Read(Path.Combine(root, KimiLayout.MetadataFile));
        if (bytes is null) return [];
        return [.. LastSessionValues(bytes)
            .Where(v => v.WorkDir is not null && v.Span.Text == id && KimiLayout.HashOf(v.WorkDir) == hash)
            .Select(v => new Named(v.WorkDir!, Encoding.UTF8.GetString(bytes, v.Span.Start, v.Span.End - v.Span.Start)))];
    }

    /// <summary>Replaces the last_session_id values that match, right to left so earlier offsets stay valid; atomically.</summary>
    private static void Edit(string file, Func<EntryValue, bool> matches, byte[] replacement)
    {
        byte[]? bytes = Read(file);
        if (bytes is null) return;
        var targets = LastSessionValues(bytes).Where(matches).OrderByDescending(v => v.Span.Start).ToList();
        if (targets.Count == 0) return;
        foreach (var target in targets) bytes = KimiJsonEdit.Replace(bytes, target.Span, replacement);
        AtomicFile.WriteAllBytes(file, bytes);
    }

    /// <summary>Each work_dirs entry's last_session_id value with the entry's path.</summary>
    private static IEnumerable<EntryValue> LastSessionValues(byte[] bytes)
    {
        List<JsonValueSpan> values;
        try { values = KimiJsonEdit.Values(bytes); }
        catch (JsonException) { return []; } // never rewrite a kimi.json we cannot read
        var pathOf = values.Where(v => KimiWorkDirs.IsEntryField(v.Path, "path") && v.Text is not null)
            .ToDictionary(v => KimiWorkDirs.EntryOf(v.Path), v => v.Text!);
        return values.Where(v => KimiWorkDirs.IsEntryField(v.Path, Field))
            .Select(v => new EntryValue(pathOf.GetValueOrDefault(KimiWorkDirs.EntryOf(v.Path)), v));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static bool IsStringOf(string json, string id)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.String && document.RootElement.GetString() == id;
        }
        catch (JsonException) { return false; }
    }

    private static byte[]? Read(string file)
    {
        try { return File.ReadAllBytes(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
