using SessionBrowser.Core.Generation;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// Writes a realistic opencode database for demos, tests and the benchmark: sessions spread over
/// several projects and the 60 days before <c>now</c>, reasoning, tool calls with sizeable output,
/// several models, some archived, subagent child sessions under some of them. Deterministic for a seed.
/// </summary>
public static class OpenCodeHomeGenerator
{
    private static readonly string[] Tools = ["read", "edit", "bash", "grep", "glob", "write"];
    private static readonly string[] Models = ["claude-sonnet-4-5", "gpt-5", "qwen3-coder", "kimi-k2"];

    public sealed record Options(int Sessions = 100, int Projects = 8, int TurnsPerSession = 6, int Seed = 1, DateTimeOffset? Now = null);

    /// <summary>
    /// Writes &lt;userHome&gt;/.local/share/opencode/opencode.db and the project folders under
    /// &lt;userHome&gt;/work; returns the XDG data folder (&lt;userHome&gt;/.local/share).
    /// </summary>
    public static string Generate(string userHome, Options options)
    {
        var random = new Random(options.Seed);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        string data = Path.Combine(userHome, ".local", "share");
        var writer = new OpenCodeHomeWriter(Path.Combine(data, "opencode"));
        writer.Create();
        var projects = AgentHomes.Projects(userHome, options.Projects);
        for (int s = 0; s < options.Sessions; s++)
            WriteSession(writer, projects[random.Next(projects.Count)], random, now, options.TurnsPerSession, s);
        return data;
    }

    private static void WriteSession(OpenCodeHomeWriter writer, string project, Random random, DateTimeOffset now, int turns, int index)
    {
        var start = now.AddMinutes(-random.Next(10, 60 * 24 * 60));
        string id = writer.NewId("ses", start);
        string ask = AgentHomes.Asks[random.Next(AgentHomes.Asks.Count)] + $" (#{index})";
        string title = index % 6 == 0 ? "New session - " + start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : ask;
        var session = writer.Begin(project, id, start, title, Models[random.Next(Models.Length)]).User(ask);
        int count = Math.Max(1, turns / 2 + random.Next(turns + 1));
        for (int t = 0; t < count; t++)
        {
            string tool = Tools[random.Next(Tools.Length)];
            session.Assistant($"Working on step {t} with `{tool}`.", random.Next(1000, 60_000), random.Next(20, 900), Math.Round(random.NextDouble() / 20, 4),
                reasoning: $"Step {t}: look at the {tool} output before changing anything.",
                call: (tool, new JsonObject { ["filePath"] = $"{project}/src/file{t}.ts" }, AgentHomes.Output(random, t)),
                after: TimeSpan.FromSeconds(random.Next(5, 120)));
            session.User(t % 2 == 0 ? "Continue" : "Looks good, go on", TimeSpan.FromSeconds(random.Next(5, 600)));
        }
        session.Assistant("All done: the change is in place and the tests pass.", 5000, 120, 0.01);
        if (index % 10 == 3) session.Archived(session.Time.AddDays(1));
        session.Write();
        if (index % 7 == 0)
        {
            writer.Begin(project, writer.NewId("ses", start), start.AddMinutes(1), $"Survey the tests (@general subagent)")
                .ChildOf(id).User("Survey the tests").Assistant("The tests live in test/ and use vitest.", 2000, 80, 0.004).Write();
        }
    }
}
