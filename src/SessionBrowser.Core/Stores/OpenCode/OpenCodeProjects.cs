using Microsoft.Data.Sqlite;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// opencode's own rule for which sessions belong to a folder: a git repository is one project
/// (its id is the repository's first commit), so <c>opencode session list</c> run anywhere inside
/// the repository, or in another worktree of it, lists every session of the repository, whichever
/// subfolder each was started in. A folder outside git falls in opencode's one "global" project;
/// there opencode lists the sessions of every such folder, and we list only that folder's (a
/// project filter that shows the notes folder's sessions beside everything else would filter nothing).
/// </summary>
internal static class OpenCodeProjects
{
    /// <summary>The git project holding <paramref name="dir"/> (normalized), or null when none does.</summary>
    public static string? ProjectOf(SqliteConnection connection, string dir)
    {
        var folders = SelfAndAncestors(dir).ToHashSet(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        // A project's main worktree, and each of its other worktrees ("sandboxes", a JSON array).
        command.CommandText = """
            SELECT id, worktree FROM project WHERE id <> 'global'
            UNION ALL
            SELECT p.id, s.value FROM project p, json_each(iif(json_valid(p.sandboxes), p.sandboxes, '[]')) s
            WHERE p.id <> 'global' AND s.type = 'text'
            """;
        using var reader = command.ExecuteReader();
        (string Id, int Depth)? best = null;
        while (reader.Read())
        {
            if (reader.IsDBNull(1) || reader.GetString(1) is not { Length: > 0 } worktree) continue;
            string folder = ProjectFolder.NormalizeDir(worktree);
            // The innermost repository wins (a repository nested in another).
            if (folders.Contains(folder) && (best is null || folder.Length > best.Value.Depth))
                best = (reader.GetString(0), folder.Length);
        }
        return best?.Id;
    }

    /// <summary>The ids of the sessions of <paramref name="projectId"/>.</summary>
    public static HashSet<string> SessionsOf(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM session WHERE project_id = $project";
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static IEnumerable<string> SelfAndAncestors(string dir)
    {
        for (string? folder = dir; !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            yield return folder;
    }
}
