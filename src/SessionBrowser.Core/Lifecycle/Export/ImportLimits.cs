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

    /// <summary>manifest.json is read into memory: checked against this before a byte of it is read.</summary>
    public long MaxManifestBytes { get; init; } = 32L << 20;

    /// <summary>Uncompressed / compressed, checked for each entry and for the whole zip once either is above <see cref="RatioCheckAboveBytes"/>.</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Small files may compress very well (a run of spaces) and cannot bomb anything; many of them together can.</summary>
    public long RatioCheckAboveBytes { get; init; } = 1L << 20;
}
