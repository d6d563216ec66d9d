using System.Text;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Kimi;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Kimi;

/// <summary>Kimi CLI homes built file by file the way kimi-cli 1.49 writes them, and the shared sample.</summary>
public sealed class KimiStoreTests : IDisposable
{
    private const string Work = "/home/dev/proj";
    private const string Id = "6b1f3c2e-8d4a-4f0b-9e7c-1a2b3c4d5e6f";
    private readonly TempDirectory _temp = new("sb-kimi");

    private string Home => _temp.Combine(".kimi");
    private string Sessions => Path.Combine(Home, "sessions");

    public void Dispose() => _temp.Dispose();

    /// <summary>The ~/.kimi sample of AGENT-FORMATS.md, copied into the fixtures.</summary>
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "Fixtures", "kimi-home");

    private string WriteKimiJson(string lastSessionId, params string[] paths)
    {
        Directory.CreateDirectory(Home);
        var entries = paths.Select(p => $"    {{\n      \"path\": \"{p}\",\n      \"kaos\": \"local\",\n      \"last_session_id\": \"{lastSessionId}\"\n    }}");
        string text = "{\n  \"work_dirs\": [\n" + string.Join(",\n", entries) + "\n  ]\n}";
        File.WriteAllText(Path.Combine(Home, "kimi.json"), text);
        return text;
    }

    private string WriteSession(string workDir, string id, string? firstInput, string? customTitle = null, double start = 1796400000.0, bool contextOnly = false)
    {
        string folder = Path.Combine(Sessions, KimiLayout.HashOf(workDir), id);
        Directory.CreateDirectory(folder);
        var context = new StringBuilder("{\"role\": \"_system_prompt\", \"content\": \"You are Kimi Code CLI...\"}\n{\"role\": \"_checkpoint\", \"id\": 0}\n");
        var wire = new StringBuilder("{\"type\": \"metadata\", \"protocol_version\": \"1.10\"}\n");
        if (firstInput is not null && !contextOnly)
        {
            context.Append($"{{\"role\": \"user\", \"content\": \"{firstInput}\"}}\n{{\"role\": \"assistant\", \"content\": \"done\"}}\n{{\"role\": \"_usage\", \"token_count\": 900}}\n");
            wire.Append($"{{\"timestamp\": {start:0.0}, \"message\": {{\"type\": \"TurnBegin\", \"payload\": {{\"user_input\": \"{firstInput}\"}}}}}}\n");
            wire.Append($"{{\"timestamp\": {start + 2:0.0}, \"message\": {{\"type\": \"StatusUpdate\", \"payload\": {{\"token_usage\": {{\"input_other\": 100, \"output\": 20, \"input_cache_read\": 0, \"input_cache_creation\": 0}}}}}}}}\n");
            wire.Append($"{{\"timestamp\": {start + 3:0.0}, \"message\": {{\"type\": \"TurnEnd\", \"payload\": {{}}}}}}\n");
        }
        File.WriteAllText(Path.Combine(folder, "context.jsonl"), context.ToString());
        File.WriteAllText(Path.Combine(folder, "wire.jsonl"), wire.ToString());
        string title = customTitle is null ? "null" : $"\"{customTitle}\"";
        File.WriteAllText(Path.Combine(folder, "state.json"),
            $"{{\"version\": 1, \"approval\": {{\"yolo\": false, \"afk\": false, \"auto_approve_actions\": []}}, \"additional_dirs\": [], \"custom_title\": {title}, \"title_generated\": false, \"archived\": false, \"archived_at\": null, \"todos\": []}}");
        // Written a minute ago: not live.
        foreach (string file in Directory.EnumerateFiles(folder)) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        return folder;
    }

    [Fact]
    public void The_sample_home_lists_its_session_with_title_work_dir_times_and_tokens()
    {
        var store = new KimiStore(Sample);
        var session = Assert.Single(store.List());
        Assert.Equal(Id, session.Id);
        Assert.Equal("kimi", session.Source);
        Assert.Equal("Add a --verbose flag to the CLI parser", session.Title);
        Assert.Equal("/home/dev/proj", session.WorkDir);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796400000), session.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1796400003100), session.LastActive);
        Assert.Equal(1120 + 64 + 4000, session.TotalTokens);
        Assert.Equal(4, session.MessageCount);
        var messages = store.ReadMessages(Id).Select(r => r.Message!).ToList();
        Assert.Equal(["user", "assistant", "tool", "assistant"], messages.Select(m => m.Role));
        Assert.Contains("> *Thinking:* Look at the parser first.", messages[1].Content);
        Assert.Contains("**Tool:** `Shell`", messages[1].Content);
        Assert.Equal("Shell", messages[2].Metadata!["tool"]!.GetValue<string>());
        Assert.Equal(store.ReadMessages(Id).Select(r => r.Offset), store.MessageOffsets(Id));
        Assert.Equal(["kimi", "-w", "/home/dev/proj", "-r", Id], store.ResumeCommandFor(Id)!.Arguments);
    }

    [Fact]
    public void Titles_follow_kimis_rule_custom_title_then_first_turn_cut_to_50_then_untitled()
    {
        WriteKimiJson("x", Work);
        WriteSession(Work, "aaaaaaaa-0000-4000-8000-000000000001", "short ask", customTitle: "My title");
        WriteSession(Work, "aaaaaaaa-0000-4000-8000-000000000002", "Please refactor the session loader so that it streams very large files");
        WriteSession(Work, "aaaaaaaa-0000-4000-8000-000000000003", "only context", contextOnly: true);
        File.AppendAllText(Path.Combine(Sessions, KimiLayout.HashOf(Work), "aaaaaaaa-0000-4000-8000-000000000003", "context.jsonl"),
            "{\"role\": \"user\", \"content\": \"hello\"}\n");
        WriteSession(Work, "aaaaaaaa-0000-4000-8000-000000000004", null); // empty: Kimi does not list it
        var titles = new KimiStore(Home).List().ToDictionary(s => s.Id[^1..], s => s.Title);
        Assert.Equal("My title", titles["1"]);
        Assert.Equal("Please refactor the session loader so that it…", titles["2"]);
        Assert.True(titles["2"].Length <= 50);
        Assert.Equal("Untitled", titles["3"]);
        Assert.False(titles.ContainsKey("4"));
    }

    [Fact]
    public void An_unknown_work_dir_hash_is_shown_as_such_and_a_legacy_file_is_read()
    {
        WriteKimiJson("x", Work);
        WriteSession("/somewhere/else", "bbbbbbbb-0000-4000-8000-000000000001", "orphan");
        string hashFolder = Path.Combine(Sessions, KimiLayout.HashOf(Work));
        Directory.CreateDirectory(hashFolder);
        File.WriteAllText(Path.Combine(hashFolder, "cccccccc-0000-4000-8000-000000000001.jsonl"), "{\"role\": \"user\", \"content\": \"old one\"}\n");
        var store = new KimiStore(Home);
        var orphan = store.Find("bbbbbbbb-0000-4000-8000-000000000001")!;
        Assert.Null(orphan.WorkDir);
        Assert.Contains(KimiLayout.HashOf("/somewhere/else"), orphan.Description);
        Assert.Null(store.ResumeCommandFor(orphan.Id));
        var legacy = store.Find("cccccccc-0000-4000-8000-000000000001")!;
        Assert.Equal(Work, legacy.WorkDir);
        Assert.Equal("old one", Assert.Single(store.ReadMessages(legacy.Id)).Message!.Content);
    }

    [Fact]
    public void A_native_session_and_a_kimi_session_in_one_sessions_folder_are_each_listed_once_by_their_own_store()
    {
        WriteKimiJson(Id, Work);
        WriteSession(Work, Id, "kimi work");
        var native = new NativeStore(Sessions);
        var meta = native.Create("/home/dev/other", "kimi-k2", "native work");
        Assert.Equal([meta.Id], native.List().Select(s => s.Id));
        Assert.Null(native.Find(KimiLayout.HashOf(Work)));
        Assert.DoesNotContain(native.Stamps(), s => s.Id == KimiLayout.HashOf(Work));
        var kimi = new KimiStore(Home);
        Assert.Equal([Id], kimi.List().Select(s => s.Id));
        Assert.Equal([Id], kimi.Stamps().Select(s => s.Id));
        Assert.All(native.List(), s => Assert.Null(s.Damaged));
    }

    [Fact]
    public void Doctor_leaves_a_kimi_cli_folder_byte_identical()
    {
        WriteKimiJson(Id, Work);
        WriteSession(Work, Id, "kimi work");
        var before = Snapshot(Home);
        var report = new NativeStore(Sessions).Check(repair: true);
        Assert.True(report.Healthy);
        Assert.Equal(0, report.Sessions);
        Assert.Equal(before, Snapshot(Home));
    }

    [Fact]
    public void Rename_sets_custom_title_and_keeps_every_other_byte()
    {
        WriteKimiJson(Id, Work);
        string folder = WriteSession(Work, Id, "kimi work");
        string state = Path.Combine(folder, "state.json");
        string before = File.ReadAllText(state);
        var store = new KimiStore(Home);
        store.Rename(Id, "Новое имя \"quoted\" 🚀");
        Assert.Equal(before.Replace("\"custom_title\": null", "\"custom_title\": \"Новое имя \\\"quoted\\\" 🚀\""), File.ReadAllText(state));
        Assert.Equal("Новое имя \"quoted\" 🚀", new KimiStore(Home).Find(Id)!.Title);
    }

    [Fact]
    public void Delete_and_undo_restore_the_folder_and_kimi_json_byte_for_byte()
    {
        string kimiJson = WriteKimiJson(Id, Work, "/home/dev/other");
        WriteSession(Work, Id, "kimi work");
        var before = Snapshot(Home);
        var store = new KimiStore(Home);
        var plan = store.PlanDelete(Id);
        Assert.Contains(plan.Records, r => r.Contains("last_session_id of /home/dev/proj", StringComparison.Ordinal));
        var trash = new SessionTrash(_temp.Combine("native"));
        var entry = trash.DeleteSession(store, Id);
        Assert.Empty(store.List());
        string cleared = File.ReadAllText(Path.Combine(Home, "kimi.json"));
        // Only this work dir's entry is cleared; the other keeps naming the id.
        Assert.Equal(kimiJson[..kimiJson.IndexOf("/home/dev/other", StringComparison.Ordinal)].Replace($"\"{Id}\"", "null"),
            cleared[..cleared.IndexOf("/home/dev/other", StringComparison.Ordinal)]);
        Assert.EndsWith(kimiJson[kimiJson.IndexOf("/home/dev/other", StringComparison.Ordinal)..], cleared);
        trash.Restore(entry.Id, store);
        Assert.Equal(before, Snapshot(Home));
    }

    [Fact]
    public void A_session_written_seconds_ago_is_live_and_refused()
    {
        WriteKimiJson(Id, Work);
        string folder = WriteSession(Work, Id, "kimi work");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "wire.jsonl"), DateTime.UtcNow);
        var store = new KimiStore(Home);
        Assert.Equal(SessionBrowser.Core.Model.Liveness.Live, store.Find(Id)!.Liveness);
        Assert.Throws<SessionRefusedException>(() => store.PlanDelete(Id));
        Assert.False(store.Owns(Home));
        Assert.True(store.Owns(folder));
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(File.ReadAllBytes(f)));
}
