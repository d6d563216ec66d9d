using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>What a merge made: the new session, how many messages it holds, and unreadable lines left out.</summary>
public sealed record MergeResult(SessionMetadata Merged, int Messages, int SkippedLines);

/// <summary>
/// Merges native sessions into a new one (<see cref="MergeOrder"/> for the messages,
/// <see cref="MergedMetadata"/> for the metadata). Message lines are copied byte for byte, so
/// fields this program does not know survive. Each input's artifacts are copied to
/// <c>artifacts/&lt;input id&gt;/</c>; snapshots are not carried over (their step numbers belong to
/// their own session). The inputs are only read, and a live input (being written) is refused.
/// The new session appears in one rename, complete.
/// </summary>
public static class SessionMerger
{
    public static MergeResult Merge(NativeStore store, IReadOnlyList<string> ids, string? description, TimeProvider? clock = null)
    {
        if (ids.Count < 2) throw new ArgumentException("a merge needs at least two sessions");
        var repeated = ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"session {repeated.Key} is named twice");

        var inputs = new List<SessionMetadata>();
        foreach (string id in ids)
        {
            var metadata = store.Get(id) ?? throw new ArgumentException($"no session {id} in {store.Root}");
            var probe = store.ProbeLock(id);
            if (probe.Held)
                throw new InvalidOperationException($"session {id} is live ({probe.LastHolder?.ToString() ?? "another process"} is writing it); merge it when it has finished");
            inputs.Add(metadata);
        }

        int skipped = 0;
        var lines = new List<IReadOnlyList<(byte[] Bytes, DateTimeOffset? Time)>>();
        foreach (string id in ids) lines.Add(ReadLines(store.MessagesPath(id), ref skipped));
        var ordered = MergeOrder.Interleave(lines, line => line.Time);

        using var folder = new NewSessionFolder(store, "merge");
        string newId = folder.FreshId();
        using (var messages = new FileStream(Path.Combine(folder.Path, NativeLayout.MessagesFile), FileMode.CreateNew, FileAccess.Write))
        {
            foreach (var line in ordered)
            {
                messages.Write(line.Bytes);
                messages.WriteByte((byte)'\n');
            }
            messages.Flush(flushToDisk: true);
        }
        Directory.CreateDirectory(Path.Combine(folder.Path, NativeLayout.SnapshotsFolder));
        string artifacts = Path.Combine(folder.Path, NativeLayout.ArtifactsFolder);
        Directory.CreateDirectory(artifacts);
        foreach (string id in ids) CopyArtifacts(Path.Combine(store.SessionDir(id), NativeLayout.ArtifactsFolder), Path.Combine(artifacts, id));

        var merged = MergedMetadata.Build(inputs, newId, description, ordered.Count, clock);
        JsonFile.Write(Path.Combine(folder.Path, NativeLayout.MetadataFile), NativeJson.WriteMetadata(merged));
        folder.Publish(newId);
        store.Index.Add(merged);
        return new MergeResult(merged, ordered.Count, skipped);
    }

    private static List<(byte[] Bytes, DateTimeOffset? Time)> ReadLines(string path, ref int skipped)
    {
        var result = new List<(byte[], DateTimeOffset?)>();
        foreach (var line in JsonLines.ReadLines(path))
        {
            var obj = JsonLines.TryParseObject(line, out _);
            var message = obj is null ? null : NativeJson.ReadMessage(obj, out _);
            if (message is null)
            {
                skipped++;
                continue;
            }
            // The reader reuses its buffer: keep a copy of the bytes.
            result.Add((line.Bytes.ToArray(), message.Time));
        }
        return result;
    }

    /// <summary>Copies regular files and folders; links are not followed (a merge must not pull in files from elsewhere).</summary>
    private static void CopyArtifacts(string source, string target)
    {
        // The artifacts folder itself may be a link (to ~/.ssh, say): it is skipped like any link inside it.
        if (!Directory.Exists(source) || FileTree.IsLink(source)) return;
        foreach (var info in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (info.LinkTarget is not null) continue;
            string destination = Path.Combine(target, info.Name);
            if (info is DirectoryInfo) CopyArtifacts(info.FullName, destination);
            else
            {
                Directory.CreateDirectory(target);
                File.Copy(info.FullName, destination);
            }
        }
    }
}
