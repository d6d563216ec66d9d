using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// Issue 5's browser figures as a user gets them: the published program started in a
/// pseudo-terminal (120x40, by pty_run.py), timed from the spawn to the first frame that shows
/// session rows, then quit with q; peak memory is the whole process's (its ru_maxrss).
/// SESSIONBROWSER_BENCH_TRACE=1 prints each frame's time and first and last line on stderr.
/// </summary>
public static class BrowserProcessScenarios
{
    private static int Sessions => 10_000 / BenchContext.Scale;
    private const int Scrolls = 300;

    // What the screen shows (see App.View): the header names the program at once; a session row's
    // second line is "completed · 67 msgs · 166.7k tok …"; the search line counts "N sessions match"
    // ("the best 200 of more sessions that match" when more messages match than are ranked);
    // the interrupted-session prompt (the generated store has some) has a "Don't ask again" box.
    internal const string Window = "SessionBrowser";
    internal const string Rows = @"\d+ msgs? · ";
    private const string SearchResults = @"(\d[\d,.]*|more) sessions? (that )?match";
    private const string Prompt = "Don't ask again";

    public static IEnumerable<Scenario> Create() =>
    [
        FirstFrame(Sessions, TimeSpan.FromMilliseconds(250)),

        new($"browser first frame, {Sessions:N0} sessions, cold first run (no index)", "≤ 1 s", context =>
        {
            PtyRun.Python();
            var store = context.NativeStore(Sessions, 100).Root;
            return () =>
            {
                // A new cache folder each time: nothing indexed, nothing to copy.
                var run = PtyRun.Run(context, ["--store", store], context.CacheDirectory("browser-cold", fresh: true),
                    [Mark("window", Window), Mark("first", Rows), Mark("complete", FullCount(Sessions))], TimeSpan.FromSeconds(180));
                return run.ToSample(run.Mark("first"), $"window drawn at {Ms(run.Mark("window"))}, all {Sessions:N0} listed at {Ms(run.Mark("complete"))}");
            };
        }, TimeLimit: TimeSpan.FromSeconds(1), Warmups: 0, Runs: 3),

        PeakMemory(Sessions, 250L * 1024 * 1024),
    ];

    internal static Scenario FirstFrame(int sessions, TimeSpan limit) =>
        new($"browser first frame, {sessions:N0} sessions (whole process, warm index)", $"≤ {Runner.Format(limit)}", context =>
        {
            PtyRun.Python();
            var (store, cache) = WarmStore(context, sessions);
            return () =>
            {
                var run = PtyRun.Run(context, ["--store", store], cache, [Mark("window", Window), Mark("first", Rows)], TimeSpan.FromSeconds(60));
                return run.ToSample(run.Mark("first"), $"window drawn at {Ms(run.Mark("window"))}");
            };
        }, TimeLimit: limit);

    internal static Scenario PeakMemory(int sessions, long limitBytes) =>
        new($"browser on {sessions:N0} sessions, peak memory (open, search 'worker pool', scroll, quit)", $"≤ {Runner.Megabytes(limitBytes)}", context =>
        {
            PtyRun.Python();
            var (store, cache) = WarmStore(context, sessions);
            object[] steps =
            [
                Mark("first", Rows),
                // The prompt about interrupted sessions comes up by itself soon after the list and takes keys: close it.
                new { wait = Prompt, timeout = 10, optional = true, then = new object[] { new { send = "\e" }, new { gone = Prompt } } },
                new { send = "/" },
                new { frame = true },
                new { send = "worker pool", mark = "typed" },
                Mark("results", SearchResults),
                new { send = "\e" },                    // Esc clears the search: the whole list again
                new { gone = SearchResults },
                new { repeat = Scrolls, steps = new object[] { new { send = "j" }, new { sleep = 0.01 } } },
                new { quiet = 0.5 },
                new { send = "G" },
                new { quiet = 0.5 },
            ];
            return () =>
            {
                var run = PtyRun.Run(context, ["--store", store], cache, steps, TimeSpan.FromSeconds(120));
                return run.ToSample(run.Exit, $"results {Ms(run.Mark("results") - run.Mark("typed"))} after typing; {Scrolls} × j, G");
            };
        }, PeakLimitBytes: limitBytes, Warmups: 0, Runs: 3);

    /// <summary>The generated store and a cache whose index is complete (the program's own search brings it up to date).</summary>
    private static (string Store, string Cache) WarmStore(BenchContext context, int sessions)
    {
        var store = context.NativeStore(sessions, 100).Root;
        var cache = context.CacheDirectory(SearchScenarios.Cache("browser", sessions));
        Console.Error.WriteLine($"  bringing the index in {cache} up to date (the program's search; a minute the first time) …");
        var warm = context.RunApp(["--store", store, "search", "tokenizer", "--limit", "1"], cache);
        if (warm.ExitCode != 0) throw new InvalidOperationException($"warming the index failed: {warm.Error.Trim()}");
        return (store, cache);
    }

    internal static object Mark(string name, string pattern) => new { wait = pattern, mark = name };

    /// <summary>The header's count of every session ("10,000 sessions"), not "1,000 of 10,000 sessions" of a filter.</summary>
    internal static string FullCount(int sessions)
    {
        var digits = sessions.ToString(CultureInfo.InvariantCulture);
        var groups = new List<string>();
        for (int end = digits.Length; end > 0; end -= 3) groups.Insert(0, digits[Math.Max(0, end - 3)..end]);
        return @"(?<!of )(?<![\d,.])" + string.Join(@"[,.\s\u00a0\u202f']?", groups) + " sessions";
    }

    internal static string Ms(TimeSpan time) => Runner.Format(time);
}

/// <summary>One run of the program in a pseudo-terminal by pty_run.py (python3), and what it measured.</summary>
internal sealed record PtyRun(IReadOnlyDictionary<string, TimeSpan> Marks, TimeSpan Exit, int Status, long PeakBytes, TimeSpan Cpu, int Frames)
{
    private const string Script = "pty_run.py";

    public TimeSpan Mark(string name) =>
        Marks.TryGetValue(name, out var time) ? time : throw new InvalidOperationException($"pty_run.py gave no time for '{name}'");

    public Sample ToSample(TimeSpan elapsed, string? extra) => new(elapsed, PeakBytes, extra, Cpu: Cpu);

    /// <summary>
    /// Starts the program (<see cref="BenchContext.AppCommand"/>, <see cref="BenchContext.AppEnvironment"/>)
    /// with <paramref name="arguments"/> and plays <paramref name="steps"/> (see pty_run.py); fails
    /// when a step times out or the program does not end with exit code 0 after q.
    /// </summary>
    public static PtyRun Run(BenchContext context, IReadOnlyList<string> arguments, string cacheHome, object[] steps, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var python = Python();
        var script = Path.Combine(AppContext.BaseDirectory, Script);
        var spec = new
        {
            command = (string[])[.. context.AppCommand, .. arguments],
            env = BenchContext.AppEnvironment(cacheHome, environment),
            cols = 120,
            rows = 40,
            timeout = timeout.TotalSeconds,
            steps,
            trace = Environment.GetEnvironmentVariable("SESSIONBROWSER_BENCH_TRACE") == "1",
        };
        var specFile = Path.GetTempFileName();
        try
        {
            File.WriteAllText(specFile, JsonSerializer.Serialize(spec));
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(specFile);
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout + TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{Script} did not finish");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"{Script} failed (exit code {process.ExitCode}; its error is above)");
            return Parse(output.Result);
        }
        finally
        {
            File.Delete(specFile);
        }
    }

    private static PtyRun Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException) { throw new InvalidOperationException($"{Script} printed no result: {json.Trim()}"); }
        using var _ = doc;
        var root = doc.RootElement;
        if (root.GetProperty("error").GetString() is { } error)
        {
            Console.Error.WriteLine(error);   // with the screen as it was
            throw new InvalidOperationException(error.Split("; the screen was:")[0]);
        }
        int status = root.GetProperty("status").GetInt32();
        if (status != 0) throw new InvalidOperationException($"the program ended with {(status < 0 ? $"signal {-status}" : $"exit code {status}")} (not quit by q)");
        var marks = root.GetProperty("marks").EnumerateObject().ToDictionary(p => p.Name, p => TimeSpan.FromSeconds(p.Value.GetDouble()));
        return new PtyRun(marks, TimeSpan.FromSeconds(root.GetProperty("exit").GetDouble()), status,
            root.GetProperty("peak_kib").GetInt64() * 1024, TimeSpan.FromSeconds(root.GetProperty("cpu").GetDouble()),
            root.GetProperty("frames").GetInt32());
    }

    /// <summary>python3, for a scenario's Prepare: throws <see cref="SkipException"/> where the runs cannot work.</summary>
    public static string Python()
    {
        if (OperatingSystem.IsWindows()) throw new SkipException("needs a Unix pseudo-terminal");
        if (!File.Exists(Path.Combine(AppContext.BaseDirectory, Script))) throw new SkipException($"{Script} is missing beside the benchmark");
        return FindOnPath("python3") ?? throw new SkipException("needs python3 (for the pseudo-terminal)");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name))
        .FirstOrDefault(File.Exists);
}
