namespace SessionBrowser.Core.Stores.Claude;

/// <summary>One transcript as found: its session id (the file name), its path and its project folder.</summary>
internal readonly record struct ClaudeFile(string Id, string Path, string ProjectFolder);

/// <summary>Finding transcripts: projects/&lt;key&gt;/&lt;uuid&gt;.jsonl, top level only (subagents live deeper), links not followed out.</summary>
internal static class ClaudeFiles
{
    public static string ProjectsFolder(string home) => Path.Combine(home, "projects");

    /// <summary>Every transcript under projects/; a folder that cannot be listed is left out, never an error.</summary>
    public static List<ClaudeFile> All(string home)
    {
        var files = new List<ClaudeFile>();
        foreach (string folder in Folders(home))
        {
            try
            {
                foreach (string path in Directory.EnumerateFiles(folder, "*.jsonl"))
                {
                    string id = Path.GetFileNameWithoutExtension(path);
                    if (ClaudeHome.IsSessionId(id)) files.Add(new ClaudeFile(id, path, folder));
                }
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
            .Select(folder => new ClaudeFile(id, Path.Combine(folder, id + ".jsonl"), folder))
            .Where(file => File.Exists(file.Path))];
    }

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
