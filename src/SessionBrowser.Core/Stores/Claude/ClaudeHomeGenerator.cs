using SessionBrowser.Core.Generation;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// Writes a realistic Claude Code home for demos, tests and the benchmark: sessions spread over
/// several projects and the 60 days before <c>now</c> (so cleanupPeriodDays has something to
/// say), responses split over lines, thinking, tool calls with sizeable results, compactions,
/// sidechain lines, subagent transcripts, titles of every kind. Deterministic for a seed.
/// </summary>
public static class ClaudeHomeGenerator
{
    private static readonly string[] Tools = ["Read", "Edit", "Bash", "Grep", "Glob", "Write"];
    private static readonly string[] Models = ["claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001"];

    public sealed record Options(int Sessions = 100, int Projects = 8, int TurnsPerSession = 6, int Seed = 1, DateTimeOffset? Now = null);

    /// <summary>Writes &lt;userHome&gt;/.claude and the project folders under &lt;userHome&gt;/work; returns the .claude folder.</summary>
    public static string Generate(string userHome, Options options)
    {
        var random = new Random(options.Seed);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var writer = new ClaudeHomeWriter(Path.Combine(userHome, ".claude"));
        var projects = AgentHomes.Projects(userHome, options.Projects);
        for (int s = 0; s < options.Sessions; s++)
            WriteSession(writer, projects[random.Next(projects.Count)], random, now, options.TurnsPerSession, s);
        return writer.Home;
    }

    private static void WriteSession(ClaudeHomeWriter writer, string project, Random random, DateTimeOffset now, int turns, int index)
    {
        var start = now.AddMinutes(-random.Next(10, 60 * 24 * 60));
        string id = AgentHomes.Uuid(random);
        string model = Models[random.Next(Models.Length)];
        var session = writer.Session(project, id, start, index % 3 == 0 ? "main" : $"feature/{index % 17}");
        string ask = AgentHomes.Asks[random.Next(AgentHomes.Asks.Count)] + $" (#{index})";
        session.User(ask);
        int count = Math.Max(1, turns / 2 + random.Next(turns + 1));
        for (int t = 0; t < count; t++)
        {
            string tool = Tools[random.Next(Tools.Length)];
            string toolId = $"toolu_{index}_{t}";
            var usage = new Usage(random.Next(5, 3000), random.Next(0, 2000), random.Next(1000, 60_000), random.Next(20, 900));
            // A response streamed as thinking, text and a tool call: three lines, one message id.
            session.Assistant(model, usage,
                ClaudeSessionWriter.Thinking($"Step {t}: look at the {tool} output before changing anything."),
                ClaudeSessionWriter.Text($"Working on step {t} with `{tool}`."),
                ClaudeSessionWriter.ToolUse(toolId, tool, new JsonObject { ["file_path"] = $"{project}/src/file{t}.cs" }));
            session.ToolResult(toolId, AgentHomes.Output(random, t), isError: random.Next(10) == 0);
            if (t == count / 2 && index % 5 == 0) session.Compact($"The user asked for step {t}; files read so far: file0..file{t}.", 150_000 + t);
            if (index % 7 == 0 && t == 0) session.Sidechain("Subagent: survey the tests").Subagent($"a{index}", "survey the tests");
            session.User(t % 2 == 0 ? "Continue" : "Looks good, go on");
        }
        session.Assistant(model, new Usage(10, 0, 5000, 120), ClaudeSessionWriter.Text("All done: the change is in place and the tests pass."));
        if (index % 4 == 1) session.Metadata("ai-title", "aiTitle", $"Session {index}: {AgentHomes.Asks[index % AgentHomes.Asks.Count]}");
        if (index % 9 == 2) session.Metadata("custom-title", "customTitle", $"Named session {index}");
        session.Metadata("last-prompt", "lastPrompt", ask);
        session.Flush();
        File.SetLastWriteTimeUtc(session.Path, session.Clock.UtcDateTime);
    }
}
