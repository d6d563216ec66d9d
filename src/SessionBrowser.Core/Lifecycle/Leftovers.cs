using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// What commands killed midway leave in a native store and its trash, for <c>doctor</c>: work
/// folders of imports and merges, backups of restores, trash work folders and entries (see
/// <see cref="SnapshotRestorer.CheckBackups"/> and <see cref="SessionTrash.Check"/>). Repair
/// removes only what holds nothing anyone needs; the rest is named with what to do.
/// </summary>
public static class Leftovers
{
    public static IReadOnlyList<StoreProblem> Check(NativeStore store, SessionTrash trash, bool repair)
    {
        var problems = new List<StoreProblem>();
        if (Directory.Exists(store.Root))
        {
            foreach (string folder in Directory.EnumerateDirectories(store.Root, ".*").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileName(folder);
                if (NewSessionFolder.Purposes.FirstOrDefault(purpose => WorkFolderName.IsLeftover(name, purpose)) is not { } purpose) continue;
                // The session it was building never appeared; what it came from (an archive, the merged sessions) is untouched.
                if (repair) FileTree.Remove(folder);
                problems.Add(new StoreProblem(null, $"left-over {name} folder of an interrupted {purpose}", repair));
            }
        }
        problems.AddRange(new SnapshotRestorer(store).CheckBackups(repair));
        problems.AddRange(trash.Check(repair));
        return problems;
    }
}
