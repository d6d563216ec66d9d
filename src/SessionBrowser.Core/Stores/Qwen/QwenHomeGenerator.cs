using SessionBrowser.Core.Generation;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// Writes a realistic Qwen Code home for demos, tests and the benchmark: sessions spread over
/// several projects and the 60 days before <c>now</c>, tool calls with their results, token
/// usage, custom titles on some, archived ones. Deterministic for a seed.
/// </summary>
public static class QwenHomeGenerator
{
    private static readonly string[] Tools = ["read_file", "edit", "run_shell_command", "grep_search", "glob", "write_file"];
    private static readonly string[] Models = ["qwen3-coder-plus", "qwen3-coder-flash", "qwen3-max"];

    public sealed record Options(int Sessions = 100, int Projects = 8, int TurnsPerSession = 6, int Seed = 1, DateTimeOffset? Now = null);

    /// <summary>Writes &lt;userHome&gt;/.qwen and the project folders under &lt;userHome&gt;/work; returns the .qwen folder.</summary>
    public static string Generate(string userHome, Options options)
    {
        var random = new Random(options.Seed);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var writer = new QwenHomeWriter(Path.Combine(userHome, ".qwen"));
        var projects = AgentHomes.Projects(userHome, options.Projects);
        Directory.CreateDirectory(Path.Combine(writer.Home, QwenFiles.ProjectsFolder));
        for (int s = 0; s < options.Sessions; s++)
            WriteSession(writer, projects[random.Next(projects.Count)], random, now, options.TurnsPerSession, s);
        return writer.Home;
    }

    private static void WriteSession(QwenHomeWriter writer, string project, Random random, DateTimeOffset now, int turns, int index)
    {
        var start = now.AddMinutes(-random.Next(10, 60 * 24 * 60));
        var session = writer.Begin(project, AgentHomes.Uuid(random), start, Models[random.Next(Models.Length)]);
        session.User(AgentHomes.Asks[random.Next(AgentHomes.Asks.Count)] + $" (#{index})");
        int count = Math.Max(1, turns / 2 + random.Next(turns + 1));
        for (int t = 0; t < count; t++)
        {
            string tool = Tools[random.Next(Tools.Length)];
            session.Assistant($"Working on step {t} with `{tool}`.", random.Next(1000, 60_000), random.Next(20, 900),
                (tool, new JsonObject { ["absolute_path"] = $"{project}/src/file{t}.py" }), TimeSpan.FromSeconds(random.Next(5, 120)));
            session.ToolResult(tool, AgentHomes.Output(random, t));
            session.User(t % 2 == 0 ? "Continue" : "Looks good, go on", TimeSpan.FromSeconds(random.Next(5, 600)));
        }
        session.Assistant("All done: the change is in place and the tests pass.", 5000, 120);
        if (index % 5 == 2) session.Title($"Named session {index}");
        string path = session.Write(archived: index % 10 == 3);
        File.SetLastWriteTimeUtc(path, session.Time.UtcDateTime);
    }
}
