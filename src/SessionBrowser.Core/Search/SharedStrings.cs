namespace SessionBrowser.Core.Search;

/// <summary>
/// One instance of each short, often repeated value read from the index (a source, a status, a
/// model, a work dir, a tag): 100,000 rows name a few dozen work dirs and models, and a string of
/// each per row was a tenth of the browser's memory. Bounded, so a store of unique values cannot
/// make it grow without end; past the bound a value is simply not shared. Thread-safe.
/// </summary>
internal static class SharedStrings
{
    // Enough for every work dir, model and tag of a large store; a few hundred KB at most.
    private const int MaxEntries = 4096;

    // Longer values (titles, paths) are nearly always unique: not worth a lookup.
    private const int MaxLength = 256;

    private static readonly Dictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>The shared instance equal to <paramref name="value"/> (or the value itself when it is not shared).</summary>
    public static string Of(string value)
    {
        if (value.Length > MaxLength) return value;
        lock (Gate)
        {
            if (Pool.TryGetValue(value, out var shared)) return shared;
            if (Pool.Count < MaxEntries) Pool[value] = value;
            return value;
        }
    }

    /// <summary><see cref="Of(string)"/> for an optional value.</summary>
    public static string? OfNullable(string? value) => value is null ? null : Of(value);

    /// <summary>
    /// <paramref name="value"/>, or <paramref name="same"/> when the two are equal: the metadata
    /// repeats the summary's fields, and one instance serves both.
    /// </summary>
    public static string? Reuse(string? value, string? same) => value is not null && value == same ? same : value;
}
