using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// Where one Kimi CLI session lives: <c>sessions/&lt;hash&gt;/&lt;uuid&gt;/</c>, or the legacy
/// <c>sessions/&lt;hash&gt;/&lt;uuid&gt;.jsonl</c> (a context file only, which Kimi moves into a
/// folder the next time it lists that work dir). <see cref="Id"/> is the uuid, unless another
/// work dir holds a session with the same uuid (Kimi's <c>-r</c> with an unknown id makes one):
/// then the later one is <c>uuid.&lt;first 8 of its hash&gt;</c>, so neither is hidden.
/// </summary>
internal sealed record KimiSessionEntry(string Id, string Hash, string Path, bool Legacy)
{
    public string ContextPath => Legacy ? Path : System.IO.Path.Combine(Path, KimiLayout.ContextFile);
    public string? WirePath => Legacy ? null : System.IO.Path.Combine(Path, KimiLayout.WireFile);
    public string? StatePath => Legacy ? null : System.IO.Path.Combine(Path, KimiLayout.StateFile);

    /// <summary>The uuid Kimi CLI knows the session by.</summary>
    public string KimiId => Legacy ? System.IO.Path.GetFileNameWithoutExtension(Path) : System.IO.Path.GetFileName(Path);

    /// <summary>context, wire and state stamps: any change to any of them.</summary>
    public (FileStamp Context, FileStamp Wire, FileStamp State) Stamps() =>
        (FileStamp.Of(ContextPath), WirePath is null ? FileStamp.Missing : FileStamp.Of(WirePath),
         StatePath is null ? FileStamp.Missing : FileStamp.Of(StatePath));

    /// <summary>Every session of the share folder's sessions/, in a stable order (work dir folder, then name).</summary>
    public static List<KimiSessionEntry> All(string sessionsDir)
    {
        var entries = new List<KimiSessionEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string workDir in Folders(sessionsDir).Where(KimiLayout.IsWorkDirFolder))
        {
            string hash = System.IO.Path.GetFileName(workDir);
            var folders = Folders(workDir).Where(f => SessionIds.IsValid(System.IO.Path.GetFileName(f)) && IsSessionFolder(f)).ToList();
            var names = folders.Select(f => System.IO.Path.GetFileName(f)).ToHashSet(StringComparer.Ordinal);
            var legacy = Files(workDir, "*.jsonl")
                .Where(f => SessionIds.IsValid(System.IO.Path.GetFileNameWithoutExtension(f)) && !names.Contains(System.IO.Path.GetFileNameWithoutExtension(f)));
            foreach (var (path, isLegacy) in folders.Select(f => (f, false)).Concat(legacy.Select(f => (f, true))))
            {
                string uuid = isLegacy ? System.IO.Path.GetFileNameWithoutExtension(path) : System.IO.Path.GetFileName(path);
                string id = seen.Add(uuid) ? uuid : $"{uuid}.{hash[..8]}";
                entries.Add(new KimiSessionEntry(id, hash, path, isLegacy));
            }
        }
        return entries;
    }

    /// <summary>Kimi lists a folder with a context.jsonl; one with only a wire.jsonl is a session whose context went missing (shown damaged).</summary>
    private static bool IsSessionFolder(string folder) =>
        File.Exists(System.IO.Path.Combine(folder, KimiLayout.ContextFile)) || File.Exists(System.IO.Path.Combine(folder, KimiLayout.WireFile));

    private static IEnumerable<string> Folders(string folder)
    {
        try { return Directory.EnumerateDirectories(folder).Where(f => !FileTree.IsLink(f)).Order(StringComparer.Ordinal).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }

    private static IEnumerable<string> Files(string folder, string pattern)
    {
        try { return Directory.EnumerateFiles(folder, pattern).Where(f => !FileTree.IsLink(f)).Order(StringComparer.Ordinal).ToList(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
