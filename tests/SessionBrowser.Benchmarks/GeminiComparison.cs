using SessionBrowser.Core.Stores.Gemini;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// Our list against <c>gemini --list-sessions</c> on the same 1,000 sessions written in Gemini's
/// format, both as whole processes in the same run. Skipped when <c>gemini</c> is not on PATH
/// (<c>npm install -g @google/gemini-cli@0.61.0</c>).
/// </summary>
public static class GeminiComparison
{
    private static int Sessions => 1_000 / BenchContext.Scale;

    public static IEnumerable<Scenario> Create() =>
    [
        new($"list {Sessions:N0} Gemini sessions: ours vs gemini --list-sessions", "≥ 20× faster", context =>
        {
            var gemini = BenchContext.FindOnPath("gemini") ?? throw new SkipException("gemini is not on PATH (npm install -g @google/gemini-cli@0.61.0)");
            var (userHome, project) = GeminiHome(context);
            var cache = context.CacheDirectory("gemini");
            var ourEnvironment = new Dictionary<string, string> { [GeminiStore.HomeVariable] = Path.Combine(userHome, ".gemini") };
            var theirEnvironment = new Dictionary<string, string>
            {
                ["HOME"] = userHome, ["GEMINI_API_KEY"] = "benchmark", ["NO_COLOR"] = "1",
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "",
            };
            return () =>
            {
                var ours = context.RunApp(["--source", "gemini", "--project", project, "list", "--json"], cache, environment: ourEnvironment);
                var theirs = BenchContext.RunOther([gemini, "--list-sessions"], theirEnvironment, project);
                if (theirs.ExitCode != 0) throw new InvalidOperationException($"gemini --list-sessions failed: {theirs.Error.Trim()}");
                if (!theirs.Output.Contains("Available sessions", StringComparison.Ordinal))
                    throw new InvalidOperationException("gemini listed nothing: " + theirs.Output.Split((char)10)[0]);
                double ratio = theirs.Elapsed / ours.Elapsed;
                return ours.ToSample($"gemini {Runner.Format(theirs.Elapsed)}, {(theirs.PeakBytes is { } p ? Runner.Megabytes(p) : "?")}") with { Ratio = ratio };
            };
        }, MinRatio: 20, Runs: 3),
    ];

    /// <summary>A user home with ~/.gemini holding one project of 1,000 sessions; Gemini's retention off so it deletes nothing.</summary>
    private static (string UserHome, string Project) GeminiHome(BenchContext context)
    {
        var root = Path.Combine(context.WorkDirectory, $"gemini-{Sessions}");
        var userHome = Path.Combine(root, "home");
        var marker = Path.Combine(root, ".bench-complete");
        if (!File.Exists(marker))
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            Console.Error.WriteLine($"  generating {Sessions:N0} Gemini sessions in {root} …");
            var projects = GeminiStoreGenerator.Generate(Path.Combine(userHome, ".gemini"), Path.Combine(root, "work"),
                new GeminiStoreGenerator.Options(Projects: 1, SessionsPerProject: Sessions, MessagesPerSession: 12, Seed: 1));
            File.WriteAllText(Path.Combine(userHome, ".gemini", "settings.json"), "{\"general\": {\"sessionRetention\": {\"enabled\": false}}}");
            File.WriteAllText(marker, projects[0]);
        }
        return (userHome, File.ReadAllText(marker));
    }
}
