using System.Security.Cryptography;
using System.Text;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Where cache files (the search cache databases, the Gemini id cache) live: <c>$XDG_CACHE_HOME/sessionbrowser/</c> (else <c>~/.cache/sessionbrowser/</c>),
/// one file per store named by its source and a hash of its full path — never inside the store.
/// </summary>
public static class CacheLocation
{
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "sessionbrowser");
    }

    public static string DatabasePath(string cacheDirectory, string source, string storeRoot) =>
        CachePath(cacheDirectory, source, storeRoot, ".db");

    /// <summary>
    /// A cache file of one store: <c>&lt;source&gt;-&lt;hash of its full path&gt;&lt;extension&gt;</c>. The hash
    /// is FNV-1a, not SHA-256: loading the crypto library cost every command 10 ms.
    /// </summary>
    public static string CachePath(string cacheDirectory, string source, string storeRoot, string extension)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(storeRoot));
        ulong hash = 14695981039346656037;
        foreach (byte b in Encoding.UTF8.GetBytes(full)) hash = (hash ^ b) * 1099511628211;
        var path = Path.Combine(cacheDirectory, $"{source}-{hash:x16}{extension}");
        if (extension == ".db" && !File.Exists(path)) RemoveOlderName(cacheDirectory, source, full);
        return path;
    }

    // Until the hash changed, databases were named by SHA-256: half a gigabyte each for a large
    // store, left behind. Looked for once, when the new file does not exist yet.
    private static void RemoveOlderName(string cacheDirectory, string source, string fullRoot)
    {
        var older = Path.Combine(cacheDirectory, $"{source}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullRoot)))[..16]}.db");
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(older + suffix);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A cache: what cannot be removed now is harmless.
            }
        }
    }
}
