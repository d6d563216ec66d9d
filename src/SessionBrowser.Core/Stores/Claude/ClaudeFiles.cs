using System.IO.Enumeration;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// One transcript as found: its session id (the file name), its project folder and its stamp
/// when found. A class, not a struct: the lists and dictionaries of 10,000 of them then use the
/// runtime's shared precompiled code instead of being compiled at start-up for this type. The
/// path is put together when asked for: every command lists 10,000 transcripts and reads few.
/// </summary>
internal sealed record ClaudeFile(string Id, string ProjectFolder, FileStamp Stamp)
{
    public string Path => System.IO.Path.Join(ProjectFolder, Id + Extension);

    public const string Extension = ".jsonl";
}

/// <summary>Finding transcripts: projects/&lt;key&gt;/&lt;uuid&gt;.jsonl, top level only (subagents live deeper), links not followed out.</summary>
internal static class ClaudeFiles
{
    public static string ProjectsFolder(string home) => Path.Combine(home, "projects");

    /// <summary>
    /// Every transcript under projects/, each stamped by its name within the open project folder
    /// (a warm list proves 10,000 transcripts unchanged by these stamps; a stat of each whole path
    /// walked every folder from the root again and was a quarter of a warm search's CPU);
    /// a folder that cannot be listed is left out, never an error.
    /// </summary>
    public static List<ClaudeFile> All(string home)
    {
        var files = new List<ClaudeFile>();
        foreach (string folder in Folders(home))
        {
            try
            {
                using var stamps = new StampFolder(folder);
                var found = new FileSystemEnumerable<ClaudeFile>(folder, (ref FileSystemEntry entry) =>
                        new ClaudeFile(entry.FileName[..^Extension.Length].ToString(), folder, FileStat.Of(stamps, entry.FileName)),
                    FileStamp.EveryEntry)
                {
                    ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && IsTranscriptName(entry.FileName),
                };
                files.AddRange(found);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A project folder we may not read holds nothing we can show.
            }
        }
        return files;
    }

    /// <summary>The transcripts of one id: one stat per project folder, no listing of files.</summary>
    public static List<ClaudeFile> Of(string home, string id)
    {
        if (!ClaudeHome.IsSessionId(id)) return [];
        return [.. Folders(home)
            .Select(folder => (Folder: folder, Path: Path.Combine(folder, id + ".jsonl")))
            .Where(file => File.Exists(file.Path))
            .Select(file => new ClaudeFile(id, file.Folder, FileStamp.Of(file.Path)))];
    }

    private const string Extension = ClaudeFile.Extension;

    /// <summary>&lt;uuid&gt;.jsonl: anything else in a project folder is not a session. Asked of every file: no string made.</summary>
    private static bool IsTranscriptName(ReadOnlySpan<char> name) =>
        name.EndsWith(Extension, StringComparison.Ordinal) && ClaudeHome.IsSessionId(name[..^Extension.Length]);

    /// <summary>The project folders; a project folder that is a link is not entered (it may lead anywhere).</summary>
    private static IEnumerable<string> Folders(string home)
    {
        try
        {
            return new DirectoryInfo(ProjectsFolder(home)).EnumerateDirectories()
                .Where(d => d.LinkTarget is null)
                .Select(d => d.FullName)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
