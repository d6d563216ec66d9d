using SessionBrowser.Core.Generation;
namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// Writes a realistic Codex home for demos, tests and the benchmark: rollouts by date over the 60
/// days before <c>now</c> in several projects, both event styles (0.63's user_message and 0.171's
/// item_completed), reasoning, shell and patch tool calls with sizeable outputs, token counts,
/// some renamed in session_index.jsonl, some archived (a few zstd-compressed), some `exec`
/// sessions, shell snapshots, and state_5.sqlite / thread_history_1.sqlite rows for each.
/// Deterministic for a seed.
/// </summary>
public static class CodexHomeGenerator
{
    private static readonly string[] Asks =
    [
        "Make the retry loop in the HTTP client back off exponentially",
        "Explain why the integration test is flaky",
        "Port the CLI argument parsing to clap 4",
        "给日志模块加上按天轮转",
        "Speed up the JSON parser 🚀 without unsafe code",
        "Add pagination to the /sessions endpoint",
        "Rename the config keys to snake_case and keep the old ones working",
        "なぜこのクエリは遅いのですか",
    ];

    private static readonly string[] Models = ["gpt-5-codex", "gpt-5.1-codex-max", "o4-mini"];

    public sealed record Options(int Sessions = 100, int Projects = 8, int TurnsPerSession = 6, int Seed = 1, DateTimeOffset? Now = null);

    /// <summary>Writes &lt;userHome&gt;/.codex and the project folders under &lt;userHome&gt;/work; returns the .codex folder.</summary>
    public static string Generate(string userHome, Options options)
    {
        var random = new Random(options.Seed);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var writer = new CodexHomeWriter(Path.Combine(userHome, ".codex"));
        var projects = AgentHomes.Projects(userHome, options.Projects);
        for (int s = 0; s < options.Sessions; s++)
            WriteSession(writer, projects[random.Next(projects.Count)], random, now, options.TurnsPerSession, s);
        writer.WriteDatabases();
        return writer.Home;
    }

    private static void WriteSession(CodexHomeWriter writer, string project, Random random, DateTimeOffset now, int turns, int index)
    {
        var start = now.AddMinutes(-random.Next(10, 60 * 24 * 60));
        string id = AgentHomes.Uuid(random, version: 7);
        bool archived = index % 11 == 5;
        var rollout = writer.Session(id, start, project,
            style: index % 2 == 0 ? CodexEventStyle.Items : CodexEventStyle.Legacy,
            archived: archived, compressed: archived && index % 3 == 0,
            source: index % 13 == 7 ? "exec" : "cli",
            model: Models[random.Next(Models.Length)],
            branch: index % 3 == 0 ? "main" : $"feature/{index % 17}");
        var time = start;
        string ask = Asks[random.Next(Asks.Length)] + $" (#{index})";
        rollout.At(time = time.AddSeconds(5)).User(ask);
        int count = Math.Max(1, turns / 2 + random.Next(turns + 1));
        for (int t = 0; t < count; t++)
        {
            rollout.At(time = time.AddSeconds(random.Next(5, 90)))
                .Reasoning($"**Planning step {t}**\n\nRead the failing code before editing it.")
                .Shell($"rg -n \"step{t}\" src", Output(random, t), exitCode: random.Next(12) == 0 ? 1 : 0)
                .Assistant($"Step {t}: changed `src/module{t}.rs` and ran the tests.")
                .TokenCount(random.Next(2_000, 40_000), random.Next(50, 2_000));
            if (t % 3 == 1)
                rollout.CustomTool("apply_patch", $"*** Begin Patch\n*** Update File: src/module{t}.rs\n@@\n-old line {t}\n+new line {t}\n*** End Patch", "Done!");
            if (t < count - 1) rollout.At(time = time.AddSeconds(random.Next(20, 600))).User(t % 2 == 0 ? "continue" : "Looks right, keep going");
        }
        writer.Save(rollout);
        if (index % 4 == 1) writer.Name(id, $"Codex session {index}: {Asks[index % Asks.Length]}", time.AddMinutes(1));
        if (index % 5 == 0) writer.ShellSnapshot(id, start);
    }

    /// <summary>Command output of realistic size: a few lines to a few hundred.</summary>
    private static string Output(Random random, int step)
    {
        int lines = random.Next(10) == 0 ? random.Next(100, 400) : random.Next(2, 30);
        return string.Join('\n', Enumerable.Range(1, lines).Select(i => $"src/module{step}.rs:{i}: let value_{i} = {random.Next(100_000)};"));
    }
}
