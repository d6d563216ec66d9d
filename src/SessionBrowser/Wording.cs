using System.Globalization;

namespace SessionBrowser;

/// <summary>
/// Counts and sizes in words, one way everywhere: "1 session", "2,048 messages", "0 bytes",
/// "1.5 KB". Written out rather than Humanizer's (its first Pluralize call costs ~75 ms).
/// </summary>
public static class Wording
{
    /// <summary>"1 session", "3 sessions", "2 entries" (give <paramref name="plural"/> for irregular nouns).</summary>
    public static string Count(long n, string noun, string? plural = null) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : plural ?? noun + "s");

    /// <summary>"0 bytes", "1 byte", "980 bytes", "1.5 KB", "2 GB".</summary>
    public static string Bytes(long bytes)
    {
        if (Math.Abs(bytes) < 1024) return Count(bytes, "byte");
        string[] units = ["KB", "MB", "GB", "TB"];
        double value = bytes / 1024.0;
        int unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
