using System.Text;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// Writes a realistic Kimi CLI share folder for demos, tests and the benchmark, as Kimi CLI lays
/// it out (AGENT-FORMATS.md): <c>kimi.json</c> naming the work dirs, and per session
/// <c>sessions/&lt;md5 of the work dir&gt;/&lt;uuid&gt;/</c> with <c>context.jsonl</c> (prompts,
/// think and text, tool calls and results, usage), <c>wire.jsonl</c> (timestamps, turns, token
/// usage) and <c>state.json</c> (custom titles on some, archived ones), written with Python's
/// json.dumps separators. Sessions spread over several projects and the 60 days before
/// <c>now</c>. Deterministic for a seed.
/// </summary>
public static class KimiHomeGenerator
{
    private static readonly string[] Tools = ["Shell", "ReadFile", "WriteFile", "Grep", "Glob", "StrReplaceFile"];

    public sealed record Options(int Sessions = 100, int Projects = 8, int TurnsPerSession = 6, int Seed = 1, DateTimeOffset? Now = null);

    /// <summary>Writes &lt;userHome&gt;/.kimi and the project folders under &lt;userHome&gt;/work; returns the .kimi folder.</summary>
    public static string Generate(string userHome, Options options)
    {
        var random = new Random(options.Seed);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        string share = Path.Combine(userHome, ".kimi");
        var projects = AgentHomes.Projects(userHome, options.Projects);
        var lastSession = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int s = 0; s < options.Sessions; s++)
        {
            string project = projects[random.Next(projects.Count)];
            lastSession[project] = WriteSession(share, project, random, now, options.TurnsPerSession, s);
        }
        var workDirs = new JsonArray();
        foreach (string project in projects)
            workDirs.Add((JsonNode?)new JsonObject { ["path"] = project, ["kaos"] = "local", ["last_session_id"] = lastSession.GetValueOrDefault(project) });
        Directory.CreateDirectory(share);
        File.WriteAllText(Path.Combine(share, KimiLayout.MetadataFile), PythonJson.SerializeIndented(new JsonObject { ["work_dirs"] = workDirs }));
        return share;
    }

    private static string WriteSession(string share, string project, Random random, DateTimeOffset now, int turns, int index)
    {
        string id = AgentHomes.Uuid(random);
        string folder = Path.Combine(share, KimiLayout.SessionsFolder, KimiLayout.HashOf(project), id);
        Directory.CreateDirectory(folder);
        var time = now.AddMinutes(-random.Next(10, 60 * 24 * 60));
        var context = new List<JsonObject>
        {
            new() { ["role"] = "_system_prompt", ["content"] = "You are Kimi Code CLI..." },
            new() { ["role"] = "_checkpoint", ["id"] = 0 },
        };
        var wire = new List<JsonObject> { new() { ["type"] = "metadata", ["protocol_version"] = "1.10" } };
        void Event(string type, JsonObject payload)
        {
            time = time.AddSeconds(random.Next(1, 30));
            wire.Add(new JsonObject { ["timestamp"] = time.ToUnixTimeMilliseconds() / 1000.0, ["message"] = new JsonObject { ["type"] = type, ["payload"] = payload } });
        }

        string ask = AgentHomes.Asks[random.Next(AgentHomes.Asks.Count)] + $" (#{index})";
        long tokens = random.Next(3000, 8000);
        int count = Math.Max(1, turns / 2 + random.Next(turns + 1));
        for (int t = 0; t < count; t++)
        {
            string prompt = t == 0 ? ask : t % 2 == 0 ? "Continue" : "Looks good, go on";
            context.Add(new JsonObject { ["role"] = "user", ["content"] = prompt });
            Event("TurnBegin", new JsonObject { ["user_input"] = prompt });
            Event("StepBegin", new JsonObject { ["n"] = 1 });
            string tool = Tools[random.Next(Tools.Length)];
            string callId = $"{tool}:{t}";
            var arguments = new JsonObject { ["path"] = $"{project}/src/file{t}.py" }.ToJsonString();
            string think = $"Step {t}: look at the {tool} output before changing anything.";
            string said = $"Working on step {t} with `{tool}`.";
            context.Add(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "think", ["think"] = think, ["encrypted"] = null },
                    new JsonObject { ["type"] = "text", ["text"] = said }),
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["type"] = "function", ["id"] = callId, ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments },
                }),
            });
            Event("ContentPart", new JsonObject { ["type"] = "think", ["think"] = think, ["encrypted"] = null });
            Event("ContentPart", new JsonObject { ["type"] = "text", ["text"] = said });
            string output = AgentHomes.Output(random, t);
            context.Add(new JsonObject
            {
                ["role"] = "tool",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "<system>Command executed successfully.</system>" },
                    new JsonObject { ["type"] = "text", ["text"] = output }),
                ["tool_call_id"] = callId,
            });
            Event("ToolResult", new JsonObject
            {
                ["tool_call_id"] = callId,
                ["return_value"] = new JsonObject { ["is_error"] = false, ["output"] = output, ["message"] = "Command executed successfully.", ["display"] = new JsonArray(), ["extras"] = null },
            });
            int input = random.Next(1000, 6000), generated = random.Next(20, 900);
            tokens += input + generated;
            context.Add(new JsonObject { ["role"] = "_usage", ["token_count"] = tokens });
            Event("StatusUpdate", new JsonObject
            {
                ["context_tokens"] = tokens, ["max_context_tokens"] = 262144,
                ["token_usage"] = new JsonObject { ["input_other"] = input, ["output"] = generated, ["input_cache_read"] = 0, ["input_cache_creation"] = 0 },
            });
            Event("TurnEnd", new JsonObject());
        }
        context.Add(new JsonObject { ["role"] = "assistant", ["content"] = "All done: the change is in place and the tests pass." });

        WriteLines(Path.Combine(folder, KimiLayout.ContextFile), context);
        WriteLines(Path.Combine(folder, KimiLayout.WireFile), wire);
        bool archived = index % 10 == 3;
        var state = new JsonObject
        {
            ["version"] = 1,
            ["custom_title"] = index % 5 == 2 ? $"Named session {index}" : null,
            ["title_generated"] = false,
            ["archived"] = archived,
            ["archived_at"] = archived ? time.AddDays(1).ToUnixTimeSeconds() : null,
            ["todos"] = new JsonArray(),
        };
        File.WriteAllText(Path.Combine(folder, KimiLayout.StateFile), PythonJson.Serialize(state));
        foreach (string file in Directory.EnumerateFiles(folder)) File.SetLastWriteTimeUtc(file, time.UtcDateTime);
        return id;
    }

    private static void WriteLines(string path, IEnumerable<JsonObject> records)
    {
        var text = new StringBuilder();
        foreach (var record in records) text.Append(PythonJson.Serialize(record)).Append('\n');
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
    }
}
