using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// What the search index and the large-session reader need from the native layout: where each
/// message line starts (found without parsing), and stamps of metadata.json and messages.jsonl
/// taken by listing and stat alone, so a reconcile of 10,000 sessions reads only what changed.
/// </summary>
public sealed partial class NativeStore
{
    public IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        [.. JsonLines.ReadLines(MessagesPath(id), fromOffset, cancellationToken).Select(line => line.Offset)];

    /// <summary>The same entries <see cref="List"/> reads (session folders, then legacy files without a folder).</summary>
    public IEnumerable<SessionStamp> Stamps(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Root)) yield break;
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var legacy = new List<FileInfo>();
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (NativeLayout.IsHidden(entry.Name)) continue;
            if (entry is DirectoryInfo)
            {
                if (!SessionIds.IsValid(entry.Name)) continue;
                folders.Add(entry.Name);
                yield return FolderStamp(entry.FullName, entry.Name);
            }
            else if (entry.Name.EndsWith(".json", StringComparison.Ordinal) && entry.Name != NativeLayout.IndexFile)
            {
                legacy.Add((FileInfo)entry);
            }
        }
        foreach (var file in legacy)
        {
            string id = Path.GetFileNameWithoutExtension(file.Name);
            if (SessionIds.IsValid(id) && !folders.Contains(id)) yield return new SessionStamp(id, FileStamp.Of(file), null);
        }
    }

    public SessionStamp? StampOf(string id)
    {
        string dir = SessionDir(id);
        if (Directory.Exists(dir)) return FolderStamp(dir, id);
        var legacy = new FileInfo(dir + ".json");
        return legacy.Exists ? new SessionStamp(id, FileStamp.Of(legacy), null) : null;
    }

    private static SessionStamp FolderStamp(string folder, string id) =>
        new(id, FileStamp.Of(Path.Combine(folder, NativeLayout.MetadataFile)), FileStamp.Of(Path.Combine(folder, NativeLayout.MessagesFile)));
}
