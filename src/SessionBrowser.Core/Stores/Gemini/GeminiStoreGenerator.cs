using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Writes a realistic Gemini CLI home for demos, tests and the benchmark: projects split between
/// slug and sha256 folders, .jsonl sessions with repeated message ids, $set summaries and a
/// few rewinds, some legacy .json, tool calls, thoughts, tokens, CJK and emoji. Times spread
/// over the 60 days before <c>now</c>, so Gemini's 30-day retention has something to say.
/// Deterministic for a seed.
/// </summary>
public static class GeminiStoreGenerator
{
    private static readonly string[] Asks =
    [
        "Refactor the session loader so it streams large files",
        "Why does the build fail on CI but not locally?",
        "Write unit tests for the retention parser",
        "把这个函数改成异步的，并解释原因",
        "Add a dark theme 🌙 to the settings page",
        "Explain the difference between these two caching strategies",
        "Find the memory leak in the worker pool",
        "Migrate the config from YAML to TOML",
        "テストが失敗する理由を教えてください",
        "Make the CLI print a table with aligned columns",
    ];

    private static readonly string[] Tools = ["read_file", "replace", "write_file", "run_shell_command", "glob", "search_file_content"];

    public sealed record Options(int Projects = 5, int SessionsPerProject = 20, int MessagesPerSession = 12, int Seed = 1, DateTimeOffset? Now = null);

    /// <summary>Writes the home and returns the project folders it made (under <paramref name="workRoot"/>).</summary>
    public static IReadOnlyList<string> Generate(string geminiHome, string workRoot, Options options)
    {
        var random = new Random(options.Seed);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        var writer = new GeminiHomeWriter(geminiHome);
        var projects = new List<string>();
        for (int p = 0; p < options.Projects; p++)
        {
            string path = Path.Combine(workRoot, $"project-{p + 1:D2}");
            Directory.CreateDirectory(path);
            projects.Add(path);
            // Every fifth project still lives in a pre-v0.29 sha256 folder.
            string folder = p % 5 == 4 ? writer.AddHashFolder(path) : writer.AddProject(path);
            for (int s = 0; s < options.SessionsPerProject; s++)
                WriteSession(writer, folder, random, now, options.MessagesPerSession, s);
        }
        return projects;
    }

    private static void WriteSession(GeminiHomeWriter writer, string folder, Random random, DateTimeOffset now, int messages, int index)
    {
        string id = Guid(random);
        var start = now.AddMinutes(-random.Next(10, 60 * 24 * 60));
        bool legacy = index % 7 == 3;
        var session = writer.Session(folder, id, start, legacy);
        var clock = start;
        string ask = Asks[random.Next(Asks.Length)];
        for (int m = 0; m < messages; m += 2)
        {
            clock = clock.AddSeconds(random.Next(5, 300));
            session.At(clock).User($"u{m}", m == 0 ? ask : $"Follow-up {m / 2}: {Asks[random.Next(Asks.Length)]}");
            if (m + 1 >= messages) break;
            clock = clock.AddSeconds(random.Next(2, 60));
            string gid = $"g{m}";
            bool tool = random.Next(3) == 0;
            // Gemini rewrites a model message as it streams: an early copy, then the final one.
            if (!legacy && random.Next(4) == 0) session.At(clock).Gemini(gid, "Working on it…");
            session.At(clock).Gemini(gid, Answer(random, m), tool ? ToolCall(random, clock) : null, Thoughts(random), tokens: random.Next(200, 5000));
        }
        if (!legacy && index % 11 == 5 && messages >= 4)
        {
            session.RewindTo($"u{(messages - 1) / 2 * 2}");
            session.At(clock.AddMinutes(1)).User("u-retry", "Let's try a different approach");
        }
        if (index % 3 == 0) session.Summary(ask.Length > 40 ? ask[..40] : ask);
        session.Save();
    }

    private static string Answer(Random random, int m) => (random.Next(4)) switch
    {
        0 => $"Here is the change:\n\n```csharp\nvar total = items.Sum(i => i.Size); // step {m}\n```\n\nIt avoids a second pass.",
        1 => "| option | cost |\n|---|---|\n| stream | low |\n| load | high |\n\nStreaming wins for large files.",
        2 => "- read the file\n- parse each line\n- keep the last copy of each id\n\n完成了 ✅",
        _ => $"The failure comes from a race in the worker pool (see step {m}). I added a lock around the queue.",
    };

    private static JsonArray Thoughts(Random random) =>
    [
        new JsonObject { ["subject"] = "Planning", ["description"] = $"Considering {random.Next(2, 5)} options.", ["timestamp"] = "2026-01-01T00:00:00.000Z" },
    ];

    private static JsonArray ToolCall(Random random, DateTimeOffset time)
    {
        string name = Tools[random.Next(Tools.Length)];
        return
        [
            new JsonObject
            {
                ["id"] = $"{name}-{random.Next(100000):D5}", ["name"] = name, ["status"] = "success",
                ["timestamp"] = GeminiHomeWriter.Time(time),
                ["args"] = new JsonObject { ["file_path"] = $"src/module{random.Next(20)}.ts" },
                ["resultDisplay"] = "OK (" + random.Next(1, 400).ToString(CultureInfo.InvariantCulture) + " lines)",
            },
        ];
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)(bytes[6] & 0x0F | 0x40);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new System.Guid(bytes, bigEndian: true).ToString();
    }
}
