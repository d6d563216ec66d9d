namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// Bounds an import checks before it writes anything, against zip bombs and junk. The sizes
/// are those the zip declares, and reading stops as soon as an entry gives more than it declared.
/// </summary>
public sealed record ImportLimits
{
    public static ImportLimits Default { get; } = new();

    public int MaxEntries { get; init; } = 100_000;
    public long MaxEntryBytes { get; init; } = 1L << 30;
    public long MaxTotalBytes { get; init; } = 4L << 30;

    /// <summary>Uncompressed / compressed, checked for entries above <see cref="RatioCheckAboveBytes"/>.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Small files may compress very well (a run of spaces) and cannot bomb anything.</summary>
    public long RatioCheckAboveBytes { get; init; } = 1L << 20;
}
