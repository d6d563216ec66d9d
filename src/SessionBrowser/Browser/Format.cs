using System.Globalization;
using Humanizer;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>How numbers, times and sizes read on screen.</summary>
public static class Format
{
    public static string Age(DateTimeOffset? time, DateTimeOffset now) =>
        time is { } t ? RelativeTime.Describe(t, now) : "unknown time";

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "unknown";

    public static string Tokens(long tokens) =>
        tokens < 1000 ? tokens.ToString(CultureInfo.InvariantCulture) : ((double)tokens).ToMetric(decimals: 1);

    public static string Cost(double dollars) => dollars.ToString("$0.00", CultureInfo.InvariantCulture);

    /// <summary>"1 msg", "100,000 msgs" (regular nouns only: Humanizer's Pluralize costs ~75 ms on its first call).</summary>
    public static string Count(int n, string what) => n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? what : what + "s");

    public static string Percent(double fraction) =>
        Math.Clamp(fraction, 0, 1).ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>A bar of <paramref name="width"/> cells filled to <paramref name="fraction"/>.</summary>
    public static string Bar(double fraction, int width)
    {
        int filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return new string('█', filled) + new string('░', width - filled);
    }

    /// <summary>Home folder shortened to "~".</summary>
    public static string Path(string? path, string? home = null)
    {
        if (string.IsNullOrEmpty(path)) return "";
        home ??= Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home) && home != "/" && (path == home || path.StartsWith(home + "/", StringComparison.Ordinal)))
            return "~" + path[home.Length..];
        return path;
    }

    public static string Facts(SessionSummary s) =>
        $"{Count(s.MessageCount, "msg")} · {Tokens(s.TotalTokens)} tok · {Cost(s.TotalCost)}";
}
