using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Claude;

namespace SessionBrowser.Core.Tests.Claude;

public sealed class ClaudeWriteTests : IDisposable
{
    private readonly ClaudeFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Rename_appends_one_custom_title_line_and_reads_back_leaving_every_earlier_byte_alone()
    {
        string dir = _fixture.WorkDir("rename");
        var session = _fixture.Simple(dir, 1, "Old prompt", ClaudeFixture.Now.AddDays(-1));
        byte[] before = File.ReadAllBytes(session.Path);

        _fixture.Store().Rename(session.Id, "Café ✓ \"quoted\"\nsecond line");

        byte[] after = File.ReadAllBytes(session.Path);
        Assert.Equal(before, after[..before.Length]);
        Assert.Equal("{\"type\":\"custom-title\",\"customTitle\":\"Café ✓ \\\"quoted\\\" second line\",\"sessionId\":\"" + session.Id + "\"}\n",
            System.Text.Encoding.UTF8.GetString(after[before.Length..]));
        Assert.Equal("Café ✓ \"quoted\" second line", _fixture.Store().Find(session.Id)!.Title);
        Assert.Throws<ArgumentException>(() => _fixture.Store().Rename(session.Id, " \n "));
    }

    [Fact]
    public void Delete_moves_the_transcript_and_everything_of_the_session_and_undo_restores_it_byte_for_byte()
    {
        string dir = _fixture.WorkDir("delete");
        var session = _fixture.Writer.Session(dir, ClaudeFixture.Id(1), ClaudeFixture.Now.AddDays(-1))
            .User("Delete me").Subagent("a1", "look around").Flush();
        var other = _fixture.Simple(dir, 2, "Keep me", ClaudeFixture.Now.AddDays(-1));
        File.SetLastWriteTimeUtc(session.Path, ClaudeFixture.Now.AddDays(-1).UtcDateTime);
        string project = Path.GetDirectoryName(session.Path)!;
        string id = session.Id;
        var expected = new List<string>
        {
            session.Path,
            Path.Combine(project, id),
            Write(Path.Combine(project, id + ".superseded-1"), "old copy"),
            Write(Path.Combine(_fixture.Home, "tasks", id, "1.json"), "{\"id\":1}"),
            Write(Path.Combine(_fixture.Home, "file-history", id, "abc@v1"), "file body"),
            Write(Path.Combine(_fixture.Home, "session-env", id, "sessionstart-hook-1.sh"), "export A=1"),
            Write(Path.Combine(_fixture.Home, "debug", id + ".txt"), "debug log"),
            Write(Path.Combine(_fixture.Home, "todos", id + "-agent-" + id + ".json"), "[]"),
        };
        // Neighbours that only look alike stay.
        string otherTodo = Write(Path.Combine(_fixture.Home, "todos", other.Id + "-agent-" + other.Id + ".json"), "[]");
        string otherDebug = Write(Path.Combine(_fixture.Home, "debug", other.Id + ".txt"), "other");
        expected = [.. expected.Select(p => Path.GetDirectoryName(p) is { } parent && parent.EndsWith(id, StringComparison.Ordinal) && !p.StartsWith(project, StringComparison.Ordinal) ? parent : p)];
        var snapshot = Snapshot(_fixture.Root);

        var store = _fixture.Store();
        var plan = store.PlanDelete(id);
        Assert.Equal(expected.Order(), plan.Files.Order());
        Assert.All(plan.Files, f => Assert.True(store.Owns(f), f));

        var trash = new SessionTrash(Path.Combine(_fixture.Root, "native"));
        var entry = trash.DeleteSession(store, id);
        Assert.All(expected, p => Assert.False(Path.Exists(p), p));
        Assert.True(File.Exists(otherTodo) && File.Exists(otherDebug) && File.Exists(other.Path));
        Assert.Equal([other.Id], _fixture.Store().List().Select(s => s.Id));

        trash.Restore(entry.Id, store);
        var restored = Snapshot(_fixture.Root);
        Assert.Equal(snapshot.Keys.Order(), restored.Keys.Order());
        foreach (var (path, bytes) in snapshot) Assert.Equal(bytes, restored[path]);
    }

    [Fact]
    public void Owns_only_the_session_places_and_nothing_through_a_link()
    {
        var store = _fixture.Store();
        string id = ClaudeFixture.Id(7);
        Assert.True(store.Owns(Path.Combine(_fixture.Home, "projects", "-w", id + ".jsonl")));
        Assert.True(store.Owns(Path.Combine(_fixture.Home, "projects", "-w", id + ".superseded-2")));
        Assert.True(store.Owns(Path.Combine(_fixture.Home, "tasks", id)));
        Assert.False(store.Owns(Path.Combine(_fixture.Home, "settings.json")));
        Assert.False(store.Owns(Path.Combine(_fixture.Home, "projects", "-w", "notes.jsonl")));
        Assert.False(store.Owns(Path.Combine(_fixture.Home, "tasks", "not-an-id")));
        Assert.False(store.Owns(Path.Combine(_fixture.Home, "projects", "..", "..", id + ".jsonl")));
        Assert.False(store.Owns(Path.Combine(_fixture.Root, "elsewhere", id + ".jsonl")));

        string outside = Path.Combine(_fixture.Root, "outside");
        Directory.CreateDirectory(Path.Combine(outside, id));
        Directory.CreateDirectory(_fixture.Home);
        Directory.CreateSymbolicLink(Path.Combine(_fixture.Home, "tasks"), outside);
        Assert.False(store.Owns(Path.Combine(_fixture.Home, "tasks", id)));

        _fixture.Simple(_fixture.WorkDir("linked"), 7, "linked", ClaudeFixture.Now.AddDays(-1));
        Assert.DoesNotContain(Path.Combine(_fixture.Home, "tasks", id), store.PlanDelete(id).Files);
        Assert.True(Directory.Exists(Path.Combine(outside, id)));
    }

    [Fact]
    public void A_live_session_is_refused_for_delete_and_rename()
    {
        string dir = _fixture.WorkDir("live");
        var running = _fixture.Simple(dir, 1, "running", ClaudeFixture.Now.AddDays(-1));
        var fresh = _fixture.Simple(dir, 2, "just written", ClaudeFixture.Now.AddSeconds(-1));
        _fixture.Writer.Running(Environment.ProcessId, running.Id, dir);
        _fixture.Writer.Running(int.MaxValue - 1, ClaudeFixture.Id(3), dir);
        _fixture.Simple(dir, 3, "its Claude is gone", ClaudeFixture.Now.AddDays(-1));
        var store = _fixture.Store();

        var liveness = store.List().ToDictionary(s => s.Id, s => s.Liveness);
        Assert.Equal(Liveness.Live, liveness[running.Id]);
        Assert.Equal(Liveness.Live, liveness[fresh.Id]);
        Assert.Equal(Liveness.Idle, liveness[ClaudeFixture.Id(3)]);
        Assert.Throws<SessionRefusedException>(() => store.PlanDelete(running.Id));
        Assert.Throws<SessionRefusedException>(() => store.PlanDelete(fresh.Id));
        Assert.Throws<SessionRefusedException>(() => store.Rename(running.Id, "new"));
        Assert.ThrowsAny<InvalidOperationException>(() => new SessionTrash(Path.Combine(_fixture.Root, "native")).DeleteSession(store, running.Id));
        Assert.True(File.Exists(running.Path));
        Assert.NotEmpty(store.PlanDelete(ClaudeFixture.Id(3)).Files);
    }

    [Fact]
    public void Sessions_older_than_cleanupPeriodDays_carry_a_warning_default_30_days()
    {
        string dir = _fixture.WorkDir("retention");
        _fixture.Simple(dir, 1, "old", ClaudeFixture.Now.AddDays(-31));
        _fixture.Simple(dir, 2, "recent", ClaudeFixture.Now.AddDays(-29));
        _fixture.Simple(dir, 3, "ten days", ClaudeFixture.Now.AddDays(-10));

        var warnings = _fixture.Store().List().ToDictionary(s => s.Id, s => s.DeletionWarning);
        Assert.Contains("30 days", warnings[ClaudeFixture.Id(1)]);
        Assert.Null(warnings[ClaudeFixture.Id(2)]);
        Assert.Null(warnings[ClaudeFixture.Id(3)]);
        Assert.Contains("30 days", _fixture.Store().RetentionPolicy);

        _fixture.Writer.CleanupPeriodDays(7);
        warnings = _fixture.Store().List().ToDictionary(s => s.Id, s => s.DeletionWarning);
        Assert.All([1, 3], n => Assert.Contains("7 days", warnings[ClaudeFixture.Id(n)]));

        File.WriteAllText(Path.Combine(_fixture.Home, "settings.json"), "{ not json");
        Assert.Contains("cannot be read", ClaudeRetention.Load(_fixture.Home).Problem);
        Assert.Equal(ClaudeRetention.DefaultDays, ClaudeRetention.Load(_fixture.Home).Days);
    }

    private static string Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, byte[]> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "native" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToDictionary(p => p, File.ReadAllBytes);
}
