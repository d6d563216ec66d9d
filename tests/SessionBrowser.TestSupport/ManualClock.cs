namespace SessionBrowser.TestSupport;

/// <summary>
/// The one clock the tests move by hand (ages like "3 hours ago", retention, trash times), so no
/// test waits for real time to pass. Local time is UTC: formatted times read the same on every machine.
/// </summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public void Advance(TimeSpan by) => Now += by;
    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
