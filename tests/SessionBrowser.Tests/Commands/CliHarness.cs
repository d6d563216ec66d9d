using SessionBrowser.Commands;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Tests.Commands;

/// <summary>What one in-process run of the command line printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs <see cref="Cli.Run"/> in-process against a private temporary home, cache and store,
/// so no test ever reads or writes the real ~/.kimi or ~/.cache.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public CliHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "cli-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Store);
    }

    public string Folder { get; }
    public string Home => Path.Combine(Folder, "home");
    public string Cache => Path.Combine(Folder, "cache");

    /// <summary>The store tests fill; passed as --store unless a test says otherwise.</summary>
    public string Store => Path.Combine(Folder, "store");

    /// <summary>Where the bundled demo is looked for (absent unless a test creates it).</summary>
    public string DemoBundle => Path.Combine(Folder, "demo-bundle");

    public Dictionary<string, string> Environment { get; } = [];

    /// <summary>Runs with --store pointing at <see cref="Store"/>, with no terminal.</summary>
    public CliResult Run(params string[] args) => RunRaw(["--store", Store, .. args]);

    /// <summary>Runs as on a terminal where the user types <paramref name="input"/>.</summary>
    public CliResult RunInteractive(string input, params string[] args) =>
        RunRaw(["--store", Store, .. args], input, interactive: true);

    /// <summary>Runs exactly these arguments (no --store added); <paramref name="cacheDirectory"/>: another than <see cref="Cache"/> (a child program's).</summary>
    public CliResult RunRaw(string[] args, string input = "", bool interactive = false, int? width = null, string? cacheDirectory = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var host = new CliHost
        {
            Input = new StringReader(input),
            IsInteractive = interactive,
            Width = width,
            Clock = new ManualClock(Now),
            Environment = name => Environment.GetValueOrDefault(name),
            HomeDirectory = Home,
            CacheDirectory = cacheDirectory ?? Cache,
            DemoStore = DemoBundle,
        };
        int code = Cli.Run(args, stdout, stderr, host);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
