using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// A session's entry in its project's <c>session-organization.v1.json</c> (groups, pins,
/// colours: <c>{schemaVersion, groups, sessions:{id: …}}</c>), removed on delete the way Qwen's
/// SessionOrganizationService.removeSession does (atomic rewrite, JSON.stringify(…, null, 2)).
/// The keep folder holds the file as it was, the entry, and a hash of what we wrote: undo puts
/// the old bytes back when nobody changed the file since, else adds the entry again.
/// </summary>
internal static class QwenOrganization
{
    private const string KeepFile = "qwen-organization.json";
    private const string BeforeSuffix = ".before";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The organization files (of these project folders) with an entry for the session.</summary>
    public static IEnumerable<string> Holding(IEnumerable<string> projectFolders, string id) =>
        projectFolders.Select(folder => Path.Combine(folder, QwenFiles.OrganizationFile))
            .Where(path => Read(path) is { } store && Sessions(store)?.ContainsKey(id) == true);

    public static void Remove(IEnumerable<string> projectFolders, string id, string keepFolder)
    {
        var kept = new JsonArray();
        int n = 0;
        foreach (string path in Holding(projectFolders, id).ToList())
        {
            byte[] before = File.ReadAllBytes(path);
            var store = JsonNode.Parse(before)!.AsObject();
            var sessions = Sessions(store)!;
            var entry = sessions[id]!.DeepClone();
            sessions.Remove(id);
            byte[] after = Encoding.UTF8.GetBytes(store.ToJsonString(Indented));
            string beforeName = $"{n++}{BeforeSuffix}";
            File.WriteAllBytes(Path.Combine(keepFolder, beforeName), before);
            kept.Add((JsonNode?)new JsonObject { ["file"] = path, ["entry"] = entry, ["before"] = beforeName, ["written"] = Hash(after) });
            // Written before the change, so undo knows about it even if the rewrite is the last thing that happens.
            AtomicFile.WriteAllText(Path.Combine(keepFolder, KeepFile), kept.ToJsonString(Indented));
            AtomicFile.WriteAllBytes(path, after);
        }
    }

    public static void Restore(string id, string keepFolder, Func<string, bool> owns)
    {
        string keepPath = Path.Combine(keepFolder, KeepFile);
        if (!File.Exists(keepPath)) return;
        foreach (var kept in JsonNode.Parse(File.ReadAllBytes(keepPath))!.AsArray().OfType<JsonObject>())
        {
            string path = (string)kept["file"]!;
            if (!owns(path)) throw new InvalidDataException($"the trash names {path}, which is not Qwen Code's: not written");
            byte[] before = File.ReadAllBytes(Path.Combine(keepFolder, Path.GetFileName((string)kept["before"]!)));
            byte[]? now = File.Exists(path) ? File.ReadAllBytes(path) : null;
            if (now is null || Hash(now) == (string)kept["written"]!)
            {
                AtomicFile.WriteAllBytes(path, before);
                continue;
            }
            // Qwen changed the file since: keep its changes and add the entry back.
            var store = JsonNode.Parse(now)!.AsObject();
            var sessions = Sessions(store) ?? (JsonObject)(store["sessions"] = new JsonObject());
            if (sessions.ContainsKey(id)) continue;
            sessions[id] = kept["entry"]!.DeepClone();
            AtomicFile.WriteAllText(path, store.ToJsonString(Indented));
        }
    }

    private static JsonObject? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static JsonObject? Sessions(JsonObject store) => store["sessions"] as JsonObject;

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
