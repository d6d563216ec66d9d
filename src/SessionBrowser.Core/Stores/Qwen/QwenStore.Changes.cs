using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Qwen;

// Rename and delete, each the way Qwen Code's SessionService does it.
public sealed partial class QwenStore : IDeletableStore
{
    // JSON.stringify's escaping: only what JSON needs, CJK and emoji as they are.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Appends a custom_title system record as renameSessionInternal writes it: a new uuid, the
    /// last record's uuid as parent, cwd and version from the first record, titleSource "manual".
    /// </summary>
    public void Rename(string id, string title)
    {
        var file = FileOf(id) ?? throw new KeyNotFoundException($"no {SourceName} session {id}");
        var transcript = QwenTranscript.Read(file.Path);
        if (transcript.SessionId is null) throw new SessionRefusedException($"{SourceName} session {id} is damaged (its first line names no session); not renamed");
        var record = new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["parentUuid"] = transcript.LastUuid,
            ["sessionId"] = id,
            ["timestamp"] = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "system",
            ["subtype"] = "custom_title",
        };
        // JSON.stringify leaves out what is undefined.
        if (transcript.Cwd is not null) record["cwd"] = transcript.Cwd;
        if (transcript.Version is not null) record["version"] = transcript.Version;
        record["systemPayload"] = new JsonObject { ["customTitle"] = title, ["titleSource"] = "manual" };
        JsonLines.Append(file.Path, [record.ToJsonString(Compact)]);
    }

    /// <summary>
    /// What Qwen's removeSessionFiles takes: the transcript (active and archived copies), the
    /// .pr.json, .worktree.json and .ledger.jsonl sidecars of both states, file-history/&lt;id&gt;/,
    /// and (as a record) the session's entry in its project's session-organization.v1.json.
    /// </summary>
    public DeletePlan PlanDelete(string id)
    {
        var file = FileOf(id) ?? throw new KeyNotFoundException($"no {SourceName} session {id}");
        var files = new List<string>();
        foreach (bool archived in new[] { false, true })
        {
            string chats = QwenFiles.ChatsFolder(file.ProjectFolder, archived);
            files.AddRange(QwenFiles.SidecarSuffixes.Prepend(".jsonl")
                .Select(suffix => Path.Combine(chats, id + suffix))
                .Where(File.Exists));
        }
        string history = Path.Combine(Root, QwenFiles.FileHistoryFolder, id);
        if (FileTree.Exists(history)) files.Add(history);
        var records = QwenOrganization.Holding(ProjectFolders(), id)
            .Select(path => $"its entry in {path}")
            .ToList();
        return new DeletePlan(files, records);
    }

    public void RemoveRecords(string id, string keepFolder) => QwenOrganization.Remove(ProjectFolders(), id, keepFolder);

    public void RestoreRecords(string id, string keepFolder) => QwenOrganization.Restore(id, keepFolder, Owns);

    /// <summary>Qwen's projects and file-history folders, reached without a link.</summary>
    public bool Owns(string path)
    {
        string full = Path.GetFullPath(path);
        foreach (string folder in new[] { QwenFiles.ProjectsFolder, QwenFiles.FileHistoryFolder })
        {
            string relative = Path.GetRelativePath(Path.Combine(Root, folder), full);
            if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) continue;
            return !ThroughLink(Path.Combine(Root, folder), relative);
        }
        return false;
    }

    private static bool ThroughLink(string folder, string relative)
    {
        string path = folder;
        foreach (string part in relative.Split(Path.DirectorySeparatorChar)[..^1])
        {
            path = Path.Combine(path, part);
            if (FileTree.IsLink(path)) return true;
        }
        return FileTree.IsLink(folder);
    }
}
