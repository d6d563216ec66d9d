using SessionBrowser.Core.Stores;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class SnapshotRestorerTests : IDisposable
{
    private readonly TempDirectory _dir = new("native-restore");
    private readonly NativeStore _store;
    private readonly SnapshotRestorer _restorer;
    private const string Id = "sess0001";

    public SnapshotRestorerTests()
    {
        _store = new NativeStore(_dir.Path);
        _restorer = new SnapshotRestorer(_store);
        // A hand-built session: messages at minutes 0..9, snapshots after minutes 2, 5 and 8.
        Fixture.Write(_dir.Combine(Id, "metadata.json"),
            "{\n  \"id\": \"sess0001\",\n  \"created_at\": \"2025-01-15T10:00:00\",\n  \"last_active\": \"2025-01-15T10:09:00\",\n  \"status\": \"completed\",\n" +
            "  \"work_dir\": \"/w\",\n  \"model\": \"m\",\n  \"total_steps\": 9,\n  \"message_count\": 11,\n  \"tool_calls\": 2,\n  \"total_tokens\": 500,\n" +
            "  \"total_cost\": 0.5,\n  \"tags\": [],\n  \"description\": \"restore me\",\n  \"current_task\": null,\n  \"progress\": 1.0,\n  \"custom\": true\n}");
        var lines = new List<string>();
        for (int minute = 0; minute < 10; minute++)
        {
            lines.Add($"{{\"role\": \"{(minute % 2 == 0 ? "user" : "assistant")}\", \"content\": \"m{minute}\", \"timestamp\": \"2025-01-15T10:0{minute}:00.5\", \"metadata\": {{}}}}");
            if (minute == 3) lines.Add("{\"role\": \"assistant\", \"content\": \"no time\", \"metadata\": {}}");
            if (minute == 6) lines.Add("corrupt line");
        }
        Fixture.Write(_dir.Combine(Id, "messages.jsonl"), string.Join("\n", lines) + "\n");
        foreach (var (step, minute) in new[] { (2, 2), (5, 5), (8, 8) })
            Fixture.Write(_dir.Combine(Id, "snapshots", $"step_{step}.json"),
                $"{{\n  \"step\": {step},\n  \"timestamp\": \"2025-01-15T10:0{minute}:00.5\",\n  \"state\": {{\"progress\": {step / 10.0:0.0}, \"current_task\": \"task {step}\"}}\n}}");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Plan_says_what_will_be_cut_and_changes_nothing()
    {
        byte[] messages = File.ReadAllBytes(_store.MessagesPath(Id));
        var plan = _restorer.Plan(Id, 5);

        // Kept: m0..m5 and the untimed line after m3 (position rule); a message at exactly T stays.
        Assert.Equal(7, plan.KeptMessages);
        Assert.Equal(4, plan.CutMessages);          // m6..m9
        Assert.Equal(1, plan.CutDamagedLines);      // the corrupt line after m6
        Assert.Equal("m6", plan.FirstCutMessage!.Content);
        Assert.Equal([8], plan.RemovedSnapshotSteps);
        Assert.StartsWith(_dir.Combine(Id, ".restore-"), plan.BackupFolder);
        Assert.Contains("cuts 4 message(s) and 1 unreadable line(s)", plan.Describe());
        Assert.Equal(messages, File.ReadAllBytes(_store.MessagesPath(Id)));
        Assert.False(Directory.Exists(plan.BackupFolder));
    }

    [Fact]
    public void Apply_cuts_updates_metadata_keeps_the_cut_and_undo_restores_every_byte()
    {
        var before = Snapshot();
        var plan = _restorer.Plan(Id, 5);
        var backup = _restorer.Apply(plan);

        var records = _store.ReadMessages(Id).ToList();
        Assert.Equal(["m0", "m1", "m2", "m3", "no time", "m4", "m5"], records.Select(r => r.Message!.Content));
        var meta = _store.Get(Id)!;
        Assert.Equal((7, 5, 0.5, "task 5", SessionStatus.Paused), (meta.MessageCount, meta.TotalSteps, meta.Progress, meta.CurrentTask, meta.Status));
        Assert.Equal((2, 500L, 0.5), (meta.ToolCalls, meta.TotalTokens, meta.TotalCost));
        Assert.True(meta.Extra.ContainsKey("custom"));
        Assert.Equal([2, 5], _store.ListSnapshots(Id).Select(s => s.Step));
        Assert.True(File.Exists(Path.Combine(backup.Folder, "messages.tail.jsonl")));
        Assert.True(File.Exists(Path.Combine(backup.Folder, "snapshots", "step_8.json")));
        Assert.Equal([backup.Name], _restorer.ListBackups(Id).Select(b => b.Name));
        Assert.Null(_store.Find(Id)!.Damaged);

        _restorer.Undo(Id);

        Assert.Equal(before, Snapshot());
        Assert.Empty(_restorer.ListBackups(Id));
    }

    [Fact]
    public void Two_restores_undo_in_reverse_order()
    {
        var before = Snapshot();
        _restorer.Apply(_restorer.Plan(Id, 8));
        var middle = Snapshot();
        Thread.Sleep(5);
        _restorer.Apply(_restorer.Plan(Id, 2));
        Assert.Equal(["m0", "m1", "m2"], _store.ReadMessages(Id).Select(r => r.Message!.Content));
        _restorer.Undo(Id);
        Assert.Equal(middle, Snapshot());
        _restorer.Undo(Id);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Undo_refuses_when_messages_were_added_after_the_restore()
    {
        _restorer.Apply(_restorer.Plan(Id, 5));
        _store.AppendMessage(Id, Roles.User, "new work after the restore");
        var error = Assert.Throws<InvalidOperationException>(() => _restorer.Undo(Id));
        Assert.Contains("changed after the restore", error.Message);
        Assert.Equal("new work after the restore", _store.ReadMessages(Id).Last().Message!.Content);
    }

    [Fact]
    public void Apply_refuses_a_stale_plan_and_a_live_session()
    {
        var plan = _restorer.Plan(Id, 5);
        _store.AppendMessage(Id, Roles.User, "appended after planning");
        Assert.Throws<InvalidOperationException>(() => _restorer.Apply(plan));

        var fresh = _restorer.Plan(Id, 5);
        using var python = Python.StartAndWaitFor("locked", "hold", _dir.Path, Id, "30");
        try
        {
            Assert.Throws<LiveSessionException>(() => _restorer.Apply(fresh));
        }
        finally
        {
            python.Kill();
            python.WaitForExit();
        }
        Assert.Equal(12, _store.ReadMessages(Id).Count(r => r.Message is not null));
    }

    [Fact]
    public void Missing_snapshot_and_untimed_snapshot_are_clear_errors()
    {
        var missing = Assert.Throws<KeyNotFoundException>(() => _restorer.Plan(Id, 4));
        Assert.Contains("it has: 2, 5, 8", missing.Message);
        Fixture.Write(_dir.Combine(Id, "snapshots", "step_3.json"), "{\"step\": 3, \"state\": {}}");
        Assert.Throws<InvalidDataException>(() => _restorer.Plan(Id, 3));
    }

    /// <summary>Every file of the session with its bytes; restore backups and the lock file aside.</summary>
    private string Snapshot() => string.Join("\n", Directory.EnumerateFiles(_dir.Combine(Id), "*", SearchOption.AllDirectories)
        .Where(f => !f.Contains(SnapshotRestorer.BackupPrefix, StringComparison.Ordinal) && Path.GetFileName(f) != ".lock")
        .Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(_dir.Path, f) + ":" + Convert.ToBase64String(File.ReadAllBytes(f))));
}
