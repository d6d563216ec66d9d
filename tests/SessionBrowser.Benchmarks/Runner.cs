using System.Diagnostics;
using System.Globalization;

namespace SessionBrowser.Benchmarks;

/// <summary>The figures of one scenario.</summary>
public sealed record Result(Scenario Scenario, IReadOnlyList<Sample> Samples, string? Skipped = null, string? Failed = null)
{
    public TimeSpan Median => Samples.Count == 0 ? TimeSpan.Zero : Samples.Select(s => s.Elapsed).Order().ElementAt(Samples.Count / 2);

    /// <summary>The note of the run whose time is the median (its other figures belong with it), else the last note.</summary>
    public string? MedianExtra =>
        Samples.OrderBy(s => s.Elapsed).ElementAtOrDefault(Samples.Count / 2).Extra ?? Samples.Select(s => s.Extra).LastOrDefault(e => e is not null);
    public TimeSpan Min => Samples.Min(s => s.Elapsed);
    public TimeSpan Max => Samples.Max(s => s.Elapsed);
    public long? Peak => Samples.Max(s => s.PeakBytes);

    public TimeSpan? MedianCpu =>
        Samples.Where(s => s.Cpu is not null).Select(s => s.Cpu!.Value).Order().ToList() is { Count: > 0 } cpu ? cpu[cpu.Count / 2] : null;

    public bool? Met => Skipped is not null || Failed is not null ? null
        : (Scenario.TimeLimit is not { } t || Median <= t)
          && (Scenario.PeakLimitBytes is not { } p || Peak is not { } peak || peak <= p)
          && (Scenario.MinRatio is not { } r || MedianRatio is not { } ratio || ratio >= r);

    public double? MedianRatio =>
        Samples.Where(s => s.Ratio is not null).Select(s => s.Ratio!.Value).Order().ToList() is { Count: > 0 } ratios ? ratios[ratios.Count / 2] : null;
}

/// <summary>Runs scenarios and prints the table (Markdown, so it can go into the README as it is).</summary>
public static class Runner
{
    public static Result Run(Scenario scenario, BenchContext context)
    {
        Console.Error.WriteLine($"▶ {scenario.Name}");
        Func<Sample> run;
        try
        {
            run = scenario.Prepare(context);
        }
        catch (SkipException skip)
        {
            Console.Error.WriteLine($"  skipped: {skip.Message}");
            return new Result(scenario, [], Skipped: skip.Message);
        }
        var samples = new List<Sample>();
        try
        {
            for (int i = 0; i < scenario.Warmups; i++) run();
            for (int i = 0; i < (scenario.Runs ?? context.Runs); i++)
            {
                var sample = run();
                samples.Add(sample);
                Console.Error.WriteLine($"  run {i + 1}: {Format(sample.Elapsed)}" + (sample.Cpu is { } cpu ? $", CPU {Format(cpu)}" : "")
                                        + (sample.PeakBytes is { } p ? $", peak {Megabytes(p)}" : "") + (sample.Extra is { } x ? $" ({x})" : ""));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or SkipException)
        {
            Console.Error.WriteLine($"  failed: {e.Message}");
            return new Result(scenario, samples, Failed: e.Message);
        }
        return new Result(scenario, samples);
    }

    public static void PrintTable(TextWriter output, IReadOnlyList<Result> results, BenchContext context)
    {
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores shared with other jobs while measured (load average {LoadAverage()}), " +
                         $"{Environment.OSVersion}, .NET {Environment.Version}; {context.Runs} runs per row unless said, median shown; " +
                         $"peak = whole-process peak resident memory.");
        output.WriteLine();
        output.WriteLine("| scenario | median | min – max | CPU (median) | peak memory | target | met |");
        output.WriteLine("|---|---:|---:|---:|---:|---|:-:|");
        foreach (var r in results)
        {
            if (r.Skipped is not null)
            {
                output.WriteLine($"| {r.Scenario.Name} | – | – | – | – | {r.Scenario.Target} | skipped: {r.Skipped} |");
                continue;
            }
            if (r.Failed is not null)
            {
                output.WriteLine($"| {r.Scenario.Name} | – | – | – | – | {r.Scenario.Target} | failed: {r.Failed.ReplaceLineEndings(" ")} |");
                continue;
            }
            var extra = r.MedianRatio is { } ratio
                ? $"{ratio.ToString("F0", CultureInfo.InvariantCulture)}× faster; " + r.MedianExtra
                : r.MedianExtra;
            output.WriteLine($"| {r.Scenario.Name} | {Format(r.Median)}{(extra is null ? "" : $" ({extra})")} | {Format(r.Min)} – {Format(r.Max)} | " +
                             $"{(r.MedianCpu is { } cpu ? Format(cpu) : "–")} | {(r.Peak is { } p ? Megabytes(p) : "–")} | {r.Scenario.Target} | {(r.Met == true ? "yes" : "no")} |");
        }
    }

    private static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
    }

    public static string Format(TimeSpan time) =>
        time.TotalSeconds >= 10 ? time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s"
        : time.TotalMilliseconds >= 1 ? time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms"
        : time.TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture) + " ms";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>The process's CPU time so far (user + system), for in-process samples.</summary>
    public static TimeSpan ProcessCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
