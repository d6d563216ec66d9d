using System.IO.Enumeration;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// Where Codex CLI keeps things under its home (AGENT-FORMATS.md, Codex): rollouts under
/// <c>sessions/YYYY/MM/DD/</c> and flat in <c>archived_sessions/</c>, the name index, the state
/// databases, shell snapshots and writer locks. Only these places are ever read or written.
/// </summary>
internal sealed class CodexHome(string root)
{
    public const string SessionsFolder = "sessions";
    public const string ArchivedFolder = "archived_sessions";
    public const string IndexFile = "session_index.jsonl";
    public const string StateDatabase = "state_5.sqlite";
    public const string HistoryDatabase = "thread_history_1.sqlite";
    public const string SnapshotsFolder = "shell_snapshots";
    public const string LocksFolder = "thread-writer-locks";

    private const string Prefix = "rollout-";
    private const int IdLength = 36;

    public string Root { get; } = root;
    public string Sessions => Path.Combine(Root, SessionsFolder);
    public string Archived => Path.Combine(Root, ArchivedFolder);
    public string Index => Path.Combine(Root, IndexFile);
    public string State => Path.Combine(Root, StateDatabase);
    public string History => Path.Combine(Root, HistoryDatabase);
    public string Snapshots => Path.Combine(Root, SnapshotsFolder);

    public string LockOf(string id) => Path.Combine(Root, LocksFolder, id + ".lock");

    /// <summary>
    /// A rollout file as found: its folder and name, the session id in its name, whether it is
    /// archived, its stamp when found. A class: lists and dictionaries of 10,000 then run the
    /// runtime's shared precompiled code instead of code compiled at start-up for this type. The
    /// path is put together when asked for: every command lists 10,000 rollouts and reads few.
    /// </summary>
    public sealed record Rollout(string Folder, string FileName, string Id, bool Archived, Storage.FileStamp Stamp)
    {
        public string Path => System.IO.Path.Join(Folder, FileName);

        public bool Compressed => FileName.EndsWith(".zst", StringComparison.Ordinal);
    }

    /// <summary>
    /// Every rollout: <c>sessions/YYYY/MM/DD/rollout-*.jsonl(.zst)</c> (exactly three folder levels,
    /// as Codex writes them), then <c>archived_sessions/rollout-*</c>. Links are not followed.
    /// </summary>
    public List<Rollout> Rollouts(CancellationToken cancellationToken = default)
    {
        var found = new List<Rollout>();
        foreach (string year in Folders(Sessions))
            foreach (string month in Folders(year))
                foreach (string day in Folders(month))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    AddFiles(day, archived: false, found);
                }
        AddFiles(Archived, archived: true, found);
        return found;
    }

    /// <summary>The id in a rollout's file name: the uuid before the extension; null when it is not a rollout name.</summary>
    public static string? IdOf(string fileName) => IdIn(fileName) is { Length: > 0 } id ? id.ToString() : null;

    /// <summary>As <see cref="IdOf"/> without making a string (asked of every file in a listing); empty when it is not a rollout name.</summary>
    private static ReadOnlySpan<char> IdIn(ReadOnlySpan<char> fileName)
    {
        if (!fileName.StartsWith(Prefix, StringComparison.Ordinal)) return [];
        var stem = fileName.EndsWith(".jsonl", StringComparison.Ordinal) ? fileName[..^".jsonl".Length]
            : fileName.EndsWith(".jsonl.zst", StringComparison.Ordinal) ? fileName[..^".jsonl.zst".Length]
            : [];
        if (stem.Length < Prefix.Length + IdLength) return [];
        var id = stem[^IdLength..];
        return Guid.TryParseExact(id, "D", out _) ? id : [];
    }

    /// <summary>Whether a path is inside a folder that holds this home's sessions or their belongings.</summary>
    public bool Owns(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        return new[] { Sessions, Archived, Snapshots }.Any(folder => full.StartsWith(folder + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    /// <summary>The shell snapshots Codex wrote for the session: <c>shell_snapshots/&lt;id&gt;.*</c>.</summary>
    public IReadOnlyList<string> SnapshotsOf(string id)
    {
        try
        {
            return [.. Directory.EnumerateFiles(Snapshots, id + ".*", new EnumerationOptions { AttributesToSkip = 0 }).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Ids that have a writer lock file now (only these are probed for liveness).</summary>
    public HashSet<string> LockedIds()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(Root, LocksFolder), "*.lock"))
                ids.Add(Path.GetFileNameWithoutExtension(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No lock folder: nothing is being written.
        }
        return ids;
    }

    private static void AddFiles(string folder, bool archived, List<Rollout> found)
    {
        if (!Directory.Exists(folder) || IsLink(folder)) return;
        // Stamped by name within the open folder: a warm list proves 10,000 rollouts unchanged by
        // these, and a stat of each whole path walked every folder from the root again.
        using var stamps = new Storage.StampFolder(folder);
        found.AddRange(new FileSystemEnumerable<Rollout>(folder,
            (ref FileSystemEntry entry) => new Rollout(folder, entry.FileName.ToString(), IdIn(entry.FileName).ToString(), archived, Storage.FileStat.Of(stamps, entry.FileName)),
            Storage.FileStamp.EveryEntry)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && IdIn(entry.FileName).Length > 0,
        });
    }

    private static IEnumerable<string> Folders(string parent)
    {
        if (!Directory.Exists(parent) || IsLink(parent)) return [];
        var folders = new FileSystemEnumerable<string?>(parent,
            (ref FileSystemEntry entry) => entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0 ? entry.ToFullPath() : null,
            Storage.FileStamp.EveryEntry);
        return folders.OfType<string>().Order(StringComparer.Ordinal).ToList();
    }

    private static bool IsLink(string path) => Storage.FileTree.IsLink(path);
}
