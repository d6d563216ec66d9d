using System.Text.Json;
using SessionBrowser.Commands;

namespace SessionBrowser.Tests.Commands;

public sealed class ShowCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;

    public ShowCommandTests() => _store = new StoreBuilder(_cli.Store);

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Text_is_a_readable_transcript_with_roles_in_order()
    {
        string id = _store.Add(TimeSpan.FromHours(2), "Fix the login bug", tags: ["auth"],
            messages: ["user: The login fails 🙁", "assistant: Here is a fix:\n\n```cs\nreturn ok;\n```"], snapshots: 2);

        var result = _cli.Run("show", id);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        string text = result.Out;
        Assert.StartsWith("Fix the login bug\n", text.ReplaceLineEndings("\n"));
        Assert.Contains($"id native:{id}", text);
        Assert.Contains("tags auth", text);
        int user = text.IndexOf("── #1 user", StringComparison.Ordinal);
        int assistant = text.IndexOf("── #2 assistant", StringComparison.Ordinal);
        Assert.True(user > 0 && assistant > user, text);
        Assert.Contains("The login fails 🙁", text);
        Assert.Contains("```cs\nreturn ok;\n```", text.ReplaceLineEndings("\n"));
        Assert.Contains("snapshots: step 1", text);
        Assert.Contains("── 2 messages\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Text_drops_terminal_escape_sequences_from_session_content()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Escapes", messages: ["assistant: red \u001b[31mtext\u001b[0m and a title \u001b]0;pwned\u0007 bell\u0007"]);

        var result = _cli.Run("show", id);

        Assert.DoesNotContain('\u001b', result.Out);
        Assert.DoesNotContain('\u0007', result.Out);
        Assert.Contains("red text and a title  bell", result.Out);
    }

    [Fact]
    public void Json_has_id_metadata_messages_and_snapshots()
    {
        string id = _store.Add(TimeSpan.FromHours(2), "会话 ✨", messages: ["user: 你好", "assistant: hello"], snapshots: 3);

        var result = _cli.Run("show", id, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("你好", result.Out);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        var metadata = root.GetProperty("metadata");
        Assert.Equal("会话 ✨", metadata.GetProperty("description").GetString());
        Assert.Equal(id, metadata.GetProperty("id").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal(["role", "content", "timestamp", "metadata"], messages[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal("你好", messages[0].GetProperty("content").GetString());
        Assert.False(string.IsNullOrEmpty(messages[0].GetProperty("timestamp").GetString()));
        var snapshots = root.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], snapshots.Select(s => s.GetProperty("step").GetInt32()));
        Assert.Equal(["step", "timestamp"], snapshots[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Json_metadata_keeps_fields_this_version_does_not_know()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Extra");
        string path = Path.Combine(_cli.Store, id, "metadata.json");
        File.WriteAllText(path, File.ReadAllText(path).TrimEnd().TrimEnd('}') + ", \"agent_version\": \"2.1\", \"budget\": {\"max\": 5}}");

        var metadata = JsonDocument.Parse(_cli.Run("show", id, "--json").Out).RootElement.GetProperty("metadata");

        Assert.Equal("2.1", metadata.GetProperty("agent_version").GetString());
        Assert.Equal(5, metadata.GetProperty("budget").GetProperty("max").GetInt32());
    }

    [Fact]
    public void A_torn_line_is_reported_and_the_rest_is_shown()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Torn", messages: ["user: first", "assistant: second"]);
        File.AppendAllText(Path.Combine(_cli.Store, id, "messages.jsonl"), "{\"role\": \"user\", \"content\": \"cut off");

        var text = _cli.Run("show", id);
        var json = _cli.Run("show", id, "--json");

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("second", text.Out);
        Assert.Contains("could not be read", text.Out);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal(2, root.GetProperty("messages").GetArrayLength());
        Assert.Equal(1, root.GetProperty("damaged_lines").GetArrayLength());
    }

    [Fact]
    public void A_damaged_session_is_shown_with_its_reason()
    {
        string id = _store.AddDamaged();

        var result = _cli.Run("show", id, "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metadata").ValueKind);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("damaged").GetString()));
    }

    [Fact]
    public void A_unique_start_of_an_id_or_source_prefix_finds_the_session()
    {
        string id = _store.Add(TimeSpan.FromHours(1), "Prefix");

        Assert.Equal(ExitCodes.Ok, _cli.Run("show", id[..5]).ExitCode);
        Assert.Equal(ExitCodes.Ok, _cli.Run("show", "native:" + id).ExitCode);
    }

    [Fact]
    public void An_unknown_id_is_one_clear_error()
    {
        var result = _cli.Run("show", "zzzzzzzz");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: no session 'zzzzzzzz' (see 'list' for ids)", result.Error.Trim());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void An_ambiguous_start_of_an_id_lists_the_candidates()
    {
        Directory.CreateDirectory(_cli.Store);
        foreach (string id in new[] { "abcd1111", "abcd2222" })
        {
            Directory.CreateDirectory(Path.Combine(_cli.Store, id));
            File.WriteAllText(Path.Combine(_cli.Store, id, "metadata.json"), $"{{\"id\": \"{id}\", \"status\": \"paused\"}}");
        }

        var result = _cli.Run("show", "abcd");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("native:abcd1111", result.Error);
        Assert.Contains("native:abcd2222", result.Error);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void Ids_that_would_leave_the_store_are_refused(string id)
    {
        var result = _cli.Run("show", id);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
