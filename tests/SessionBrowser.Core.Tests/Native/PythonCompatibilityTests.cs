using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Native;

/// <summary>Both directions: the reference's Python reads what we write, we read what it writes.</summary>
public class PythonCompatibilityTests
{
    [Fact]
    public void Python_reads_a_store_we_wrote()
    {
        using var dir = new TempDirectory("native-compat");
        var store = new NativeStore(dir.Path);
        var meta = store.Create("/home/ada/项目", "kimi-k2", "重构认证 🔐 \"quoted\"", ["auth", "中文"]);
        store.AppendMessage(meta.Id, Roles.User, "请检查 `auth.py`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n🎉");
        store.AppendMessage(meta.Id, Roles.Assistant, "```python\nprint('hi')\n```", new JsonObject { ["tokens"] = new JsonObject { ["input"] = 10 }, ["cost"] = 0.00012 });
        foreach (int step in new[] { 2, 10, 9 }) store.CreateSnapshot(meta.Id, step, new JsonObject { ["progress"] = step / 10.0 });
        store.Update(meta.Id, m => { m.TotalCost = 0.1 + 0.2; m.CurrentTask = "写测试"; m.Progress = 0.5; });
        var second = store.Create("/home/ada/scratch", "gpt-4o");
        store.MarkCompleted(second.Id);

        var dump = JsonNode.Parse(Python.Run("dump", dir.Path))!;
        var sessions = dump["sessions"]!.AsArray();
        Assert.Equal(2, sessions.Count);
        var first = sessions.Single(s => (string?)s!["id"] == meta.Id)!;
        Assert.Equal("重构认证 🔐 \"quoted\"", (string?)first["description"]);
        Assert.Equal(["auth", "中文"], first["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("/home/ada/项目", (string?)first["work_dir"]);
        Assert.Equal(0.30000000000000004, (double)first["total_cost"]!);
        Assert.Equal("写测试", (string?)first["current_task"]);
        Assert.Equal(2, (int)first["message_count"]!);
        var messages = first["messages"]!.AsArray();
        Assert.Equal("请检查 `auth.py`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n🎉", (string?)messages[0]!["content"]);
        Assert.Equal(0.00012, (double)messages[1]!["metadata"]!["cost"]!);
        Assert.Equal([2, 9, 10], first["snapshots"]!.AsArray().Select(s => (int)s!["step"]!));
        Assert.Equal(0.9, (double)first["snapshots"]![1]!["state"]!["progress"]!);
        Assert.Equal([meta.Id, second.Id], dump["index"]!["sessions"]!.AsArray().Select(e => (string?)e!["id"]));
        // Python's own list order (newest last_active first) puts the completed one first.
        Assert.Equal(second.Id, (string?)sessions[0]!["id"]);
    }

    [Fact]
    public void Our_metadata_is_byte_identical_to_what_the_reference_writes()
    {
        using var dir = new TempDirectory("native-compat");
        var store = new NativeStore(dir.Path);
        var meta = store.Create("/w", "m", "中文 🎉", ["t"]);
        store.Update(meta.Id, m => { m.TotalCost = 1.25; m.TotalTokens = 1000; m.Progress = 0.5; });
        string path = store.MetadataPath(meta.Id);
        byte[] ours = File.ReadAllBytes(path);
        Python.Run("resave", dir.Path, meta.Id);
        Assert.Equal(Fixture.Read(path), System.Text.Encoding.UTF8.GetString(ours));
    }

    [Fact]
    public void We_read_a_store_the_reference_wrote()
    {
        using var dir = new TempDirectory("native-compat");
        var ids = JsonNode.Parse(Python.Run("write", dir.Path))!.AsArray().Select(i => (string)i!).ToList();
        var store = new NativeStore(dir.Path);

        var first = store.Find(ids[0])!;
        Assert.Null(first.Damaged);
        Assert.Equal("重构认证模块 🔐", first.Title);
        Assert.Equal(["refactor", "auth"], first.Tags);
        Assert.Equal(0.55, first.Progress);
        Assert.Equal("写测试", first.CurrentTask);
        Assert.Equal(0.00012, first.TotalCost);
        Assert.Equal(Liveness.Interrupted, first.Liveness); // the reference leaves status active
        var messages = store.ReadMessages(ids[0]).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Equal("请检查 `auth.py` — émoji 🎉 and \"quotes\"\n\nsecond line\ttab", messages[0].Message!.Content);
        Assert.Equal(10, messages[1].Message!.Metadata!["tokens"]!["input"]!.GetValue<int>());
        Assert.NotNull(messages[0].Message!.Time);
        Assert.Equal([1, 2, 9, 10, 11], store.ListSnapshots(ids[0]).Select(s => s.Step));
        Assert.Equal(11, store.LatestSnapshot(ids[0])!.Step);

        var second = store.Find(ids[1])!;
        Assert.Equal("Untitled session's first line", second.Title);
        Assert.Equal(SessionStatus.Completed, second.Status);
        Assert.Equal(1.0, second.Progress);
        Assert.Equal(ids.Order(), store.Index.Ids().Order());

        // And we can keep writing to it, and the reference still reads it.
        store.AppendMessage(ids[0], Roles.User, "继续 ✅");
        var dump = JsonNode.Parse(Python.Run("dump", dir.Path))!;
        var session = dump["sessions"]!.AsArray().Single(s => (string?)s!["id"] == ids[0])!;
        Assert.Equal("继续 ✅", (string?)session["messages"]!.AsArray()[^1]!["content"]);
    }
}
