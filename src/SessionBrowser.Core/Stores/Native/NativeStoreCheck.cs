using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>One finding of <c>doctor</c>: which session (or null for the store), what is wrong, whether it was fixed.</summary>
public sealed record StoreProblem(string? SessionId, string Problem, bool Repaired);

/// <summary>What <see cref="NativeStore.Check"/> found and did.</summary>
public sealed record StoreCheckReport(
    int Sessions,
    int DamagedSessions,
    IReadOnlyList<StoreProblem> Problems)
{
    public bool Healthy => Problems.All(p => p.Repaired);
}

/// <summary>
/// The store's health check: damaged sessions (reported, never touched), index.json out of step
/// with the folders (rebuilt on repair), temporary files left by an interrupted atomic write
/// (removed on repair) and torn last lines in messages.jsonl (reported; they are skipped on read).
/// </summary>
internal static class NativeStoreCheck
{
    // Links (a symlinked artifacts/ folder, say) are neither followed nor matched: a repair must
    // never delete anything outside the session. Hidden names are wanted (".x.tmp"), so only links are skipped.
    private static readonly EnumerationOptions InsideOnly = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
    };

    public static StoreCheckReport Run(NativeStore store, bool repair, CancellationToken cancellationToken)
    {
        var problems = new List<StoreProblem>();
        var sessions = store.List(cancellationToken);
        var whole = sessions.Where(s => s.Damaged is null && s.Metadata is not null && Directory.Exists(s.Path)).ToList();

        foreach (var damaged in sessions.Where(s => s.Damaged is not null).OrderBy(s => s.Id, StringComparer.Ordinal))
            problems.Add(new StoreProblem(damaged.Id, damaged.Damaged!, false));

        foreach (var session in whole.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (string file in Directory.EnumerateFiles(session.Path, "*", InsideOnly))
            {
                string relative = Path.GetRelativePath(session.Path, file);
                if (FileStat.IsSpecial(file))
                {
                    // Reads skip it (it would block them); only a person knows why it is there.
                    problems.Add(new StoreProblem(session.Id, $"{relative} is not a regular file (a FIFO, socket or device); remove it by hand", false));
                }
                else if (Path.GetFileName(file) is var name && name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    if (repair) File.Delete(file);
                    problems.Add(new StoreProblem(session.Id, $"left-over temporary file {name}", repair));
                }
            }
            int damagedLines = store.ReadMessages(session.Id, cancellationToken).Count(r => r.Damage is not null);
            if (damagedLines > 0)
                problems.Add(new StoreProblem(session.Id, $"{damagedLines} unreadable line(s) in messages.jsonl (skipped when reading)", false));
        }

        foreach (string temp in store.Index.LeftoverTemps(repair))
            problems.Add(new StoreProblem(null, $"left-over temporary file {temp} of an interrupted index.json write", repair));

        // No native session and no index.json: nothing to index, and nothing to write. This is
        // the case of a Kimi CLI sessions folder (the native store's default): doctor leaves it as it is.
        if (sessions.Count == 0 && !File.Exists(store.Index.Path))
            return new StoreCheckReport(0, 0, problems);

        string? indexProblem = store.Index.Problem();
        var indexed = new HashSet<string>(store.Index.Ids(), StringComparer.Ordinal);
        var existing = whole.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var notIndexed = existing.Where(id => !indexed.Contains(id)).Order(StringComparer.Ordinal).ToList();
        var stale = indexed.Where(id => !existing.Contains(id) && !Directory.Exists(store.SessionDir(id))).Order(StringComparer.Ordinal).ToList();
        bool needsRebuild = indexProblem is not null || notIndexed.Count > 0 || stale.Count > 0;
        if (needsRebuild && repair)
            store.Index.Rebuild(whole.Select(s => s.Metadata!).ToList());
        if (indexProblem is not null) problems.Add(new StoreProblem(null, indexProblem, repair));
        foreach (string id in notIndexed) problems.Add(new StoreProblem(id, "missing from index.json", repair));
        foreach (string id in stale) problems.Add(new StoreProblem(id, "listed in index.json but its folder is gone", repair));

        return new StoreCheckReport(sessions.Count, sessions.Count(s => s.Damaged is not null), problems);
    }
}
