using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// Writes Claude Code homes line by line as Claude does (AGENT-FORMATS.md): for tests, the
/// generator, the demo and the benchmark. Every line goes through <see cref="ClaudeSessionWriter"/>.
/// </summary>
public sealed class ClaudeHomeWriter(string home)
{
    public string Home { get; } = Path.GetFullPath(home);

    /// <summary>A new transcript in the project folder of <paramref name="workDir"/>.</summary>
    public ClaudeSessionWriter Session(string workDir, string id, DateTimeOffset start, string? gitBranch = "main")
    {
        string folder = Path.Combine(ClaudeFiles.ProjectsFolder(Home), ClaudeHome.ProjectKey(workDir));
        Directory.CreateDirectory(folder);
        return new ClaudeSessionWriter(Path.Combine(folder, id + ".jsonl"), id, workDir, gitBranch, start);
    }

    /// <summary>Writes settings.json with <c>cleanupPeriodDays</c>.</summary>
    public void CleanupPeriodDays(int days)
    {
        Directory.CreateDirectory(Home);
        File.WriteAllText(Path.Combine(Home, "settings.json"), $"{{\"cleanupPeriodDays\":{days.ToString(CultureInfo.InvariantCulture)}}}\n");
    }

    /// <summary>sessions/&lt;pid&gt;.json, as a running Claude writes it.</summary>
    public void Running(int pid, string sessionId, string workDir)
    {
        string folder = Path.Combine(Home, "sessions");
        Directory.CreateDirectory(folder);
        var record = new JsonObject { ["pid"] = pid, ["sessionId"] = sessionId, ["cwd"] = workDir, ["kind"] = "interactive", ["entrypoint"] = "cli" };
        File.WriteAllText(Path.Combine(folder, pid.ToString(CultureInfo.InvariantCulture) + ".json"), record.ToJsonString());
    }

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

/// <summary>Appends the lines of one Claude transcript; every line advances the clock a few seconds.</summary>
public sealed class ClaudeSessionWriter(string path, string id, string workDir, string? gitBranch, DateTimeOffset start)
{
    private readonly StringBuilder _pending = new();
    private string? _parent;
    private int _counter;

    public string Path { get; } = path;
    public string Id { get; } = id;
    public DateTimeOffset Clock { get; private set; } = start;

    /// <summary>A prompt the user typed.</summary>
    public ClaudeSessionWriter User(string text) => Conversation("user", new JsonObject { ["role"] = "user", ["content"] = text });

    /// <summary>A prompt with an image pasted in.</summary>
    public ClaudeSessionWriter UserWithImage(string text) => Conversation("user", new JsonObject
    {
        ["role"] = "user",
        ["content"] = new JsonArray(
            new JsonObject { ["type"] = "text", ["text"] = text },
            new JsonObject { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = "image/png", ["data"] = "iVBORw0KGgo=" } }),
    });

    /// <summary>
    /// One response written as Claude streams it: each content block its own line, all sharing
    /// message.id and requestId, each carrying the usage so far (only the last counts).
    /// </summary>
    public ClaudeSessionWriter Assistant(string model, Usage usage, params JsonObject[] blocks)
    {
        string messageId = "msg_" + Next();
        string requestId = "req_" + Next();
        for (int i = 0; i < blocks.Length; i++)
        {
            var partial = i == blocks.Length - 1 ? usage : usage with { Output = Math.Max(1, usage.Output * (i + 1) / blocks.Length) };
            var message = new JsonObject
            {
                ["model"] = model, ["id"] = messageId, ["type"] = "message", ["role"] = "assistant",
                ["content"] = new JsonArray(blocks[i].DeepClone()),
                ["stop_reason"] = null, ["stop_sequence"] = null, ["usage"] = partial.ToJson(),
            };
            Conversation("assistant", message, extra: line => line["requestId"] = requestId);
        }
        return this;
    }

    /// <summary>A tool's result, as the user line Claude writes after running it.</summary>
    public ClaudeSessionWriter ToolResult(string toolUseId, string output, bool isError = false) => Conversation("user", new JsonObject
    {
        ["role"] = "user",
        ["content"] = new JsonArray(new JsonObject { ["tool_use_id"] = toolUseId, ["type"] = "tool_result", ["content"] = output, ["is_error"] = isError }),
    }, extra: line => line["toolUseResult"] = output);

    /// <summary>A compaction: the boundary, then the summary Claude continues from.</summary>
    public ClaudeSessionWriter Compact(string summary, long preTokens)
    {
        var boundary = Base("system");
        boundary["subtype"] = "compact_boundary";
        boundary["content"] = "Conversation compacted";
        boundary["compactMetadata"] = new JsonObject { ["trigger"] = "auto", ["preTokens"] = preTokens };
        boundary["level"] = "info";
        Write(boundary);
        var line = Base("user");
        line["message"] = new JsonObject { ["role"] = "user", ["content"] = "This session is being continued from a previous conversation. Summary:\n" + summary };
        line["isCompactSummary"] = true;
        return Write(line);
    }

    /// <summary>A line of a subagent's work written into the main transcript (older Claude versions): not part of the conversation.</summary>
    public ClaudeSessionWriter Sidechain(string text)
    {
        var line = Base("user");
        line["isSidechain"] = true;
        line["message"] = new JsonObject { ["role"] = "user", ["content"] = text };
        return Write(line);
    }

    /// <summary>A meta line Claude injects (caveats before local command output): never shown.</summary>
    public ClaudeSessionWriter Meta(string text)
    {
        var line = Base("user");
        line["isMeta"] = true;
        line["message"] = new JsonObject { ["role"] = "user", ["content"] = text };
        return Write(line);
    }

    /// <summary>A metadata line: custom-title/customTitle, ai-title/aiTitle, last-prompt/lastPrompt, summary/summary.</summary>
    public ClaudeSessionWriter Metadata(string type, string field, string value)
    {
        var line = new JsonObject { ["type"] = type, [field] = value, ["sessionId"] = Id };
        if (type == "summary") line["leafUuid"] = _parent;
        return Write(line);
    }

    /// <summary>A subagent's transcript in the sidecar folder: &lt;id&gt;/subagents/agent-&lt;name&gt;.jsonl.</summary>
    public ClaudeSessionWriter Subagent(string name, string prompt)
    {
        string folder = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, Id, "subagents");
        Directory.CreateDirectory(folder);
        var line = Base("user");
        line["isSidechain"] = true;
        line["agentId"] = name;
        line["message"] = new JsonObject { ["role"] = "user", ["content"] = prompt };
        File.AppendAllText(System.IO.Path.Combine(folder, $"agent-{name}.jsonl"), line.ToJsonString() + "\n");
        return this;
    }

    /// <summary>Any text as a line (damaged lines in tests).</summary>
    public ClaudeSessionWriter Raw(string line)
    {
        _pending.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes what is pending to the file.</summary>
    public ClaudeSessionWriter Flush()
    {
        File.AppendAllText(Path, _pending.ToString());
        _pending.Clear();
        return this;
    }

    public static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    public static JsonObject Thinking(string text) => new() { ["type"] = "thinking", ["thinking"] = text, ["signature"] = "sig" };

    public static JsonObject ToolUse(string id, string name, JsonObject input) => new() { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = input };

    private ClaudeSessionWriter Conversation(string type, JsonObject message, Action<JsonObject>? extra = null)
    {
        var line = Base(type);
        line["message"] = message;
        extra?.Invoke(line);
        return Write(line);
    }

    private JsonObject Base(string type)
    {
        Clock = Clock.AddSeconds(3);
        string uuid = Uuid();
        var line = new JsonObject
        {
            ["parentUuid"] = _parent, ["isSidechain"] = false, ["userType"] = "external", ["cwd"] = workDir,
            ["sessionId"] = Id, ["version"] = "2.1.332", ["gitBranch"] = gitBranch, ["type"] = type,
            ["uuid"] = uuid, ["timestamp"] = ClaudeHomeWriter.Time(Clock),
        };
        _parent = uuid;
        return line;
    }

    private ClaudeSessionWriter Write(JsonObject line)
    {
        _pending.Append(line.ToJsonString()).Append('\n');
        return this;
    }

    private string Next() => (++_counter).ToString("D4", CultureInfo.InvariantCulture) + Id[..8];

    private string Uuid() => $"{Id[..24]}{++_counter:x12}";
}

/// <summary>An assistant message's usage.</summary>
public readonly record struct Usage(long Input, long CacheCreation, long CacheRead, long Output)
{
    public long Total => Input + CacheCreation + CacheRead + Output;

    public JsonObject ToJson() => new()
    {
        ["input_tokens"] = Input, ["cache_creation_input_tokens"] = CacheCreation, ["cache_read_input_tokens"] = CacheRead,
        ["output_tokens"] = Output, ["service_tier"] = "standard",
    };
}
