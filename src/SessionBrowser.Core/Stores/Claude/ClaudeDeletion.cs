using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// What belongs to a Claude session on disk (AGENT-FORMATS.md): in its project folder the
/// transcript, the sidecar folder (subagents, titles) and superseded copies; in the config
/// folder its tasks, file history, shell environment, debug log and todo lists. Only those
/// places are the store's, and nothing reached through a link is.
/// </summary>
internal static class ClaudeDeletion
{
    /// <summary>Per-session folders at the top of the config folder, named by the session id.</summary>
    private static readonly string[] SessionFolders = ["tasks", "file-history", "session-env"];

    public static IReadOnlyList<string> FilesOf(string home, IEnumerable<ClaudeFile> copies)
    {
        var files = new List<string>();
        string id = "";
        foreach (var copy in copies)
        {
            id = copy.Id;
            files.Add(copy.Path);
            files.Add(Path.Combine(copy.ProjectFolder, id));
            files.AddRange(Matching(copy.ProjectFolder, id + ".superseded-*"));
        }
        foreach (string folder in SessionFolders) files.Add(Path.Combine(home, folder, id));
        files.Add(Path.Combine(home, "debug", id + ".txt"));
        files.AddRange(Matching(Path.Combine(home, "todos"), id + "-agent-*.json"));
        return [.. files.Distinct(StringComparer.Ordinal).Where(f => FileTree.Exists(f) && Owns(home, f))];
    }

    /// <summary>Whether the path is one of the places above for some session id, with no link on the way from the config folder.</summary>
    public static bool Owns(string home, string path)
    {
        string root = Path.GetFullPath(home);
        string relative = Path.GetRelativePath(root, Path.GetFullPath(path));
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)) return false;
        string[] parts = relative.Split(Path.DirectorySeparatorChar);
        bool shaped = parts switch
        {
            ["projects", var key, var name] => key.Length > 0 && key != ".." && StartsWithId(name, ["", ".jsonl", ".superseded-"]),
            [var folder, var name] when SessionFolders.Contains(folder) => ClaudeHome.IsSessionId(name),
            ["debug", var name] => name.EndsWith(".txt", StringComparison.Ordinal) && ClaudeHome.IsSessionId(name.AsSpan()[..^4]),
            ["todos", var name] => name.Length > 36 && ClaudeHome.IsSessionId(name.AsSpan(0, 36)) && name[36..].StartsWith("-agent-", StringComparison.Ordinal)
                && name.EndsWith(".json", StringComparison.Ordinal),
            _ => false,
        };
        return shaped && !ThroughLink(root, parts);
    }

    /// <summary>A name that is a session id followed by one of the suffixes ("" = the id alone).</summary>
    private static bool StartsWithId(string name, string[] suffixes)
    {
        if (name.Length < 36 || !ClaudeHome.IsSessionId(name.AsSpan(0, 36))) return false;
        string rest = name[36..];
        return suffixes.Any(suffix => suffix.Length == 0 ? rest.Length == 0
            : suffix.EndsWith('-') ? rest.StartsWith(suffix, StringComparison.Ordinal) && rest.Length > suffix.Length
            : rest == suffix);
    }

    /// <summary>Whether a folder between the config folder and the path is a link (the path itself may be one: it moves as a link).</summary>
    private static bool ThroughLink(string root, string[] parts)
    {
        string folder = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            folder = Path.Combine(folder, parts[i]);
            if (FileTree.IsLink(folder)) return true;
        }
        return false;
    }

    private static IEnumerable<string> Matching(string folder, string pattern)
    {
        try
        {
            return Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder, pattern).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
