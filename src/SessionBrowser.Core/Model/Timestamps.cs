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
            if (TryUtcIso(text, out var utc)) return utc;
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone)
                ? withZone : null;
        }
        if (DateTime.TryParseExact(text, NaiveFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var naive))
            return new DateTimeOffset(naive);
        return null;
    }

    /// <summary>
    /// <see cref="Parse(string?)"/> on UTF-8 text, for the indexer's hot path: the form Python
    /// writes (<c>2025-01-15T10:30:00</c>, then up to seven fraction digits) is read digit by
    /// digit without a string; any other text goes through <see cref="Parse(string?)"/>.
    /// </summary>
    public static DateTimeOffset? ParseUtf8(ReadOnlySpan<byte> text)
    {
        if (TryNaiveIso(text, out var naive)) return new DateTimeOffset(naive);
        return Parse(System.Text.Encoding.UTF8.GetString(text));
    }

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c>, up to seven fraction digits, then <c>Z</c> (what Claude Code and
    /// Codex write on every line: a first list parses 400,000 of them): read digit by digit, the
    /// value DateTimeOffset.TryParse gives it; false for any other text, which that parse then reads.
    /// </summary>
    private static bool TryUtcIso(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length is < 20 or > 28 || text[^1] != 'Z') return false;
        Span<byte> ascii = stackalloc byte[28];
        for (int i = 0; i < text.Length - 1; i++)
        {
            if (text[i] > 0x7F) return false;
            ascii[i] = (byte)text[i];
        }
        if (!TryNaiveIso(ascii[..(text.Length - 1)], out var naive)) return false;
        time = new DateTimeOffset(DateTime.SpecifyKind(naive, DateTimeKind.Unspecified), TimeSpan.Zero);
        return true;
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ss</c> with an optional <c>.f</c> to <c>.fffffff</c>, as local time (what TryParseExact with AssumeLocal makes of it).</summary>
    private static bool TryNaiveIso(ReadOnlySpan<byte> t, out DateTime time)
    {
        time = default;
        if (t.Length < 19 || t.Length == 20 || t.Length > 27) return false;
        if (t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return false;
        if (!Digits(t[..4], out int year) || !Digits(t.Slice(5, 2), out int month) || !Digits(t.Slice(8, 2), out int day)
            || !Digits(t.Slice(11, 2), out int hour) || !Digits(t.Slice(14, 2), out int minute) || !Digits(t.Slice(17, 2), out int second))
            return false;
        long fraction = 0;
        if (t.Length > 19)
        {
            if (t[19] != '.' || !Digits(t[20..], out int digits)) return false;
            fraction = digits;
            for (int n = t.Length - 20; n < 7; n++) fraction *= 10;
        }
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Local).AddTicks(fraction);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
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
