namespace SessionBrowser.Benchmarks;

/// <summary>
/// Issue 12's figures: Claude Code and Codex homes side by side (10,000 sessions each, about
/// 1 GB), listed, searched and opened in the browser as a user of those agents would.
/// </summary>
public static class AgentScenarios
{
    private static int PerAgent => 10_000 / BenchContext.Scale;
    private const int Turns = 8;
    private const string Phrase = "worker pool";

    public static IEnumerable<Scenario> Create() =>
    [
        new($"agents: list --json --limit 50, {PerAgent:N0} Claude + {PerAgent:N0} Codex (warm index)", "≤ 200 ms", context =>
        {
            var (homes, cache) = Warm(context);
            return () => context.RunApp(["list", "--json", "--limit", "50"], cache, environment: homes.Environment).ToSample();
        }, TimeLimit: TimeSpan.FromMilliseconds(200)),

        new($"agents: list --json --limit 50, {PerAgent:N0} Claude + {PerAgent:N0} Codex, first run (no index)", "(cold: reads every transcript once)", context =>
        {
            var homes = Homes(context);
            return () => context.RunApp(["list", "--json", "--limit", "50"], context.CacheDirectory("agents-list-cold", fresh: true),
                environment: homes.Environment).ToSample();
        }, Warmups: 0),

        new($"agents: search \"{Phrase}\", {PerAgent:N0} Claude + {PerAgent:N0} Codex (warm index)", "≤ 200 ms", context =>
        {
            var (homes, cache) = Warm(context);
            return () => context.RunApp(["search", Phrase, "--limit", "20"], cache, environment: homes.Environment).ToSample();
        }, TimeLimit: TimeSpan.FromMilliseconds(200)),

        new($"agents: full index from nothing, {PerAgent:N0} Claude + {PerAgent:N0} Codex (search's first run)", "(once per machine)", context =>
        {
            var homes = Homes(context);
            return () => context.RunApp(["search", Phrase, "--limit", "1"], context.CacheDirectory("agents-index-cold", fresh: true),
                environment: homes.Environment).ToSample();
        }, Warmups: 0, Runs: 1),

        new($"agents: browser first frame, {PerAgent:N0} Claude + {PerAgent:N0} Codex (warm index)", "≤ 300 ms", context =>
        {
            PtyRun.Python();
            var (homes, cache) = Warm(context);
            return () =>
            {
                var run = PtyRun.Run(context, [], cache, [BrowserProcessScenarios.Mark("first", BrowserProcessScenarios.Rows)],
                    TimeSpan.FromSeconds(60), homes.Environment);
                return run.ToSample(run.Mark("first"), null);
            };
        }, TimeLimit: TimeSpan.FromMilliseconds(300)),

        new($"agents: browser first frame, {PerAgent:N0} Claude + {PerAgent:N0} Codex, cold (no index)", "≤ 1 s, list filling in", context =>
        {
            PtyRun.Python();
            var homes = Homes(context);
            return () =>
            {
                var run = PtyRun.Run(context, [], context.CacheDirectory("agents-browser-cold", fresh: true),
                    [BrowserProcessScenarios.Mark("first", BrowserProcessScenarios.Rows),
                     BrowserProcessScenarios.Mark("complete", BrowserProcessScenarios.FullCount(2 * PerAgent))],
                    TimeSpan.FromSeconds(600), homes.Environment);
                return run.ToSample(run.Mark("first"), $"all {2 * PerAgent:N0} listed at {BrowserProcessScenarios.Ms(run.Mark("complete"))}");
            };
        }, TimeLimit: TimeSpan.FromSeconds(1), Warmups: 0, Runs: 3),
    ];

    private static AgentBenchHome Homes(BenchContext context) => context.AgentHomes(PerAgent, PerAgent, Turns);

    /// <summary>The homes and a cache whose index is complete (the program's own search brings it up to date).</summary>
    private static (AgentBenchHome Homes, string Cache) Warm(BenchContext context)
    {
        var homes = Homes(context);
        var cache = context.CacheDirectory("agents");
        var warm = context.RunApp(["search", Phrase, "--limit", "1"], cache, environment: homes.Environment);
        if (warm.ExitCode != 0) throw new InvalidOperationException($"warming the index failed: {warm.Error.Trim()}");
        return (homes, cache);
    }
}
