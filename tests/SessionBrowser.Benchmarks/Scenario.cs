namespace SessionBrowser.Benchmarks;

/// <summary>
/// One row of the benchmark table. <see cref="Prepare"/> does the untimed set-up (generate a
/// store, warm an index) and returns one timed run; the runner calls that run
/// <see cref="Runs"/> (default <see cref="BenchContext.Runs"/>) times (after <see cref="Warmups"/> untimed ones) and reports
/// the median time and the highest peak memory. A scenario that cannot run here (no
/// <c>gemini</c> on PATH, say) throws <see cref="SkipException"/> from Prepare with the reason.
/// <para>
/// To add scenarios: a static class with <c>public static IEnumerable&lt;Scenario&gt; Create()</c>
/// in its own file, and one line in <see cref="ScenarioRegistry"/>.
/// </para>
/// </summary>
public sealed record Scenario(
    string Name,
    string Target,
    Func<BenchContext, Func<Sample>> Prepare,
    TimeSpan? TimeLimit = null,
    long? PeakLimitBytes = null,
    int Warmups = 1,
    int? Runs = null,
    double? MinRatio = null);

/// <summary>
/// What one run measured. <see cref="PeakBytes"/>: the whole process's peak resident memory
/// when the run was a child process (<see cref="BenchContext.RunApp"/>); null for in-process timings.
/// <see cref="Extra"/>: an additional figure for the table. <see cref="Ratio"/>: how many times
/// faster than a reference program in the same run (checked against <see cref="Scenario.MinRatio"/>).
/// <see cref="Cpu"/>: CPU time used (user + system), for in-process runs the process's CPU time during the run.
/// </summary>
public readonly record struct Sample(TimeSpan Elapsed, long? PeakBytes = null, string? Extra = null, double? Ratio = null, TimeSpan? Cpu = null);

/// <summary>Thrown by a scenario's Prepare when it cannot run on this machine; the table says why.</summary>
public sealed class SkipException(string reason) : Exception(reason);
