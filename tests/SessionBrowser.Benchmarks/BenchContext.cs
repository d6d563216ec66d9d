using System.Diagnostics;
using System.Globalization;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// What scenarios share: the number of runs, a work folder where generated stores are kept
/// between runs of the program (generating 10,000 sessions takes a while), and a way to run the
/// real program as a child process measuring its wall time and peak memory.
/// </summary>
public sealed class BenchContext
{
    public required int Runs { get; init; }
    public required string WorkDirectory { get; init; }

    /// <summary>The built program (apphost beside this benchmark, else <c>dotnet sessionbrowser.dll</c>).</summary>
    public string[] AppCommand { get; } = FindApp();

    /// <summary>
    /// A native store made by the program's <c>generate</c> command, made once and reused while
    /// the parameters match (a marker file records them).
    /// </summary>
    public string NativeStore(int sessions, int messages, int seed = 1)
    {
        var dir = Path.Combine(WorkDirectory, $"native-{sessions}x{messages}-s{seed}");
        var marker = Path.Combine(dir, ".bench-complete");
        if (File.Exists(marker)) return dir;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Console.Error.WriteLine($"generating {sessions:N0} sessions × {messages:N0} messages in {dir} …");
        var clock = Stopwatch.StartNew();
        var result = RunApp(["generate", "--out", dir, "--sessions", Invariant(sessions), "--messages", Invariant(messages), "--seed", Invariant(seed)],
            CacheDirectory("generate"), captureOutput: true);
        if (result.ExitCode != 0) throw new SkipException($"generate failed: {result.Error.Trim()}");
        File.WriteAllText(marker, "");
        Console.Error.WriteLine($"  done in {clock.Elapsed.TotalSeconds:F0} s");
        return dir;
    }

    /// <summary>A cache folder (the program's XDG_CACHE_HOME) for one scenario; <paramref name="fresh"/> empties it first.</summary>
    public string CacheDirectory(string name, bool fresh = false)
    {
        var dir = Path.Combine(WorkDirectory, "cache-" + name);
        if (fresh && Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs the program once with the given arguments and XDG_CACHE_HOME; wall time and peak RSS.</summary>
    public AppRun RunApp(IReadOnlyList<string> arguments, string cacheHome, bool captureOutput = false,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["XDG_CACHE_HOME"] = cacheHome,
            ["DOTNET_TieredPGO"] = "0",
        };
        return ChildProcess.Run([.. AppCommand, .. arguments], env, workingDirectory);
    }

    /// <summary>Any other program (e.g. <c>gemini</c>), measured the same way.</summary>
    public static AppRun RunOther(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null) =>
        ChildProcess.Run(command, environment, workingDirectory);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] FindApp()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sessionbrowser.exe" : "sessionbrowser");
        if (File.Exists(apphost)) return [apphost];
        return ["dotnet", Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll")];
    }
}

/// <summary>How a child process went: exit code, wall time, peak resident memory (bytes, when known), output.</summary>
public sealed record AppRun(int ExitCode, TimeSpan Elapsed, long? PeakBytes, string Output, string Error)
{
    public Sample ToSample(string? extra = null)
    {
        if (ExitCode != 0) throw new InvalidOperationException($"exit code {ExitCode}: {Error.Trim()}");
        return new Sample(Elapsed, PeakBytes, extra);
    }
}
