using System.Diagnostics;
using System.Globalization;
using SessionBrowser.Core.Generation;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// What scenarios share: the number of runs, a work folder where generated stores are kept
/// between runs of the program (generating 10,000 sessions takes a while), and a way to run the
/// real program as a child process measuring its wall time and peak memory.
/// </summary>
public sealed class BenchContext
{
    public required int Runs { get; init; }

    /// <summary>1 for the real figures; 10 with --quick (a tenth of the data, to try the scenarios out).</summary>
    public static int Scale { get; set; } = 1;
    public required string WorkDirectory { get; init; }

    /// <summary>
    /// The program as users run it: published with Native AOT into <c>WORK/app</c> on first use (see
    /// <see cref="PublishedApp"/>); if that fails, the build copy beside this benchmark (apphost, else
    /// <c>dotnet sessionbrowser.dll</c>), which pays the JIT at every start.
    /// </summary>
    public string[] AppCommand => _appCommand ??= PublishedApp.Publish(WorkDirectory) ?? FindApp();

    private string[]? _appCommand;

    /// <summary>
    /// A native store made by the generator (<c>generate</c>'s code), made once and reused while
    /// the parameters match (a marker file records them and the large session's id).
    /// </summary>
    public GeneratedStore NativeStore(int sessions, int messages, int largeSession = 0, int seed = 1)
    {
        var dir = Path.Combine(WorkDirectory, $"native-{sessions}x{messages}-large{largeSession}-s{seed}");
        var marker = Path.Combine(dir, ".bench-complete");
        if (File.Exists(marker)) return new GeneratedStore(dir, NullIfEmpty(File.ReadAllText(marker)));
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Console.Error.WriteLine($"  generating {sessions:N0} sessions × {messages:N0} messages" +
                                (largeSession > 0 ? $" + one of {largeSession:N0}" : "") + $" in {dir} …");
        var clock = Stopwatch.StartNew();
        var result = StoreGenerator.Generate(dir, new GeneratorOptions
        {
            Sessions = sessions, Messages = messages, Seed = seed, LargeSessionMessages = largeSession,
        });
        File.WriteAllText(marker, result.LargeSessionId ?? "");
        Console.Error.WriteLine($"  generated {result.Messages:N0} messages ({result.Bytes / 1024 / 1024:N0} MB) in {clock.Elapsed.TotalSeconds:F0} s");
        return new GeneratedStore(dir, result.LargeSessionId);
    }

    /// <summary>
    /// A user's home with a Claude Code and a Codex home made by <c>generate --agent</c>'s generators
    /// (made once, kept while the parameters match), and the environment that points the program
    /// at them and nowhere else (HOME, an empty native store).
    /// </summary>
    public AgentBenchHome AgentHomes(int claude, int codex, int turns)
    {
        var dir = Path.Combine(WorkDirectory, $"agents-claude{claude}-codex{codex}-t{turns}");
        var marker = Path.Combine(dir, ".bench-complete");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
            Console.Error.WriteLine($"  generating {claude:N0} Claude + {codex:N0} Codex sessions in {dir} …");
            var clock = Stopwatch.StartNew();
            // A fixed "now" keeps the homes the same from run to run; retention warnings then vary with the date, which is fine.
            var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
            SessionBrowser.Core.Stores.Claude.ClaudeHomeGenerator.Generate(dir, new(claude, TurnsPerSession: turns, Now: now));
            SessionBrowser.Core.Stores.Codex.CodexHomeGenerator.Generate(dir, new(codex, TurnsPerSession: turns, Seed: 2, Now: now));
            Directory.CreateDirectory(Path.Combine(dir, "native"));
            File.WriteAllText(marker, "");
            Console.Error.WriteLine($"  generated {FolderBytes(dir) / 1024 / 1024:N0} MB in {clock.Elapsed.TotalSeconds:F0} s");
        }
        return new AgentBenchHome(dir, new Dictionary<string, string>
        {
            ["HOME"] = dir,
            ["CLAUDE_CONFIG_DIR"] = Path.Combine(dir, ".claude"),
            ["SESSION_BROWSER_CODEX_HOME"] = Path.Combine(dir, ".codex"),
            ["SESSION_BROWSER_STORE"] = Path.Combine(dir, "native"),
        });
    }

    private static long FolderBytes(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

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
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        ChildProcess.Run([.. AppCommand, .. arguments], AppEnvironment(cacheHome, environment), workingDirectory);

    /// <summary>
    /// What every run of the program gets: its cache folder, tiered PGO off (steadier timings), and
    /// unless the scenario gives one, an empty HOME, so the agents' sessions of whoever runs the
    /// benchmark (~/.claude, ~/.codex, opencode's database) never join a native store's rows.
    /// </summary>
    public static Dictionary<string, string> AppEnvironment(string cacheHome, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["XDG_CACHE_HOME"] = cacheHome,
            ["DOTNET_TieredPGO"] = "0",
        };
        if (!result.ContainsKey("HOME"))
        {
            result["HOME"] = Path.Combine(cacheHome, "empty-home");
            Directory.CreateDirectory(result["HOME"]);
        }
        return result;
    }

    /// <summary>This benchmark program itself in a child mode (<see cref="ChildModes"/>), measured like the app.</summary>
    public AppRun RunBenchmarkChild(IReadOnlyList<string> arguments)
    {
        var self = Environment.ProcessPath!;
        string[] command = Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? ["dotnet", typeof(BenchContext).Assembly.Location, ChildModes.Verb, .. arguments]
            : [self, ChildModes.Verb, .. arguments];
        // The child is this program, which runs without tiered compilation (see the csproj): in the
        // child that would compile every method fully before its first call (the 100,000-message
        // row: 225 ms with tiering, 339 ms without). The child measures the core as the JIT runs it.
        return ChildProcess.Run(command, new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "1" }, null);
    }

    /// <summary>Any other program (e.g. <c>gemini</c>), measured the same way.</summary>
    public static AppRun RunOther(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null) =>
        ChildProcess.Run(command, environment, workingDirectory);

    /// <summary>A program on PATH (gemini, opencode), or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] FindApp()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "sessionbrowser.exe" : "sessionbrowser");
        if (File.Exists(apphost)) return [apphost];
        return ["dotnet", Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll")];
    }
}

/// <summary>Generated agent homes under one user home, and the environment a run of the program gets.</summary>
public sealed record AgentBenchHome(string Home, IReadOnlyDictionary<string, string> Environment);

/// <summary>A generated store's folder and, when asked for, its large session's id.</summary>
public sealed record GeneratedStore(string Root, string? LargeSessionId);

/// <summary>How a child process went: exit code, wall time, peak resident memory (bytes, when known), output, CPU time (user + system).</summary>
public sealed record AppRun(int ExitCode, TimeSpan Elapsed, long? PeakBytes, string Output, string Error, TimeSpan? Cpu = null)
{
    public Sample ToSample(string? extra = null)
    {
        if (ExitCode != 0) throw new InvalidOperationException($"exit code {ExitCode}: {Error.Trim()}");
        return new Sample(Elapsed, PeakBytes, extra, Cpu: Cpu);
    }
}
