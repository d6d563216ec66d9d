using System.Security.Cryptography;
using System.Text;

namespace SessionBrowser.Core.Search;

/// <summary>
/// Where index databases live: <c>$XDG_CACHE_HOME/sessionbrowser/</c> (else <c>~/.cache/sessionbrowser/</c>),
/// one file per store named by its source and a hash of its full path — never inside the store.
/// </summary>
public static class IndexLocation
{
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "sessionbrowser");
    }

    public static string DatabasePath(string cacheDirectory, string source, string storeRoot)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(storeRoot));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..16];
        return Path.Combine(cacheDirectory, $"{source}-{hash}.db");
    }
}
