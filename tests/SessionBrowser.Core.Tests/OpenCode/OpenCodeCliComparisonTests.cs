using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.OpenCode;

/// <summary>
/// Opt-in: the real opencode (npm opencode-ai, 1.18.33 here) against a private data folder. Sessions
/// are made by <c>opencode import</c> in two git projects, so the rows are opencode's own; its
/// <c>session list</c> in a project must list exactly what we list for that folder, and no longer
/// the session we deleted (and again after undo). It also opens a database our writer built.
/// </summary>
public sealed class OpenCodeCliComparisonTests : IDisposable
{
    private readonly TempDirectory _temp = new("opencode-cli");
    private readonly Dictionary<string, string> _environment;

    public OpenCodeCliComparisonTests()
    {
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = _temp.Combine("home"),
            ["XDG_DATA_HOME"] = _temp.Combine("data"),
            ["XDG_CONFIG_HOME"] = _temp.Combine("config"),
            ["XDG_STATE_HOME"] = _temp.Combine("state"),
            ["XDG_CACHE_HOME"] = _temp.Combine("cache"),
        };
        foreach (string folder in _environment.Values) Directory.CreateDirectory(folder);
    }

    public void Dispose() => _temp.Dispose();

    private static string OpenCode => AgentCli.Find("opencode")!;

    private OpenCodeStore Store() => new(Path.Combine(_environment["XDG_DATA_HOME"], "opencode"));

    [AgentCliFact("opencode", "opencode-ai")]
    public void Its_session_list_in_a_project_is_ours_for_that_folder_and_drops_what_we_delete()
    {
        string alpha = GitProject("alpha"), beta = GitProject("beta");
        Import(alpha, "ses_0000000000a1AlphaFirst0001", "Parse the flags", 1);
        Import(alpha, "ses_0000000000a2AlphaSecond001", "Fix the release script", 2);
        Import(beta, "ses_0000000000b1BetaOnly000001", "Write the docs", 3);

        var sources = new SessionSources([Store()], new ProjectFolder(alpha));
        var ours = sources.List().Select(m => m.Session.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["ses_0000000000a1AlphaFirst0001", "ses_0000000000a2AlphaSecond001"], ours);
        Assert.Equal(ours, Listed(alpha));
        Assert.Equal(["ses_0000000000b1BetaOnly000001"], Listed(beta));

        // In a subfolder of the repository, opencode lists the repository's sessions, and so do we.
        string sub = Path.Combine(alpha, "src");
        Directory.CreateDirectory(sub);
        Assert.Equal(ours, Listed(sub));
        Assert.Equal(ours, new SessionSources([Store()], new ProjectFolder(sub)).List().Select(m => m.Session.Id).Order(StringComparer.Ordinal));

        var trash = new SessionTrash(_temp.Combine("native"));
        var entry = trash.DeleteSession(Store(), "ses_0000000000a1AlphaFirst0001");
        Assert.Equal(["ses_0000000000a2AlphaSecond001"], Listed(alpha));

        trash.Restore(entry.Id, Store());
        Assert.Equal(ours, Listed(alpha));

        Store().Rename("ses_0000000000a2AlphaSecond001", "Release script, renamed");
        Assert.Contains("Release script, renamed", AgentCli.Run(OpenCode, alpha, _environment, "session", "list", "--format", "json"), StringComparison.Ordinal);
    }

    [AgentCliFact("opencode", "opencode-ai")]
    public void It_lists_every_session_of_a_database_our_writer_built()
    {
        var writer = new OpenCodeHomeWriter(Path.Combine(_environment["XDG_DATA_HOME"], "opencode"));
        string work = _temp.Combine("plain");
        Directory.CreateDirectory(work);
        var start = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        writer.Begin(work, "ses_0000000000c1Written000001", start, "First").User("hello").Assistant("hi", 10, 2, 0.001).Write();
        writer.Begin(work, "ses_0000000000c2Written000002", start.AddHours(1), "Second").User("again").Write();
        writer.Begin(work, "ses_0000000000c3WrittenChild1", start.AddHours(2), "Child").ChildOf("ses_0000000000c1Written000001").User("sub").Write();

        var ours = Store().List().Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ours, Listed(work));
    }

    private List<string> Listed(string directory)
    {
        using var json = JsonDocument.Parse(AgentCli.Run(OpenCode, directory, _environment, "session", "list", "--format", "json") is { Length: > 0 } text ? text : "[]");
        return [.. json.RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }

    private string GitProject(string name)
    {
        string dir = _temp.Combine("work", name);
        Directory.CreateDirectory(dir);
        AgentCli.Run("git", dir, _environment, "init", "-q");
        AgentCli.Run("git", dir, _environment, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "start " + name);
        return dir;
    }

    /// <summary>One session in opencode's export format, imported by opencode itself in <paramref name="directory"/>.</summary>
    private void Import(string directory, string id, string title, int n)
    {
        long created = new DateTimeOffset(2026, 11, n, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        string user = $"msg_0000000000{n}User00000001", assistant = $"msg_0000000000{n}Assistant0001";
        var export = new JsonObject
        {
            ["info"] = new JsonObject
            {
                ["id"] = id, ["slug"] = "s" + n, ["projectID"] = "global", ["directory"] = directory, ["title"] = title, ["version"] = "1.18.33",
                ["time"] = new JsonObject { ["created"] = created, ["updated"] = created + 60_000 },
            },
            ["messages"] = new JsonArray(
                new JsonObject
                {
                    ["info"] = new JsonObject
                    {
                        ["id"] = user, ["sessionID"] = id, ["role"] = "user", ["time"] = new JsonObject { ["created"] = created }, ["agent"] = "build",
                        ["model"] = new JsonObject { ["providerID"] = "anthropic", ["modelID"] = "claude-sonnet-4" },
                    },
                    ["parts"] = new JsonArray(new JsonObject { ["id"] = $"prt_0000000000{n}Part000000001", ["sessionID"] = id, ["messageID"] = user, ["type"] = "text", ["text"] = title }),
                },
                new JsonObject
                {
                    ["info"] = new JsonObject
                    {
                        ["id"] = assistant, ["sessionID"] = id, ["role"] = "assistant", ["time"] = new JsonObject { ["created"] = created + 1000, ["completed"] = created + 2000 },
                        ["parentID"] = user, ["modelID"] = "claude-sonnet-4", ["providerID"] = "anthropic", ["mode"] = "build", ["agent"] = "build",
                        ["path"] = new JsonObject { ["cwd"] = directory, ["root"] = directory }, ["cost"] = 0.01,
                        ["tokens"] = new JsonObject { ["input"] = 100, ["output"] = 20, ["reasoning"] = 0, ["cache"] = new JsonObject { ["read"] = 0, ["write"] = 0 } },
                    },
                    ["parts"] = new JsonArray(new JsonObject { ["id"] = $"prt_0000000000{n}Part000000002", ["sessionID"] = id, ["messageID"] = assistant, ["type"] = "text", ["text"] = "Done." }),
                }),
        };
        string file = _temp.Combine($"import-{n}.json");
        File.WriteAllText(file, export.ToJsonString());
        AgentCli.Run(OpenCode, directory, _environment, "import", file);
    }
}
