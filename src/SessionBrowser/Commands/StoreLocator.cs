using System.Security.Cryptography;
using System.Text;

namespace SessionBrowser.Commands;

/// <summary>Which native store a run uses, and whether it is the bundled demo.</summary>
public sealed record StoreChoice(string Root, bool IsDemo, bool WasGiven);

/// <summary>
/// Resolves <c>--store</c>: the option, else <c>$SESSION_BROWSER_STORE</c>, else
/// <c>~/.kimi/sessions</c>. When nothing was given, the default holds no sessions and no other
/// agent's sessions are on the machine, a copy of the bundled demo store is used, so a fresh
/// machine shows something real (and a user of Claude, say, sees only their own sessions); the
/// repository's copy is never written to.
/// </summary>
public static class StoreLocator
{
    public const string EnvironmentVariable = "SESSION_BROWSER_STORE";

    /// <param name="otherSources">Whether another source has a home on this machine (given the default native folder); asked only when the demo would be used.</param>
    public static StoreChoice Resolve(string? storeOption, CliHost host, Func<string, bool> otherSources)
    {
        // --store '' (an unset variable in a script, say) must not quietly open another store.
        if (storeOption is not null && string.IsNullOrWhiteSpace(storeOption))
            throw CliException.Usage("--store is empty; give the folder of a session store");
        string? given = storeOption ?? host.Environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
            return new StoreChoice(Path.GetFullPath(ExpandHome(given, host.HomeDirectory)), IsDemo: false, WasGiven: true);

        string standard = DefaultRoot(host);
        if (HoldsAnything(standard) || host.DemoStore is null || !Directory.Exists(host.DemoStore) || otherSources(standard))
            return new StoreChoice(standard, IsDemo: false, WasGiven: false);
        return new StoreChoice(PrepareDemoCopy(host.DemoStore, host.CacheDirectory), IsDemo: true, WasGiven: false);
    }

    public static string DefaultRoot(CliHost host) => Path.Combine(host.HomeDirectory, ".kimi", "sessions");

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home
        : path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal) ? Path.Combine(home, path[2..])
        : path;

    /// <summary>"Empty" means nothing a user made: no entries, or only an index.json.</summary>
    private static bool HoldsAnything(string root) =>
        Directory.Exists(root)
        && Directory.EnumerateFileSystemEntries(root).Any(entry => Path.GetFileName(entry) != "index.json");

    /// <summary>
    /// Copies the bundled demo into the cache once per demo version: a user's deletes and
    /// restores in the copy survive until the bundled demo itself changes.
    /// </summary>
    private static string PrepareDemoCopy(string bundle, string cacheDirectory)
    {
        string target = Path.Combine(cacheDirectory, "demo-store");
        string stampFile = Path.Combine(cacheDirectory, "demo-store.version");
        string fingerprint = Fingerprint(bundle);
        if (Directory.Exists(target) && File.Exists(stampFile) && File.ReadAllText(stampFile) == fingerprint)
            return target;

        Directory.CreateDirectory(cacheDirectory);
        // Copy beside the target, then swap it in, so a second run at the same moment never sees half a copy.
        string staging = Path.Combine(cacheDirectory, $"demo-store.{Environment.ProcessId}.tmp");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        CopyTree(bundle, staging);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true); // another run won the race; its copy is the same
        }
        File.WriteAllText(stampFile, fingerprint);
        return target;
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static string Fingerprint(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file).Replace('\\', '/') + "\n"));
            hash.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
