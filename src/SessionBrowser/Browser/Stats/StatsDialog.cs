namespace SessionBrowser.Browser;

/// <summary>Statistics screen (A); empty until the figures arrive.</summary>
public sealed record StatsDialog(StatsLoaded? Stats = null, string? Error = null) : Dialog;
