using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// index.json, kept in step for the reference's tools: <c>{"sessions": [{"id", "created_at",
/// "description", "tags"}]}</c>. It is never trusted for what exists (the folders are); every
/// change is a read-modify-write under <c>.index.lock</c> in the store root, written atomically.
/// </summary>
public sealed class NativeIndex(string root, Func<IEnumerable<SessionMetadata>> sessionsOnDisk)
{
    private const string LockName = ".index.lock";

    public string Path { get; } = System.IO.Path.Combine(root, NativeLayout.IndexFile);

    /// <summary>The ids listed, in file order; entries that are not objects with a valid id are skipped.</summary>
    public IReadOnlyList<string> Ids()
    {
        var ids = new List<string>();
        foreach (var entry in Entries(JsonFile.TryRead(Path).Node))
            if (NativeJson.String(entry, "id") is { } id && SessionIds.IsValid(id)) ids.Add(id);
        return ids;
    }

    public void Add(SessionMetadata meta) => Change(entries =>
    {
        entries.RemoveAll(e => NativeJson.String(e, "id") == meta.Id);
        entries.Add(EntryFor(meta));
    });

    public void Remove(string id) => Remove([id]);

    /// <summary>Removes the entries of all these sessions in one rewrite.</summary>
    public void Remove(IReadOnlyCollection<string> ids)
    {
        var gone = ids.ToHashSet(StringComparer.Ordinal);
        Change(entries => entries.RemoveAll(e => NativeJson.String(e, "id") is { } id && gone.Contains(id)));
    }

    /// <summary>
    /// Makes the index list the given sessions: entries of sessions that still exist (given, or a
    /// folder still there) keep their place and extra fields, missing ones are appended, the rest
    /// (and duplicates) are dropped.
    /// Returns (added, removed) ids.
    /// </summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Removed) Rebuild(IReadOnlyList<SessionMetadata> sessions)
    {
        var added = new List<string>();
        var removed = new List<string>();
        Change(entries =>
        {
            var wanted = sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            entries.RemoveAll(e =>
            {
                string? id = NativeJson.String(e, "id");
                // A damaged session's folder still exists: its entry stays until the folder goes.
                bool exists = id is not null && (wanted.ContainsKey(id)
                    || (SessionIds.IsValid(id) && Directory.Exists(System.IO.Path.Combine(root, id))));
                bool keep = exists && seen.Add(id!);
                if (!keep) removed.Add(id ?? "(entry without id)");
                return !keep;
            });
            foreach (var meta in sessions.Where(s => !seen.Contains(s.Id)).OrderBy(s => s.CreatedTime ?? DateTimeOffset.MinValue))
            {
                entries.Add(EntryFor(meta));
                added.Add(meta.Id);
            }
        });
        return (added, removed);
    }

    /// <summary>
    /// The temporary files of index.json writes a killed process never finished
    /// (<c>.index.json.&lt;guid&gt;.tmp</c>), removed when <paramref name="remove"/>: under the
    /// index lock, so no write in progress loses its file. Returns their names.
    /// </summary>
    public IReadOnlyList<string> LeftoverTemps(bool remove)
    {
        if (!Directory.Exists(root)) return [];
        var temps = Directory.EnumerateFiles(root, $".{NativeLayout.IndexFile}.*.tmp").Where(f => !FileTree.IsLink(f)).Order(StringComparer.Ordinal).ToList();
        if (temps.Count == 0 || !remove) return temps.Select(System.IO.Path.GetFileName).ToList()!;
        using var held = FileLock.Acquire(System.IO.Path.Combine(root, LockName));
        foreach (string temp in temps) File.Delete(temp);
        return temps.Select(System.IO.Path.GetFileName).ToList()!;
    }

    /// <summary>Whether index.json exists and is a readable index (for doctor).</summary>
    public string? Problem()
    {
        var read = JsonFile.TryRead(Path);
        if (read.Missing) return "index.json is missing";
        if (!read.Ok) return read.Error;
        return read.Node is JsonObject { } o && o["sessions"] is JsonArray ? null : "index.json has no \"sessions\" list";
    }

    internal static JsonObject EntryFor(SessionMetadata meta)
    {
        var tags = new JsonArray();
        foreach (string tag in meta.Tags) tags.Add((JsonNode?)tag);
        return new JsonObject
        {
            ["id"] = meta.Id,
            ["created_at"] = meta.CreatedAt,
            ["description"] = meta.Description,
            ["tags"] = tags,
        };
    }

    /// <summary>The bytes this instance last wrote and the document they were made from.</summary>
    private sealed record Written(byte[] Bytes, JsonObject Document);

    private Written? _written;

    private readonly NativeIndexText _text = new();

    private void Change(Action<List<JsonObject>> change)
    {
        Directory.CreateDirectory(root);
        using var held = FileLock.Acquire(System.IO.Path.Combine(root, LockName));
        byte[]? bytes = JsonFile.TryReadBytes(Path, out var failure);
        JsonObject node;
        List<JsonObject> entries;
        if (bytes is not null && _written is { } last && bytes.AsSpan().SequenceEqual(last.Bytes))
        {
            // Unchanged since this instance wrote it (a cleanup rewrites it once per batch of 256
            // sessions): the document written is what parsing would give, without the parse.
            node = last.Document;
            var array = (JsonArray)node["sessions"]!;
            entries = [.. array.OfType<JsonObject>()];
            array.Clear(); // the entries go into the new document's list
        }
        else
        {
            var read = bytes is null ? failure : JsonFile.Parse(bytes, NativeLayout.IndexFile);
            node = read.Node as JsonObject ?? new JsonObject();
            entries = Entries(node).Select(e => (JsonObject)e.DeepClone()).ToList();
            if (!read.Missing && (node.Count == 0 || node["sessions"] is not JsonArray))
            {
                // An unreadable index is kept aside (nothing is lost) and rebuilt from the folders.
                if (File.Exists(Path)) File.Copy(Path, System.IO.Path.Combine(root, $".index.json.unreadable-{DateTime.UtcNow:yyyyMMddTHHmmss}"), overwrite: true);
                entries = sessionsOnDisk().OrderBy(m => m.CreatedTime ?? DateTimeOffset.MinValue).Select(EntryFor).ToList();
            }
        }
        _written = null;
        change(entries);
        var updatedList = new JsonArray();
        foreach (var entry in entries) updatedList.Add((JsonNode?)entry);
        // Other top-level fields someone added stay, after "sessions".
        var updated = new JsonObject { ["sessions"] = updatedList };
        foreach (var (key, value) in node)
            if (key != "sessions") updated[key] = value?.DeepClone();
        byte[] written = _text.Write(entries, updated.Where(field => field.Key != "sessions"));
        AtomicFile.WriteAllBytes(Path, written);
        _written = new Written(written, updated);
    }

    private static IEnumerable<JsonObject> Entries(JsonNode? node) =>
        (node as JsonObject)?["sessions"] is JsonArray array ? array.OfType<JsonObject>() : [];
}
