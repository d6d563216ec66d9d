using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Native;

public class NativeStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("native-store");
    private readonly NativeStore _store;

    public NativeStoreTests() => _store = new NativeStore(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Create_makes_the_reference_layout()
    {
        var meta = _store.Create("/home/ada/api", "kimi-k2", "重构 🎉", ["a", "b"]);
        Assert.Matches("^[0-9a-f]{8}$", meta.Id);
        string folder = _dir.Combine(meta.Id);
        Assert.True(Directory.Exists(Path.Combine(folder, "snapshots")));
        Assert.True(Directory.Exists(Path.Combine(folder, "artifacts")));
        var written = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "metadata.json")))!.AsObject();
        Assert.Equal(
            ["id", "created_at", "last_active", "status", "work_dir", "model", "total_steps", "message_count", "tool_calls",
             "total_tokens", "total_cost", "tags", "description", "current_task", "progress"],
            written.Select(p => p.Key));
        Assert.Equal("active", (string?)written["status"]);
        Assert.Contains("\\u91cd\\u6784 \\ud83c\\udf89", File.ReadAllText(Path.Combine(folder, "metadata.json")));
        Assert.Equal([meta.Id], _store.Index.Ids());
    }

    /// <summary>
    /// index.json rewritten again by the instance that wrote it last reuses what it wrote instead of
    /// parsing the file (a cleanup rewrites it per batch): the bytes must be those a fresh reader
    /// writes, and a change another process made in between must be kept.
    /// </summary>
    [Fact]
    public void Index_rewrites_in_a_row_equal_fresh_ones_and_keep_another_writers_change()
    {
        var ids = Enumerable.Range(0, 8).Select(i => _store.Create("/w", "m", $"s{i} ✓", [$"t{i}"]).Id).ToList();
        using var copy = new TempDirectory("native-index-copy");
        File.Copy(_store.Index.Path, copy.Combine("index.json"));
        var fresh = () => new NativeIndex(copy.Path, () => []);

        _store.Index.Remove([ids[0], ids[1]]);
        _store.Index.Remove([ids[2]]);
        fresh().Remove([ids[0], ids[1]]);
        fresh().Remove([ids[2]]);
        Assert.Equal(File.ReadAllBytes(copy.Combine("index.json")), File.ReadAllBytes(_store.Index.Path));

        // Another writer (another process: another instance) between two rewrites.
        var other = new NativeStore(_dir.Path).Create("/w", "m", "made meanwhile");
        _store.Index.Remove([ids[3]]);
        Assert.Equal(ids.Skip(4).Append(other.Id), _store.Index.Ids());
    }

    /// <summary>Issue 15 #20: an edit takes the lock without replacing who held it last (recovery names the agent, not the editor).</summary>
    [Fact]
    public void Rename_tags_and_delete_claims_keep_the_lock_holder_record_byte_for_byte()
    {
        var meta = _store.Create("/w", "m", "desc");
        byte[] record = "{\"pid\": 48213, \"host\": \"agent-box\", \"acquired_at\": \"2025-03-01T11:00:00\"}\n"u8.ToArray();
        File.WriteAllBytes(_store.LockPath(meta.Id), record);
        _store.Rename(meta.Id, "renamed");
        _store.ChangeTags(meta.Id, tags => [.. tags, "x"]);
        using (_store.Claim(meta.Id)) { }
        Assert.Equal(record, File.ReadAllBytes(_store.LockPath(meta.Id)));
        Assert.Equal(48213, _store.ProbeLock(meta.Id).LastHolder!.Pid);
        Assert.Equal("renamed", _store.Get(meta.Id)!.Description);
        // A writer (an agent) still records itself.
        using (_store.OpenWriter(meta.Id)) { }
        Assert.Equal(Environment.ProcessId, _store.ProbeLock(meta.Id).LastHolder!.Pid);
    }

    [Fact]
    public void Get_returns_the_metadata_and_null_for_unknown_ids()
    {
        var meta = _store.Create("/w", "m", "desc");
        var read = _store.Get(meta.Id)!;
        Assert.Equal("desc", read.Description);
        Assert.Equal(meta.CreatedAt, read.CreatedAt);
        Assert.Null(_store.Get("deadbeef"));
        Assert.Throws<InvalidSessionIdException>(() => _store.Get("../x"));
    }

    [Fact]
    public void List_filters_by_tags_any_match_and_status_newest_first_with_limit()
    {
        WriteSession("s-old", "2025-01-01T10:00:00", SessionStatus.Completed, ["x"]);
        WriteSession("s-mid", "2025-01-02T10:00:00.5", SessionStatus.Paused, ["y", "z"]);
        WriteSession("s-new", "2025-01-03T10:00:00", SessionStatus.Completed, []);
        Assert.Equal(["s-new", "s-mid", "s-old"], _store.ListSessions().Select(s => s.Id));
        Assert.Equal(["s-new", "s-mid"], _store.ListSessions(new SessionQuery { Limit = 2 }).Select(s => s.Id));
        Assert.Equal(["s-mid", "s-old"], _store.ListSessions(new SessionQuery { Tags = ["z", "x"] }).Select(s => s.Id));
        Assert.Equal(["s-new", "s-old"], _store.ListSessions(new SessionQuery { Status = "completed" }).Select(s => s.Id));
        Assert.Equal("s-new", _store.Latest()!.Id);
    }

    [Fact]
    public void Update_touches_last_active_and_keeps_unknown_fields()
    {
        WriteSession("s1", "2025-01-01T10:00:00", SessionStatus.Paused, [], extra: ",\n  \"future_field\": {\"kept\": [1, 2.0]}");
        var meta = _store.Get("s1")!;
        meta.Description = "renamed";
        _store.Update(meta);
        var after = _store.Get("s1")!;
        Assert.Equal("renamed", after.Description);
        Assert.NotEqual("2025-01-01T10:00:00", after.LastActive);
        Assert.Contains("\"future_field\": {\n    \"kept\": [\n      1,\n      2.0\n    ]\n  }", File.ReadAllText(_dir.Combine("s1", "metadata.json")));
        Assert.Equal("renamed", JsonNode.Parse(File.ReadAllText(_dir.Combine("index.json")))!["sessions"]!.AsArray().Single()!["description"]!.GetValue<string>());
    }

    [Fact]
    public void Mark_completed_and_crashed()
    {
        var meta = _store.Create("/w", "m");
        _store.MarkCompleted(meta.Id);
        Assert.Equal((SessionStatus.Completed, 1.0), (_store.Get(meta.Id)!.Status, _store.Get(meta.Id)!.Progress));
        _store.MarkCrashed(meta.Id);
        Assert.Equal(SessionStatus.Crashed, _store.Get(meta.Id)!.Status);
    }

    [Fact]
    public void Messages_append_read_last_and_clear()
    {
        var meta = _store.Create("/w", "m");
        for (int i = 0; i < 30; i++)
            _store.AppendMessage(meta.Id, i % 2 == 0 ? Roles.User : Roles.Assistant, $"message {i} 中文", new JsonObject { ["n"] = i });
        var all = _store.ReadMessages(meta.Id).ToList();
        Assert.Equal(30, all.Count);
        Assert.All(all, r => Assert.Null(r.Damage));
        Assert.Equal(Enumerable.Range(0, 30), all.Select(r => r.Index));
        Assert.Equal("message 7 中文", all[7].Message!.Content);
        Assert.Equal(7, all[7].Message!.Metadata!["n"]!.GetValue<int>());
        Assert.NotNull(all[7].Message!.Time);
        Assert.Equal(30, _store.Get(meta.Id)!.MessageCount);

        Assert.Equal(["message 27 中文", "message 28 中文", "message 29 中文"], _store.LastMessages(meta.Id, 3).Select(m => m.Content));
        Assert.Equal(30, _store.LastMessages(meta.Id, 100).Count);

        var fromOffset = _store.ReadMessages(meta.Id, all[25].Offset, 25).ToList();
        Assert.Equal(Enumerable.Range(25, 5), fromOffset.Select(r => r.Index));

        _store.ClearMessages(meta.Id);
        Assert.Empty(_store.ReadMessages(meta.Id));
        Assert.Equal(0, _store.Get(meta.Id)!.MessageCount);
    }

    [Fact]
    public void Snapshots_are_listed_and_latest_in_numeric_order()
    {
        var meta = _store.Create("/w", "m");
        foreach (int step in new[] { 1, 2, 9, 10, 11 })
            _store.CreateSnapshot(meta.Id, step, new JsonObject { ["progress"] = step / 20.0 });
        Assert.Equal([1, 2, 9, 10, 11], _store.ListSnapshots(meta.Id).Select(s => s.Step));
        var latest = _store.LatestSnapshot(meta.Id)!;
        Assert.Equal(11, latest.Step);
        Assert.Equal(0.55, latest.State!["progress"]!.GetValue<double>());
        Assert.NotNull(_store.ListSnapshots(meta.Id)[0].Time);
        Assert.Equal(9, _store.GetSnapshot(meta.Id, 9)!.Step);
        Assert.Null(_store.GetSnapshot(meta.Id, 3));
        Assert.Equal(11, _store.Get(meta.Id)!.TotalSteps);
    }

    [Fact]
    public void A_damaged_snapshot_is_listed_with_its_reason_and_latest_falls_back()
    {
        var meta = _store.Create("/w", "m");
        _store.CreateSnapshot(meta.Id, 1, new JsonObject());
        Fixture.Write(_dir.Combine(meta.Id, "snapshots", "step_2.json"), "{\"step\": 2, \"timest");
        Fixture.Write(_dir.Combine(meta.Id, "snapshots", "notes.json"), "{}");
        var list = _store.ListSnapshots(meta.Id);
        Assert.Equal([1, 2], list.Select(s => s.Step));
        Assert.StartsWith("damaged:", list[1].Label);
        Assert.Equal(1, _store.LatestSnapshot(meta.Id)!.Step);
    }

    [Fact]
    public void Folders_are_the_truth_not_the_index()
    {
        var a = _store.Create("/w", "m", "in index");
        WriteSession("notindex", "2025-01-01T00:00:00", SessionStatus.Paused, []);
        Fixture.Write(_dir.Combine("index.json"), "{\"sessions\": [{\"id\": \"" + a.Id + "\"}, {\"id\": \"gone1234\"}, {\"id\": \"../evil\"}]}");
        var ids = _store.List().Select(s => s.Id).Order().ToList();
        Assert.Equal(new[] { a.Id, "notindex" }.Order(), ids);
    }

    [Fact]
    public void Damaged_folders_are_listed_with_the_reason_and_kimi_cli_folders_are_not()
    {
        Fixture.Write(_dir.Combine("corrupt1", "metadata.json"), "{\"id\": \"corr");
        Fixture.Write(_dir.Combine("corrupt1", "messages.jsonl"), "{\"role\": \"user\", \"content\": \"what I asked\"}\n");
        Directory.CreateDirectory(_dir.Combine("nometa1"));
        Fixture.Write(_dir.Combine("notobj1", "metadata.json"), "[1, 2]");
        // Kimi CLI's layout, by position: <md5>/<uuid>/ folders and legacy <md5>/<uuid>.jsonl files.
        Fixture.Write(_dir.Combine("fedcba9876543210fedcba9876543210", "8f14e45f-ceea-467f-a8f7-3d1ea3b1c2d5.jsonl"), "{}\n");
        Fixture.Write(_dir.Combine("0123456789abcdef0123456789abcdef", "8f14e45f-ceea-467f-a8f7-3d1ea3b1c2d4", "wire.jsonl"), "{}\n");
        Directory.CreateDirectory(_dir.Combine(".trash"));
        Fixture.Write(_dir.Combine(".recovery-ignore.json"), "[]");

        var list = _store.List().OrderBy(s => s.Id).ToList();
        Assert.Equal(["corrupt1", "nometa1", "notobj1"], list.Select(s => s.Id));
        Assert.Contains("not valid JSON", list[0].Damaged);
        Assert.Equal("what I asked", list[0].Title);
        Assert.Equal("damaged", list[0].Status);
        Assert.Equal("metadata.json is missing", list[1].Damaged);
        Assert.Equal("metadata.json is not a JSON object", list[2].Damaged);
        Assert.Throws<SessionDamagedException>(() => _store.Get("corrupt1"));
    }

    /// <summary>Issue 15 #11: a damaged session's times come from its messages; the folder's time only when they have none.</summary>
    [Fact]
    public void A_damaged_session_takes_its_times_from_its_messages_not_from_the_folder()
    {
        var lines = new System.Text.StringBuilder();
        lines.Append("{\"role\": \"user\", \"content\": \"start\", \"timestamp\": \"2025-01-10T09:00:00\"}\n");
        // Enough lines that the last time lies beyond what is read from the head.
        for (int i = 0; i < 200; i++)
            lines.Append($"{{\"role\": \"assistant\", \"content\": \"{new string('x', 900)}\", \"timestamp\": \"2025-01-11T{i / 60:00}:{i % 60:00}:00\"}}\n");
        lines.Append("{\"role\": \"user\", \"content\": \"last\", \"timestamp\": \"2025-01-12T18:30:00\"}\n");
        lines.Append("{\"role\": \"assistant\", \"content\": \"torn");
        Fixture.Write(_dir.Combine("corrupt1", "metadata.json"), "{\"id\": \"corr");
        Fixture.Write(_dir.Combine("corrupt1", "messages.jsonl"), lines.ToString());
        Directory.CreateDirectory(_dir.Combine("nometa1"));

        var list = _store.List().OrderBy(s => s.Id).ToList();
        Assert.Equal(Timestamps.Parse("2025-01-10T09:00:00"), list[0].CreatedAt);
        Assert.Equal(Timestamps.Parse("2025-01-12T18:30:00"), list[0].LastActive);
        // No messages: the folder's time, which is now.
        Assert.Null(list[1].CreatedAt);
        Assert.True(DateTimeOffset.Now - list[1].LastActive!.Value < TimeSpan.FromHours(1));
    }

    [Fact]
    public void Tolerant_metadata_missing_fields_wrong_types_unknown_status_and_offsets()
    {
        Fixture.Write(_dir.Combine("odd1", "metadata.json"),
            "{\"id\": \"odd1\", \"created_at\": \"2025-01-15T10:30:00+08:00\", \"last_active\": \"2025-01-15T10:30:00Z\", \"status\": \"archived\", \"tags\": \"notalist\", \"total_cost\": \"free\", \"message_count\": 3.0}");
        var s = _store.Find("odd1")!;
        Assert.Null(s.Damaged);
        Assert.Equal("archived", s.Status);
        Assert.Equal(new DateTimeOffset(2025, 1, 15, 10, 30, 0, TimeSpan.Zero), s.LastActive);
        Assert.Empty(s.Tags);
        Assert.Equal(0, s.TotalCost);
        Assert.Equal(3, s.MessageCount);
        Assert.Equal(Liveness.Idle, s.Liveness);
    }

    [Fact]
    public void Title_is_description_else_first_user_line_else_untitled()
    {
        WriteSession("t1", "2025-01-01T00:00:00", SessionStatus.Paused, [], description: "  My title\nsecond ");
        WriteSession("t2", "2025-01-01T00:00:00", SessionStatus.Paused, []);
        Fixture.Write(_dir.Combine("t2", "messages.jsonl"),
            "{\"role\": \"system\", \"content\": \"sys\"}\nbroken\n{\"role\": \"user\", \"content\": \"\\n  Fix   the \\u4e2d\\u6587 bug\\nmore\"}\n");
        WriteSession("t3", "2025-01-01T00:00:00", SessionStatus.Paused, []);
        Assert.Equal("My title", _store.Find("t1")!.Title);
        Assert.Equal("Fix the 中文 bug", _store.Find("t2")!.Title);
        Assert.Equal("(untitled)", _store.Find("t3")!.Title);
    }

    [Fact]
    public void Torn_and_corrupt_message_lines_are_reported_never_fatal()
    {
        var meta = _store.Create("/w", "m");
        Fixture.Write(_store.MessagesPath(meta.Id),
            "{\"role\": \"user\", \"content\": \"one\", \"timestamp\": \"2025-01-01T00:00:00\", \"metadata\": {}}\n" +
            "{oops}\n" +
            "{\"content\": \"no role\"}\n" +
            "{\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"parts\"}]}\n" +
            "{\"role\": \"assistant\", \"content\": \"tor");
        var records = _store.ReadMessages(meta.Id).ToList();
        Assert.Equal([0, 1, 1, 1, 2], records.Select(r => r.Index));
        Assert.Equal([false, true, true, false, true], records.Select(r => r.Damage is not null));
        Assert.Contains("incomplete", records[4].Damage);
        Assert.Equal("parts", records[3].Message!.Content);
        // The next append leaves the torn line alone and is itself whole.
        _store.AppendMessage(meta.Id, "user", "after the crash");
        var after = _store.ReadMessages(meta.Id).ToList();
        Assert.Equal("after the crash", after[^1].Message!.Content);
        Assert.NotNull(after[^2].Damage);
    }

    [Fact]
    public void Legacy_flat_sessions_are_read_only()
    {
        Fixture.Write(_dir.Combine("old12345.json"),
            "{\"id\": \"old12345\", \"work_dir\": \"/w\", \"created_at\": \"2024-01-01T00:00:00\", \"last_active\": \"2024-01-02T00:00:00\", \"message_count\": 4}");
        Fixture.Write(_dir.Combine("index.json"), "{\"sessions\": []}");
        var s = Assert.Single(_store.List());
        Assert.Equal("old12345", s.Id);
        Assert.Equal(4, s.MessageCount);
        Assert.Equal("/w", s.WorkDir);
        Assert.Null(s.Damaged);
        Assert.Equal([_dir.Combine("old12345.json")], _store.PlanDelete("old12345").Files);
        Assert.Throws<InvalidOperationException>(() => _store.AppendMessage("old12345", "user", "x"));
    }

    [Fact]
    public void Other_json_files_in_the_root_are_not_sessions_but_unreadable_ones_are_shown()
    {
        Fixture.Write(_dir.Combine("settings.json"), "{\"theme\": \"dark\"}");
        Fixture.Write(_dir.Combine("broken99.json"), "{\"id\": ");
        var s = Assert.Single(_store.List());
        Assert.Equal("broken99", s.Id);
        Assert.NotNull(s.Damaged);
        Assert.Null(_store.Find("settings"));
        Assert.Empty(_store.PlanDelete("settings").Files);
    }

    [Fact]
    public void An_unreadable_index_is_kept_aside_and_rebuilt_from_the_folders()
    {
        WriteSession("existing", "2025-01-01T00:00:00", SessionStatus.Paused, []);
        Fixture.Write(_dir.Combine("index.json"), "{\"sessions\": [tor");
        var created = _store.Create("/w", "m");
        Assert.Equal(new[] { "existing", created.Id }.Order(), _store.Index.Ids().Order());
        string aside = Assert.Single(Directory.GetFiles(_dir.Path, ".index.json.unreadable-*"));
        Assert.Equal("{\"sessions\": [tor", File.ReadAllText(aside));
    }

    [Fact]
    public void Every_entry_point_rejects_path_traversal_ids()
    {
        Directory.CreateDirectory(_dir.Combine("..", Path.GetFileName(_dir.Path) + "-sibling"));
        foreach (string bad in new[] { "..", "../x", "a/b", "/etc", "..\\x", ".trash" })
        {
            Assert.Throws<InvalidSessionIdException>(() => _store.Find(bad));
            Assert.Throws<InvalidSessionIdException>(() => _store.Get(bad));
            Assert.Throws<InvalidSessionIdException>(() => _store.ReadMessages(bad).ToList());
            Assert.Throws<InvalidSessionIdException>(() => _store.ListSnapshots(bad));
            Assert.Throws<InvalidSessionIdException>(() => _store.PlanDelete(bad).Files);
            Assert.Throws<InvalidSessionIdException>(() => _store.AppendMessage(bad, "user", "x"));
            Assert.Throws<InvalidSessionIdException>(() => _store.MarkCrashed(bad));
        }
        Directory.Delete(_dir.Combine("..", Path.GetFileName(_dir.Path) + "-sibling"));
    }

    [Fact]
    public void Liveness_is_live_when_another_holder_has_the_lock_and_interrupted_when_active_and_free()
    {
        var meta = _store.Create("/w", "m");
        Assert.Equal(Liveness.Interrupted, _store.Find(meta.Id)!.Liveness);
        using (var python = Python.StartAndWaitFor("locked", "hold", _dir.Path, meta.Id, "30"))
        {
            Assert.Equal(Liveness.Live, _store.Find(meta.Id)!.Liveness);
            python.Kill();
            python.WaitForExit();
        }
        Assert.Equal(Liveness.Interrupted, _store.Find(meta.Id)!.Liveness);
        _store.MarkCompleted(meta.Id);
        Assert.Equal(Liveness.Idle, _store.Find(meta.Id)!.Liveness);
    }

    [Fact]
    public void Doctor_reports_and_repairs_the_index()
    {
        var a = _store.Create("/w", "m");
        WriteSession("unindexed", "2025-01-01T00:00:00", SessionStatus.Paused, []);
        Fixture.Write(_dir.Combine("broken11", "metadata.json"), "nope");
        var entries = JsonNode.Parse(File.ReadAllText(_dir.Combine("index.json")))!["sessions"]!.AsArray();
        entries.Add(new JsonObject { ["id"] = "gone1234" });
        entries.Add(new JsonObject { ["id"] = "broken11" });
        File.WriteAllText(_dir.Combine("index.json"), PythonJson.SerializeIndented(entries.Parent));
        Fixture.Write(_dir.Combine(a.Id, ".metadata.json.abc.tmp"), "x");

        var report = _store.Check(repair: false);
        Assert.False(report.Healthy);
        Assert.Equal(1, report.DamagedSessions);
        Assert.Contains(report.Problems, p => p.SessionId == "unindexed" && p.Problem.Contains("missing from index.json"));
        Assert.Contains(report.Problems, p => p.SessionId == "gone1234");
        Assert.Contains(report.Problems, p => p.SessionId == "broken11" && !p.Repaired);
        Assert.Contains(report.Problems, p => p.Problem.Contains("temporary file"));

        var repaired = _store.Check(repair: true);
        Assert.All(repaired.Problems.Where(p => p.SessionId != "broken11"), p => Assert.True(p.Repaired));
        Assert.Equal(new[] { a.Id, "broken11", "unindexed" }.Order(), _store.Index.Ids().Order());
        Assert.False(File.Exists(_dir.Combine(a.Id, ".metadata.json.abc.tmp")));
        Assert.Equal(["broken11"], _store.Check(repair: false).Problems.Select(p => p.SessionId));
    }

    [Fact]
    public void Resume_command_runs_in_the_work_dir()
    {
        var meta = _store.Create("/home/ada/api", "m");
        var command = _store.ResumeCommandFor(meta.Id)!;
        Assert.Equal(["kimi", "--session", meta.Id], command.Arguments);
        Assert.Equal("/home/ada/api", command.WorkingDirectory);
        Assert.Null(_store.ResumeCommandFor("deadbeef"));
    }

    private void WriteSession(string id, string lastActive, string status, string[] tags, string? description = null, string extra = "")
    {
        string tagList = string.Join(", ", tags.Select(t => $"\"{t}\""));
        string desc = description is null ? "null" : System.Text.Json.JsonSerializer.Serialize(description);
        Fixture.Write(_dir.Combine(id, "metadata.json"),
            $"{{\n  \"id\": \"{id}\",\n  \"created_at\": \"2024-12-31T00:00:00\",\n  \"last_active\": \"{lastActive}\",\n  \"status\": \"{status}\",\n" +
            $"  \"work_dir\": \"/w\",\n  \"model\": \"m\",\n  \"total_steps\": 0,\n  \"message_count\": 0,\n  \"tool_calls\": 0,\n  \"total_tokens\": 0,\n" +
            $"  \"total_cost\": 0.0,\n  \"tags\": [{tagList}],\n  \"description\": {desc},\n  \"current_task\": null,\n  \"progress\": 0.0{extra}\n}}");
    }
}
