using System.Globalization;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>How a Codex version records messages for its UI beside the response_items.</summary>
public enum CodexEventStyle
{
    /// <summary>event_msg user_message / agent_message (before 0.171).</summary>
    Legacy,
    /// <summary>event_msg item_completed with a UserMessage / AgentMessage item, lines numbered by "ordinal" (0.171).</summary>
    Items,
}

/// <summary>
/// Writes one rollout the way Codex does (AGENT-FORMATS.md, and the two sample files): session_meta,
/// the injected environment context, every message both as a response_item and as an event,
/// turn_context, reasoning, tool calls and outputs, token_count. For tests, demos, the benchmark.
/// </summary>
public sealed class CodexRolloutWriter
{
    private readonly List<string> _lines = [];
    private readonly CodexEventStyle _style;
    private DateTimeOffset _time;
    private int _calls;

    internal CodexRolloutWriter(string path, string id, DateTimeOffset start, string cwd, CodexEventStyle style, string source, string model, string? branch)
    {
        Path = path;
        Id = id;
        _style = style;
        _time = start;
        Started = start;
        Cwd = cwd;
        Model = model;
        var meta = new JsonObject
        {
            ["id"] = id, ["timestamp"] = Time(start), ["cwd"] = cwd,
            ["originator"] = style == CodexEventStyle.Items ? "codex-tui" : "codex_cli_rs",
            ["cli_version"] = style == CodexEventStyle.Items ? "0.171.0" : "0.63.0",
            ["source"] = source, ["model_provider"] = "openai",
        };
        if (branch is not null) meta["git"] = new JsonObject { ["commit_hash"] = "90d248f3b1a9c334bf857126408c85cc31fcf033", ["branch"] = branch };
        Line("session_meta", meta);
        Line("response_item", Message("user", "input_text", $"<environment_context>\n  <cwd>{cwd}</cwd>\n  <shell>bash</shell>\n</environment_context>"));
        Line("turn_context", new JsonObject { ["cwd"] = cwd, ["approval_policy"] = "on-request", ["model"] = model, ["summary"] = "auto" });
    }

    public string Path { get; }
    public string Id { get; }
    public string Model { get; }
    public string Cwd { get; }
    public DateTimeOffset Started { get; }
    public DateTimeOffset LastTime => _time;
    public string? FirstPrompt { get; private set; }
    public long Tokens { get; private set; }

    public CodexRolloutWriter At(DateTimeOffset time)
    {
        _time = time;
        return this;
    }

    public CodexRolloutWriter User(string text)
    {
        FirstPrompt ??= text;
        Line("response_item", Message("user", "input_text", text));
        Line("event_msg", _style == CodexEventStyle.Legacy
            ? new JsonObject { ["type"] = "user_message", ["message"] = text, ["images"] = new JsonArray() }
            : Item("UserMessage", "text", text));
        return this;
    }

    public CodexRolloutWriter Assistant(string text)
    {
        Line("event_msg", _style == CodexEventStyle.Legacy ? new JsonObject { ["type"] = "agent_message", ["message"] = text } : Item("AgentMessage", "Text", text));
        Line("response_item", Message("assistant", "output_text", text));
        return this;
    }

    public CodexRolloutWriter Reasoning(string summary) =>
        Line("response_item", new JsonObject
        {
            ["type"] = "reasoning", ["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = summary }),
            ["content"] = null, ["encrypted_content"] = "gAAAAA-generated",
        });

    /// <summary>A shell function call and its output, as Codex's shell tool records them.</summary>
    public CodexRolloutWriter Shell(string command, string output, int exitCode = 0)
    {
        string call = NextCall();
        var arguments = new JsonObject { ["command"] = new JsonArray("bash", "-lc", command), ["workdir"] = "." };
        Line("response_item", new JsonObject { ["type"] = "function_call", ["name"] = "shell", ["arguments"] = arguments.ToJsonString(), ["call_id"] = call });
        var result = new JsonObject { ["output"] = output, ["metadata"] = new JsonObject { ["exit_code"] = exitCode, ["duration_seconds"] = 0.1 } };
        return Line("response_item", new JsonObject { ["type"] = "function_call_output", ["call_id"] = call, ["output"] = result.ToJsonString() });
    }

    public CodexRolloutWriter CustomTool(string name, string input, string output)
    {
        string call = NextCall();
        Line("response_item", new JsonObject { ["type"] = "custom_tool_call", ["call_id"] = call, ["name"] = name, ["input"] = input });
        return Line("response_item", new JsonObject { ["type"] = "custom_tool_call_output", ["call_id"] = call, ["output"] = output });
    }

    public CodexRolloutWriter LocalShell(string command) =>
        Line("response_item", new JsonObject
        {
            ["type"] = "local_shell_call", ["call_id"] = NextCall(), ["status"] = "completed",
            ["action"] = new JsonObject { ["type"] = "exec", ["command"] = new JsonArray("bash", "-lc", command) },
        });

    public CodexRolloutWriter WebSearch(string query) =>
        Line("response_item", new JsonObject { ["type"] = "web_search_call", ["status"] = "completed", ["action"] = new JsonObject { ["type"] = "search", ["query"] = query } });

    /// <summary>A token_count event with running totals (adds to the session's total).</summary>
    public CodexRolloutWriter TokenCount(long input, long output)
    {
        Tokens += input + output;
        var usage = new JsonObject { ["input_tokens"] = input, ["cached_input_tokens"] = 0, ["output_tokens"] = output, ["reasoning_output_tokens"] = 0, ["total_tokens"] = Tokens };
        return Line("event_msg", new JsonObject { ["type"] = "token_count", ["info"] = new JsonObject { ["total_token_usage"] = usage, ["model_context_window"] = 272000 } });
    }

    /// <summary>A line as it is (damaged lines in tests).</summary>
    public CodexRolloutWriter Raw(string line)
    {
        _lines.Add(line);
        return this;
    }

    internal IReadOnlyList<string> Lines => _lines;

    private string NextCall() => "call_" + (++_calls).ToString("D4", CultureInfo.InvariantCulture);

    private CodexRolloutWriter Line(string type, JsonObject payload)
    {
        var line = new JsonObject { ["timestamp"] = Time(_time) };
        if (_style == CodexEventStyle.Items) line["ordinal"] = _lines.Count;
        line["type"] = type;
        line["payload"] = payload;
        _lines.Add(line.ToJsonString(CodexHomeWriter.Json));
        return this;
    }

    private static JsonObject Message(string role, string partType, string text) =>
        new() { ["type"] = "message", ["role"] = role, ["content"] = new JsonArray(new JsonObject { ["type"] = partType, ["text"] = text }) };

    private JsonObject Item(string type, string partType, string text) => new()
    {
        ["type"] = "item_completed", ["thread_id"] = Id,
        ["item"] = new JsonObject { ["type"] = type, ["id"] = "item-" + _lines.Count.ToString(CultureInfo.InvariantCulture), ["content"] = new JsonArray(new JsonObject { ["type"] = partType, ["text"] = text }) },
    };

    internal static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
