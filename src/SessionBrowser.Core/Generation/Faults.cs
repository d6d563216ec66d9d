using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Generation;

/// <summary>
/// The damage real stores show, added by <see cref="GeneratorOptions.IncludeFaults"/> so demos and
/// tests meet it: corrupt and missing metadata, a torn last line, a legacy flat session, a Kimi
/// CLI folder (not damage: another agent's format) and an index entry whose folder is gone.
/// </summary>
internal static class Faults
{
    public static void Write(string outDir, Random random, DateTime now, JsonArray index)
    {
        string Stamp(int daysAgo) => Timestamps.FormatNaive(now.AddDays(-daysAgo));

        // metadata.json cut off mid-write by a non-atomic writer.
        string corrupt = Path.Combine(outDir, "c0ffee01");
        Directory.CreateDirectory(corrupt);
        File.WriteAllText(Path.Combine(corrupt, NativeLayout.MetadataFile), "{\n  \"id\": \"c0ffee01\",\n  \"created_at\": \"" + Stamp(3) + "\",\n  \"status\": \"act");
        File.WriteAllText(Path.Combine(corrupt, NativeLayout.MessagesFile),
            Line(Roles.User, "Why is this session damaged? 这个会话的元数据坏了", Stamp(3)));

        // A folder whose metadata.json is gone.
        string missing = Path.Combine(outDir, "c0ffee02");
        Directory.CreateDirectory(Path.Combine(missing, NativeLayout.SnapshotsFolder));
        File.WriteAllText(Path.Combine(missing, NativeLayout.MessagesFile), Line(Roles.User, "metadata.json was deleted by hand", Stamp(4)));

        // A whole session whose writer died mid-line.
        string torn = Path.Combine(outDir, "c0ffee03");
        Directory.CreateDirectory(Path.Combine(torn, NativeLayout.SnapshotsFolder));
        Directory.CreateDirectory(Path.Combine(torn, NativeLayout.ArtifactsFolder));
        var meta = new SessionMetadata
        {
            Id = "c0ffee03", CreatedAt = Stamp(1), LastActive = Stamp(1), Status = SessionStatus.Crashed,
            WorkDir = "/home/ada/projects/api-server", Model = "kimi-k2", MessageCount = 2,
            Description = "Writer killed mid-line (torn last line) 💥", Tags = ["crash"],
        };
        File.WriteAllText(Path.Combine(torn, NativeLayout.MetadataFile), PythonJson.SerializeIndented(NativeJson.WriteMetadata(meta)));
        File.WriteAllText(Path.Combine(torn, NativeLayout.MessagesFile),
            Line(Roles.User, "Start the long migration", Stamp(1)) + Line(Roles.Assistant, "Running step 1 of 40…", Stamp(1))
            + "{\"role\": \"assistant\", \"content\": \"Step 2: copying ta");
        index.Add((JsonNode?)NativeIndex.EntryFor(meta));

        // The reference's older flat layout.
        File.WriteAllText(Path.Combine(outDir, "0ld5e551.json"), PythonJson.SerializeIndented(new JsonObject
        {
            ["id"] = "0ld5e551",
            ["work_dir"] = "/home/ada/projects/dotfiles",
            ["created_at"] = Stamp(200),
            ["last_active"] = Stamp(199),
            ["message_count"] = 12,
        }));

        // Kimi CLI's own layout under the same root: <md5 of work dir>/<uuid>/context.jsonl.
        string kimi = Path.Combine(outDir, "5f4dcc3b5aa765d61d8327deb882cf99", $"{random.Next():x8}-0000-4000-8000-000000000000");
        Directory.CreateDirectory(kimi);
        File.WriteAllText(Path.Combine(kimi, "context.jsonl"), "{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"hello\"}]}\n");

        // index.json still names a session whose folder was removed by hand.
        index.Add((JsonNode?)new JsonObject { ["id"] = "90ne0000", ["created_at"] = Stamp(30), ["description"] = "removed by hand", ["tags"] = new JsonArray() });
    }

    private static string Line(string role, string content, string timestamp) =>
        PythonJson.Serialize(NativeJson.WriteMessage(new Message(role, content, timestamp))) + "\n";
}
