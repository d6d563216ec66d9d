using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Gemini;

namespace SessionBrowser.Core.Tests.Gemini;

public sealed class GeminiStoreReadTests : IDisposable
{
    private readonly GeminiFixture _fixture = new();
    private static readonly DateTimeOffset Day = GeminiFixture.Now.AddDays(-2);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Legacy_json_is_read_with_title_count_and_messages()
    {
        var (path, folder) = _fixture.Project("legacy");
        _fixture.Writer.Session(folder, GeminiFixture.Id(1), Day, legacy: true)
            .User("u1", "Explain the build 构建 🚀")
            .Gemini("g1", "It uses **dotnet**.", tokens: 120)
            .Save();

        var session = Assert.Single(_fixture.Store().List());
        Assert.Equal("gemini", session.Source);
        Assert.Equal(GeminiFixture.Id(1), session.Id);
        Assert.Equal("Explain the build 构建 🚀", session.Title);
        Assert.Equal(2, session.MessageCount);
        Assert.Equal(120, session.TotalTokens);
        Assert.Equal(path, session.WorkDir);
        Assert.Null(session.Damaged);

        var messages = _fixture.Store().ReadMessages(session.Id).Select(r => r.Message!).ToList();
        Assert.Equal([Roles.User, Roles.Assistant], messages.Select(m => m.Role));
        Assert.Equal("It uses **dotnet**.", messages[1].Content);
        Assert.Equal(120, messages[1].Metadata!["tokens"]!["total"]!.GetValue<long>());
    }

    [Fact]
    public void Jsonl_repeated_ids_keep_the_last_copy_in_the_first_place()
    {
        var (_, folder) = _fixture.Project("repeat");
        _fixture.Writer.Session(folder, GeminiFixture.Id(2), Day)
            .User("u1", "first question")
            .Gemini("g1", "draft answer")
            .User("u2", "second question")
            .Gemini("g1", "final answer", tokens: 50)
            .Save();

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(3, session.MessageCount);
        var contents = store.ReadMessages(session.Id).Select(r => r.Message!.Content).ToList();
        Assert.Equal(["first question", "final answer", "second question"], contents);
    }

    [Fact]
    public void Set_merges_metadata_and_its_summary_becomes_the_title()
    {
        var (_, folder) = _fixture.Project("set");
        _fixture.Writer.Session(folder, GeminiFixture.Id(3), Day)
            .User("u1", "please fix the flaky test")
            .Gemini("g1", "done")
            .Set(new JsonObject { ["summary"] = "Fix flaky 测试 test", ["lastUpdated"] = GeminiHomeWriter.Time(Day.AddHours(5)) })
            .Save();

        var session = Assert.Single(_fixture.Store().List());
        Assert.Equal("Fix flaky 测试 test", session.Title);
        Assert.Equal("Fix flaky 测试 test", session.Description);
        Assert.Equal(Day.AddHours(5), session.LastActive);
    }

    [Fact]
    public void Set_messages_replaces_the_message_list()
    {
        var (_, folder) = _fixture.Project("replace");
        _fixture.Writer.Session(folder, GeminiFixture.Id(4), Day)
            .User("u1", "old question")
            .Gemini("g1", "old answer")
            .Set(new JsonObject
            {
                ["messages"] = new JsonArray(
                    new JsonObject { ["id"] = "n1", ["type"] = "user", ["content"] = "compressed question", ["timestamp"] = "2026-11-18T12:00:00.000Z" },
                    new JsonObject { ["id"] = "n2", ["type"] = "gemini", ["content"] = "compressed answer", ["timestamp"] = "2026-11-18T12:00:01.000Z" }),
            })
            .Gemini("g3", "after the replace")
            .Save();

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(3, session.MessageCount);
        Assert.Equal(["compressed question", "compressed answer", "after the replace"],
            store.ReadMessages(session.Id).Select(r => r.Message!.Content));
        // Gemini titles a session by the first user message ever written, even one replaced later.
        Assert.Equal("old question", session.Title);
    }

    [Fact]
    public void RewindTo_drops_that_message_and_everything_after()
    {
        var (_, folder) = _fixture.Project("rewind");
        _fixture.Writer.Session(folder, GeminiFixture.Id(5), Day)
            .User("u1", "keep me")
            .Gemini("g1", "kept answer")
            .User("u2", "rewound question")
            .Gemini("g2", "rewound answer")
            .RewindTo("u2")
            .User("u3", "new direction")
            .Save();

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(3, session.MessageCount);
        Assert.Equal(["keep me", "kept answer", "new direction"], store.ReadMessages(session.Id).Select(r => r.Message!.Content));
    }

    [Fact]
    public void RewindTo_an_unknown_id_drops_every_message()
    {
        var (_, folder) = _fixture.Project("rewind-all");
        _fixture.Writer.Session(folder, GeminiFixture.Id(6), Day)
            .User("u1", "gone")
            .Gemini("g1", "gone too")
            .RewindTo("does-not-exist")
            .Gemini("g2", "only survivor")
            .Save();
        // Emptied completely, then nothing: hidden like Gemini hides it.
        _fixture.Writer.Session(folder, GeminiFixture.Id(7), Day.AddHours(1))
            .User("u1", "gone")
            .RewindTo("nope")
            .Save();

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(GeminiFixture.Id(6), session.Id);
        Assert.Equal(["only survivor"], store.ReadMessages(session.Id).Select(r => r.Message!.Content));
        Assert.Equal(1, session.MessageCount);
    }

    [Fact]
    public void Bad_lines_are_skipped_and_shown_as_damage()
    {
        var (_, folder) = _fixture.Project("bad");
        _fixture.Writer.Session(folder, GeminiFixture.Id(8), Day)
            .User("u1", "before the bad line")
            .Raw("{\"id\": \"broken\", \"type\": \"gemini\", \"content\": ")
            .Raw("not json at all")
            .Gemini("g1", "after the bad lines")
            .Raw("{\"id\":\"torn\",\"type\":\"gem")
            .Save();
        // Drop the final newline: the last line is torn, as after a crash.
        string file = Directory.GetFiles(Path.Combine(folder, "chats")).Single();
        File.WriteAllText(file, File.ReadAllText(file).TrimEnd('\n'));

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(2, session.MessageCount);
        Assert.Contains("3 unreadable lines", session.Damaged);
        var records = store.ReadMessages(session.Id).ToList();
        Assert.Equal(["before the bad line", "after the bad lines"], records.Where(r => r.Message is not null).Select(r => r.Message!.Content));
        Assert.Equal(3, records.Count(r => r.Damage is not null));
        Assert.Contains(records, r => r.Damage?.Contains("incomplete", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Empty_and_subagent_sessions_are_hidden()
    {
        var (_, folder) = _fixture.Project("hidden");
        _fixture.Writer.Session(folder, GeminiFixture.Id(9), Day).Save();
        _fixture.Writer.Session(folder, GeminiFixture.Id(10), Day).User("u1", "/help").User("u2", "  ").Gemini("g1", " ").Save();
        _fixture.Writer.Session(folder, GeminiFixture.Id(11), Day).User("u1", "subagent task").Kind("subagent").Save();
        var sub = _fixture.Writer.Session(folder, GeminiFixture.Id(12), Day).User("u1", "inside chats/<parent>/");
        sub.FilePath = Path.Combine(folder, "chats", GeminiFixture.Id(13), Path.GetFileName(sub.FilePath));
        sub.Save();
        _fixture.Writer.Session(folder, GeminiFixture.Id(14), Day).Gemini("g1", "model only").Save();

        var session = Assert.Single(_fixture.Store().List());
        Assert.Equal(GeminiFixture.Id(14), session.Id);
        Assert.Equal(GeminiTitles.Empty, session.Title);
    }

    [Fact]
    public void Duplicates_across_json_and_jsonl_list_once_keeping_the_later_copy()
    {
        var (_, folder) = _fixture.Project("dupes");
        string id = GeminiFixture.Id(15);
        string legacy = _fixture.Writer.Session(folder, id, Day, legacy: true).User("u1", "old copy").Save();
        string jsonl = _fixture.Writer.Session(folder, id, Day).User("u1", "old copy").At(Day.AddHours(3)).Gemini("g1", "newer").Save();

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(jsonl, session.Path);
        Assert.Equal(2, session.MessageCount);
        Assert.Equal([legacy, jsonl], store.PlanDelete(id).Files.Order());
    }

    [Fact]
    public void Slug_and_sha256_folders_of_one_project_are_one_project()
    {
        var (path, folder) = _fixture.Project("both");
        string hashFolder = _fixture.Writer.AddHashFolder(path);
        _fixture.Writer.Session(folder, GeminiFixture.Id(16), Day).User("u1", "in the slug folder").Save();
        _fixture.Writer.Session(hashFolder, GeminiFixture.Id(17), Day.AddHours(-1)).User("u1", "in the old folder").Save();
        // Gemini's migration copies the old folder: the same session in both.
        _fixture.Writer.Session(hashFolder, GeminiFixture.Id(16), Day).User("u1", "in the slug folder").Save();
        string orphanHash = _fixture.Writer.AddHashFolder("/no/longer/known");
        _fixture.Writer.Session(orphanHash, GeminiFixture.Id(18), Day).User("u1", "unknown project").Save();

        var store = _fixture.Store();
        var sessions = store.List();
        Assert.Equal(3, sessions.Count);
        Assert.Equal(path, sessions.Single(s => s.Id == GeminiFixture.Id(17)).WorkDir);
        Assert.Null(sessions.Single(s => s.Id == GeminiFixture.Id(18)).WorkDir);
        Assert.Equal(2, store.PlanDelete(GeminiFixture.Id(16)).Files.Count(f => f.Contains("chats", StringComparison.Ordinal)));
        Assert.Equal([GeminiFixture.Id(16), GeminiFixture.Id(17)], new SessionSources([store], new ProjectFolder(path)).List().Select(m => m.Session.Id));
        Assert.Equal(new ResumeCommand(["gemini", "--resume", GeminiFixture.Id(16)], path).Arguments,
            store.ResumeCommandFor(GeminiFixture.Id(16))!.Arguments);
        Assert.Equal(path, store.ResumeCommandFor(GeminiFixture.Id(16))!.WorkingDirectory);
    }

    [Fact]
    public void One_session_found_by_its_file_name_is_the_one_a_full_scan_finds()
    {
        var (_, folder) = _fixture.Project("both");
        string hashFolder = _fixture.Writer.AddHashFolder(_fixture.Project("both").Path);
        _fixture.Writer.Session(folder, GeminiFixture.Id(16), Day).User("u1", "in the slug folder").Save();
        _fixture.Writer.Session(hashFolder, GeminiFixture.Id(16), Day.AddHours(-3)).User("u1", "an older copy").Save();
        _fixture.Writer.Session(folder, GeminiFixture.Id(17), Day.AddHours(-1)).User("u1", "another").Save();

        var scanned = _fixture.Store().List();
        foreach (var expected in scanned)
        {
            // A new store has no scan to answer from: it reads only the files named after the id.
            var found = _fixture.Store().Find(expected.Id)!;
            Assert.Equal((expected.Title, expected.Path, expected.WorkDir, expected.MessageCount, expected.LastActive),
                (found.Title, found.Path, found.WorkDir, found.MessageCount, found.LastActive));
        }
        Assert.Equal(2, _fixture.Store().PlanDelete(GeminiFixture.Id(16)).Files.Count(f => f.Contains("chats", StringComparison.Ordinal)));
        Assert.Null(_fixture.Store().Find(GeminiFixture.Id(99)));
    }

    [Fact]
    public void Tool_calls_thoughts_and_parts_are_rendered_and_kept()
    {
        var (_, folder) = _fixture.Project("tools");
        var thoughts = new JsonArray(new JsonObject { ["subject"] = "Planning", ["description"] = "Read the file first." });
        _fixture.Writer.Session(folder, GeminiFixture.Id(19), Day)
            .Message(new JsonObject
            {
                ["id"] = "u1", ["type"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["text"] = "look at this " },
                    new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = "image/png", ["data"] = new string('A', 4096) } }),
            })
            .Gemini("g1", "", toolCalls: GeminiFixture.ToolCalls("read_file", "file contents here"), thoughts: thoughts)
            .Message(new JsonObject { ["id"] = "i1", ["type"] = "info", ["content"] = "Request cancelled." })
            .Save();

        var messages = _fixture.Store().ReadMessages(GeminiFixture.Id(19)).Select(r => r.Message!).ToList();
        Assert.Equal("look at this [Image: image/png, 3.0 KB]", messages[0].Content);
        Assert.Equal(Roles.Tool, messages[1].Role);
        Assert.Contains("**Planning** Read the file first.", messages[1].Content);
        Assert.Contains("**Tool:** `read_file` (success)", messages[1].Content);
        Assert.Contains("file contents here", messages[1].Content);
        Assert.Equal("read_file", messages[1].Metadata!["toolCalls"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("info", messages[2].Role);
    }

    [Fact]
    public void A_large_legacy_file_streams_and_a_truncated_one_keeps_what_came_before_the_cut()
    {
        var (_, folder) = _fixture.Project("large");
        var writer = _fixture.Writer.Session(folder, GeminiFixture.Id(20), Day, legacy: true);
        string big = new('x', 200_000);
        for (int i = 0; i < 30; i++) writer.User($"u{i}", $"question {i} {big}").Gemini($"g{i}", $"answer {i}");
        string file = writer.Save();

        var store = _fixture.Store();
        var session = Assert.Single(store.List());
        Assert.Equal(60, session.MessageCount);
        Assert.Equal("answer 29", store.ReadMessages(session.Id).Last().Message!.Content);

        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length * 3 / 4)]);
        var truncated = Assert.Single(_fixture.Store().List());
        Assert.Contains("truncated", truncated.Damaged);
        Assert.InRange(truncated.MessageCount, 40, 46);
    }

    [Fact]
    public void Unreadable_files_are_listed_as_damaged_under_their_file_name()
    {
        var (_, folder) = _fixture.Project("corrupt");
        File.WriteAllText(Path.Combine(folder, "chats", "session-2026-11-18T10-00-deadbeef.json"), "{ not json");
        var session = Assert.Single(_fixture.Store().List());
        Assert.Equal("session-2026-11-18T10-00-deadbeef", session.Id);
        Assert.NotNull(session.Damaged);
        Assert.Empty(_fixture.Store().ReadMessages(session.Id));
        Assert.Null(_fixture.Store().ResumeCommandFor(session.Id));
    }
}

public sealed class GeminiStampTests : IDisposable
{
    private readonly GeminiFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Stamps_name_every_session_from_file_heads_and_change_when_a_copy_changes()
    {
        var (_, folder) = _fixture.Project("stamps");
        string a = GeminiFixture.Id(1), b = GeminiFixture.Id(2);
        _fixture.Writer.Session(folder, a, GeminiFixture.Now.AddHours(-3), legacy: true).User("u1", "legacy").Save();
        string jsonl = _fixture.Writer.Session(folder, b, GeminiFixture.Now.AddHours(-2)).User("u1", "first").Save();
        File.WriteAllText(Path.Combine(folder, "chats", "session-2026-11-20T00-00-0badf11e.json"), "garbage");

        var store = _fixture.Store();
        var stamps = store.Stamps().ToDictionary(s => s.Id);
        Assert.Equal(store.List().Select(s => s.Id).Order(), stamps.Keys.Order());

        Assert.Equal("first", store.Find(b)!.Title);
        File.AppendAllText(jsonl, """{"id":"u2","type":"user","content":"more"}""" + "\n");
        Assert.NotEqual(stamps[b], store.StampOf(b));
        Assert.Equal(2, store.Find(b)!.MessageCount);
    }

    [Fact]
    public void Session_ids_remembered_between_runs_follow_a_changed_file()
    {
        var (_, folder) = _fixture.Project("ids");
        string a = GeminiFixture.Id(1), b = GeminiFixture.Id(2);
        string fileA = _fixture.Writer.Session(folder, a, GeminiFixture.Now.AddHours(-3)).User("u1", "first").Save();
        _fixture.Writer.Session(folder, b, GeminiFixture.Now.AddHours(-2)).User("u1", "second").Save();
        string cache = Path.Combine(_fixture.Root, "cache");

        var plain = _fixture.Store().Stamps().OrderBy(s => s.Id).ToList();
        var first = new GeminiStore(_fixture.Home, null, cache).Stamps().OrderBy(s => s.Id).ToList();
        Assert.Equal(plain, first);
        Assert.Single(Directory.GetFiles(cache, "gemini-*.ids"));
        // A second run answers from the file, and agrees.
        Assert.Equal(plain, new GeminiStore(_fixture.Home, null, cache).Stamps().OrderBy(s => s.Id).ToList());

        // The same file now holds another session (rewritten): its new head is read, not remembered.
        string c = GeminiFixture.Id(3);
        string other = _fixture.Writer.Session(folder, c, GeminiFixture.Now.AddHours(-1)).User("u1", "third, longer text").Save();
        File.Move(other, fileA, overwrite: true);
        var ids = new GeminiStore(_fixture.Home, null, cache).Stamps().Select(s => s.Id).Order().ToList();
        Assert.Equal([b, c], ids);
    }
}
