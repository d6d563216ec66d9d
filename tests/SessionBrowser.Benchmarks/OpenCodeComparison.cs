using SessionBrowser.Core.Stores.OpenCode;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// Our list of opencode sessions against <c>opencode session list --format json</c> on the same
/// database (1,000 sessions written by OpenCodeHomeGenerator, opencode 1.18's schema), both as whole
/// processes in the same run: ours from the search index after its first build, theirs as it
/// always runs. Skipped when <c>opencode</c> is not on PATH (<c>npm install -g opencode-ai</c>).
/// </summary>
public static class OpenCodeComparison
{
    private static int Sessions => 1_000 / BenchContext.Scale;

    public static IEnumerable<Scenario> Create() =>
    [
        new($"list {Sessions:N0} opencode sessions: ours vs opencode session list -n {Sessions}", "≥ 3× faster", context =>
        {
            var opencode = BenchContext.FindOnPath("opencode") ?? throw new SkipException("opencode is not on PATH (npm install -g opencode-ai)");
            var userHome = OpenCodeHome(context);
            var cache = context.CacheDirectory("opencode");
            string data = Path.Combine(userHome, ".local", "share");
            var ourEnvironment = new Dictionary<string, string> { [OpenCodeStore.DataHomeVariable] = data };
            var theirEnvironment = new Dictionary<string, string>
            {
                ["HOME"] = userHome, ["XDG_DATA_HOME"] = data, ["XDG_CONFIG_HOME"] = Path.Combine(userHome, ".config"),
                ["XDG_STATE_HOME"] = Path.Combine(userHome, ".state"), ["XDG_CACHE_HOME"] = Path.Combine(userHome, ".cache"),
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "",
            };
            // opencode's session list shows the project of the folder it runs in: a folder in no git repository is its "global" project, which holds them all.
            string folder = Path.Combine(userHome, "work");
            string listing = Path.Combine(context.WorkDirectory, "opencode-list.json");
            return () =>
            {
                var ours = context.RunApp(["--source", "opencode", "list", "--json"], cache, environment: ourEnvironment);
                // Into a file: opencode exits before a pipe is drained, so piped output stops at 64 KB.
                var theirs = BenchContext.RunOther(["sh", "-c", "exec \"$0\" session list --format json -n \"$1\" > \"$2\"", opencode,
                    BenchContext.Invariant(Sessions), listing], theirEnvironment, folder);
                if (theirs.ExitCode != 0) throw new InvalidOperationException($"opencode session list failed: {theirs.Error.Trim()}");
                int listed = File.ReadAllText(listing).Split("\"id\":", StringSplitOptions.None).Length - 1;
                if (listed != Sessions) throw new InvalidOperationException($"opencode listed {listed} sessions, not {Sessions}");
                double ratio = theirs.Elapsed / ours.Elapsed;
                return ours.ToSample($"opencode {Runner.Format(theirs.Elapsed)}, {(theirs.PeakBytes is { } p ? Runner.Megabytes(p) : "?")}") with { Ratio = ratio };
            };
        }, MinRatio: 3, Runs: 3),
    ];

    /// <summary>A user home whose opencode database holds the sessions (and their subagent children).</summary>
    private static string OpenCodeHome(BenchContext context)
    {
        var root = Path.Combine(context.WorkDirectory, $"opencode-{Sessions}");
        var userHome = Path.Combine(root, "home");
        var marker = Path.Combine(root, ".bench-complete");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            Console.Error.WriteLine($"  generating {Sessions:N0} opencode sessions in {root} …");
            OpenCodeHomeGenerator.Generate(userHome, new OpenCodeHomeGenerator.Options(Sessions, TurnsPerSession: 8, Seed: 1));
            File.WriteAllText(marker, "");
        }
        return userHome;
    }
}
