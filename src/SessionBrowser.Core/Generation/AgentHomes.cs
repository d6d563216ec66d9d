namespace SessionBrowser.Core.Generation;

/// <summary>What the agent home generators (Claude, Codex, Qwen, opencode) share: project folders, prompts, tool output, uuids.</summary>
public static class AgentHomes
{
    /// <summary>First prompts in several languages and scripts, emoji included.</summary>
    public static readonly IReadOnlyList<string> Asks =
    [
        "Refactor the session loader so it streams large files",
        "Why does the build fail on CI but not locally?",
        "Write unit tests for the retention parser",
        "把这个函数改成异步的，并解释原因",
        "Add a dark theme 🌙 to the settings page",
        "Find the memory leak in the worker pool",
        "Migrate the config from YAML to TOML",
        "テストが失敗する理由を教えてください",
    ];

    /// <summary>Creates &lt;userHome&gt;/work/project-NN (at least one) and returns them.</summary>
    public static List<string> Projects(string userHome, int count)
    {
        var projects = Enumerable.Range(1, Math.Max(1, count)).Select(p => Path.Combine(userHome, "work", $"project-{p:D2}")).ToList();
        foreach (string project in projects) Directory.CreateDirectory(project);
        return projects;
    }

    /// <summary>Tool output of realistic size: a few lines to a few hundred.</summary>
    public static string Output(Random random, int step)
    {
        int lines = random.Next(10) == 0 ? random.Next(100, 400) : random.Next(2, 30);
        return string.Join('\n', Enumerable.Range(1, lines).Select(i => $"{i,4}: line {i} of step {step} output, value={random.Next(100_000)}"));
    }

    /// <summary>A random RFC 4122 uuid of the given version (4, or 7 as Codex makes them), from the generator's seed.</summary>
    public static string Uuid(Random random, int version = 4)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | (version << 4));
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }
}
