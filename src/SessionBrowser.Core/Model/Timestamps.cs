using System.Globalization;

namespace SessionBrowser.Core.Model;

/// <summary>
/// Python <c>datetime.isoformat()</c> timestamps: naive local time
/// <c>2025-01-15T10:30:00.123456</c> (no fraction when zero), plus offsets and <c>Z</c>.
/// </summary>
public static class Timestamps
{
    private static readonly string[] NaiveFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>Parses any of the accepted forms; null for null, empty or junk (never throws).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        bool hasZone = text.EndsWith('Z') || HasOffset(text);
        if (hasZone)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone)
                ? withZone : null;
        }
        if (DateTime.TryParseExact(text, NaiveFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var naive))
            return new DateTimeOffset(naive);
        return null;
    }

    /// <summary>Formats like Python's <c>datetime.now().isoformat()</c>: naive local time.</summary>
    public static string Format(DateTimeOffset time) => FormatNaive(time.ToLocalTime().DateTime);

    /// <summary>
    /// Python's <c>isoformat()</c> of a naive datetime, taken as it is (no time-zone conversion):
    /// what a generator with a fixed clock needs to write the same bytes on every machine.
    /// Sub-microsecond ticks are dropped, as Python has none.
    /// </summary>
    public static string FormatNaive(DateTime time) =>
        time.Ticks % TimeSpan.TicksPerSecond / 10 == 0
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string Now(TimeProvider? clock = null) => Format((clock ?? TimeProvider.System).GetLocalNow());

    private static bool HasOffset(string text)
    {
        // "+05:30" / "-08:00" after the time part (a '-' in the date part does not count).
        int t = text.IndexOf('T');
        if (t < 0) t = text.IndexOf(' ');
        if (t < 0) return false;
        int sign = text.LastIndexOfAny(['+', '-']);
        return sign > t;
    }
}
