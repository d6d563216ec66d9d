using System.IO.Enumeration;
using System.Text.RegularExpressions;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>One transcript file: its session id (the file name, which Qwen resumes and deletes by), project folder, and whether it is archived.</summary>
internal sealed record QwenFile(string Id, string Path, string ProjectFolder, bool Archived);

/// <summary>
/// Where Qwen Code keeps sessions (packages/core Storage, SessionService):
/// <c>projects/&lt;cwd with [^A-Za-z0-9] → -&gt;/chats/&lt;id&gt;.jsonl</c>, archived ones in
/// <c>chats/archive/</c>, sidecars beside them, file-history backups in <c>file-history/&lt;id&gt;/</c>,
/// and groups and pins per project in <c>session-organization.v1.json</c>.
/// </summary>
internal static partial class QwenFiles
{
    public const string OrganizationFile = "session-organization.v1.json";
    public const string FileHistoryFolder = "file-history";
    public const string ProjectsFolder = "projects";

    /// <summary>The sidecars Qwen removes with a transcript (in the same chats folder).</summary>
    public static readonly string[] SidecarSuffixes = [".pr.json", ".worktree.json", ".ledger.jsonl"];

    /// <summary>Qwen's sanitizeCwd: every character outside [A-Za-z0-9] becomes '-'.</summary>
    public static string ProjectKey(string cwd) => NonAlphanumeric().Replace(cwd, "-");

    /// <summary>
    /// Every transcript under the home, active before archived (an id in both is Qwen's
    /// "conflict": the active one is the session), first project folder wins for an id.
    /// Only names matching Qwen's SESSION_FILE_PATTERN count; links are not followed out.
    /// </summary>
    public static IReadOnlyList<QwenFile> List(string home, CancellationToken cancellationToken = default)
    {
        var files = new List<QwenFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string project in Folders(Path.Combine(home, ProjectsFolder)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string chats = Path.Combine(project, "chats");
            foreach (bool archived in new[] { false, true })
            {
                string folder = archived ? Path.Combine(chats, "archive") : chats;
                foreach (string path in Transcripts(folder))
                {
                    string id = Path.GetFileNameWithoutExtension(path);
                    if (seen.Add(id)) files.Add(new QwenFile(id, path, project, archived));
                }
            }
        }
        return files;
    }

    /// <summary>The chats folder of a transcript's state: chats/ or chats/archive/.</summary>
    public static string ChatsFolder(string projectFolder, bool archived) =>
        archived ? Path.Combine(projectFolder, "chats", "archive") : Path.Combine(projectFolder, "chats");

    public static bool IsSessionFileName(string name) => SessionFilePattern().IsMatch(name);

    private static IEnumerable<string> Transcripts(string folder) =>
        Entries(folder, directories: false).Where(path => IsSessionFileName(Path.GetFileName(path)));

    private static IEnumerable<string> Folders(string folder) => Entries(folder, directories: true);

    /// <summary>
    /// Plain files or folders of a folder, sorted; links are left out (they could lead out of
    /// Qwen's folder), told from the directory entry itself, without a stat per file.
    /// </summary>
    private static List<string> Entries(string folder, bool directories)
    {
        try
        {
            var entries = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(),
                Storage.FileStamp.EveryEntry)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                    entry.IsDirectory == directories && (entry.Attributes & FileAttributes.ReparsePoint) == 0,
            };
            return [.. entries.Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex("^[0-9a-fA-F-]{32,36}\\.jsonl$")]
    private static partial Regex SessionFilePattern();

    [GeneratedRegex("[^a-zA-Z0-9]")]
    private static partial Regex NonAlphanumeric();
}
