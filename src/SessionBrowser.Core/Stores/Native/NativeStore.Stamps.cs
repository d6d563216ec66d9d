using System.IO.Enumeration;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Kimi;

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

    /// <summary>
    /// The same entries <see cref="List"/> reads (session folders, then legacy files without a
    /// folder). Stat is most of the cost for 10,000 sessions (a path walk each): the folders are
    /// stamped as they are listed (<see cref="AsListed"/>), by paths relative to the open store
    /// folder, and messages.jsonl only of the sessions in <paramref name="messagesOf"/> when it is
    /// given (the others <see cref="FileStamp.NotTaken"/>).
    /// </summary>
    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default) =>
        EachSession((root, name) => FolderStamp(root, name, messagesOf is null || messagesOf.Contains(name)), FlatStamp, stamp => stamp.Id,
            cancellationToken);

    /// <summary>
    /// One result per session: the session folders through <paramref name="inFolder"/> as the
    /// store folder is listed (<see cref="AsListed"/>: on two threads, in no particular order),
    /// then the legacy files that have no folder beside them through <paramref name="flat"/>.
    /// </summary>
    private List<T> EachSession<T>(Func<StampFolder, string, T> inFolder, Func<string, T> flat, Func<T, string> idOf,
        CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root)) return [];
        var legacy = new List<string>();
        List<T> all;
        using (var root = new StampFolder(Root))
            all = AsListed.Select(SessionFolders(legacy, cancellationToken), name => inFolder(root, name), cancellationToken);
        if (legacy.Count > 0) all.AddRange(FlatIds(legacy, all.Select(idOf)).ToList().Select(flat));
        return all;
    }

    /// <summary>The ids of the legacy files (<c>id.json</c>) that have no session folder beside them.</summary>
    private static IEnumerable<string> FlatIds(List<string> legacy, IEnumerable<string> folders)
    {
        var inFolders = folders.ToHashSet(StringComparer.Ordinal);
        return legacy
            .Select(name => Path.GetFileNameWithoutExtension(name))
            .Where(id => SessionIds.IsValid(id) && !inFolders.Contains(id));
    }

    /// <summary>The stamp of a legacy session file (no folder).</summary>
    private SessionStamp FlatStamp(string id) => new(id, FileStamp.Of(Path.Combine(Root, id + ".json")), null);

    /// <summary>The session folders' names, as listed; the legacy files' names go to <paramref name="legacy"/> on the way.</summary>
    private IEnumerable<string> SessionFolders(List<string> legacy, CancellationToken cancellationToken)
    {
        var entries = new FileSystemEnumerable<(string Name, bool IsFolder)>(Root,
            (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory), FileStamp.EveryEntry);
        foreach (var (name, isFolder) in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (NativeLayout.IsHidden(name)) continue;
            if (isFolder)
            {
                // The name alone rules out a Kimi work-dir folder for nearly all: no path string per session.
                if (SessionIds.IsValid(name) && !(KimiLayout.IsWorkDirName(name) && KimiLayout.IsWorkDirFolder(Path.Combine(Root, name))))
                    yield return name;
            }
            else if (name.EndsWith(".json", StringComparison.Ordinal) && name != NativeLayout.IndexFile)
            {
                legacy.Add(name);
            }
        }
    }

    public SessionStamp? StampOf(string id)
    {
        string dir = SessionDir(id);
        if (KimiLayout.IsWorkDirFolder(dir)) return null;
        if (Directory.Exists(dir)) return FolderStamp(StampFolder.ByPath(Root), id, includeMessages: true);
        var legacy = new FileInfo(dir + ".json");
        return legacy.Exists ? new SessionStamp(id, FileStamp.Of(legacy), null) : null;
    }

    private static SessionStamp FolderStamp(StampFolder root, string id, bool includeMessages) =>
        new(id, FileStat.Of(root, id, NativeLayout.MetadataFile),
            includeMessages ? FileStat.Of(root, id, NativeLayout.MessagesFile) : FileStamp.NotTaken);
}
