namespace SessionBrowser.Benchmarks;

/// <summary>
/// Issue 16 item 5: how the costs grow with the store. The 10,000-session rows are the main
/// table's; these are the same rows at 1,000 and 100,000 sessions (× 100 messages; the largest
/// store is ~3.5 GB, 10 M messages, generated once into the work folder and kept). The full
/// index comes first, so the rows after it find its cache warm.
/// </summary>
public static class ScaleScenarios
{
    private static int Small => 1_000 / BenchContext.Scale;
    private static int Large => 100_000 / BenchContext.Scale;

    public static IEnumerable<Scenario> Create() =>
    [
        .. Rows(Small, null, null, null, null),
        .. Rows(Large, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400), 300L * 1024 * 1024),
    ];

    private static IEnumerable<Scenario> Rows(int sessions, TimeSpan? list, TimeSpan? search, TimeSpan? firstFrame, long? browserPeak) =>
        new[]
        {
            SearchScenarios.FullIndex(sessions, null),
            SearchScenarios.WarmList(sessions, list),
            // One cold run of the largest: each reads 100,000 metadata files.
            SearchScenarios.ColdList(sessions, null, runs: sessions > 10_000 ? 1 : 3),
            SearchScenarios.WarmSearch(sessions, search),
            BrowserProcessScenarios.FirstFrame(sessions, firstFrame ?? TimeSpan.FromMilliseconds(250)),
            BrowserProcessScenarios.PeakMemory(sessions, browserPeak ?? 250L * 1024 * 1024),
        }.Select(row => row with { Name = "scale: " + row.Name });
}
