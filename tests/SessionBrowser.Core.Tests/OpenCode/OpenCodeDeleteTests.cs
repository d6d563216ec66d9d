using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.OpenCode;

/// <summary>Rename and delete write only their statements into opencode.db; undo puts back every row exactly.</summary>
public sealed class OpenCodeDeleteTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly OpenCodeFixture _home = new();
    private readonly TempDirectory _native = new("opencode-trash");

    public OpenCodeDeleteTests()
    {
        // The rows opencode's newer tables hold for a session, so delete and undo must carry them all.
        foreach (string id in new[] { OpenCodeFixture.Parser, OpenCodeFixture.Child, OpenCodeFixture.Docs })
            _home.Execute($$"""
                INSERT INTO todo VALUES ('{{id}}', 'write the test', 'pending', 'high', 0, 1, 2);
                INSERT INTO todo VALUES ('{{id}}', 'run it', 'completed', 'low', 1, 3, 4);
                INSERT INTO session_share VALUES ('{{id}}', 'shr_{{id}}', 'secret', 'https://opncd.ai/s/{{id}}', 5, 6);
                INSERT INTO event_sequence VALUES ('{{id}}', 2, NULL);
                INSERT INTO event VALUES ('evt_{{id}}_1', '{{id}}', 1, 'session.created', '{"title":"x"}');
                INSERT INTO event VALUES ('evt_{{id}}_2', '{{id}}', 2, 'session.updated', X'00FF10');
                INSERT INTO session_message VALUES ('smg_{{id}}', '{{id}}', 'user', 1, 7, 8, '{"text":"hi"}');
                INSERT INTO session_input VALUES ('sin_{{id}}', '{{id}}', 'hi', 'queued', 1, NULL, 9);
                INSERT INTO session_context_epoch VALUES ('{{id}}', 'base', 'snap', 0.5);
                """);
    }

    public void Dispose()
    {
        _home.Dispose();
        _native.Dispose();
    }

    private OpenCodeStore Store() => new(_home.Folder, new Clock(Now));

    private SessionTrash Trash() => new(_native.Path, new Clock(Now));

    [Fact]
    public void Rename_updates_title_and_time_updated_only_and_reads_back()
    {
        string before = _home.Dump();
        Store().Rename(OpenCodeFixture.Parser, "Parser: trailing fields");
        var session = Store().Find(OpenCodeFixture.Parser)!;
        Assert.Equal("Parser: trailing fields", session.Title);
        Assert.Equal(Now, session.LastActive);
        string expected = before.Replace(" | String:Fix the parser | ", " | String:Parser: trailing fields | ", StringComparison.Ordinal)
            .Replace($"Int64:{OpenCodeFixture.Start.AddHours(2).AddSeconds(20).ToUnixTimeMilliseconds()} | NULL | NULL", $"Int64:{Now.ToUnixTimeMilliseconds()} | NULL | NULL", StringComparison.Ordinal);
        Assert.NotEqual(before, expected);
        Assert.Equal(expected, _home.Dump());
        Assert.Throws<KeyNotFoundException>(() => Store().Rename(OpenCodeFixture.Child, "children are renamed by opencode only"));
    }

    [Fact]
    public void Delete_takes_the_session_and_its_subagent_session_from_every_table_and_undo_restores_identical_rows()
    {
        string before = _home.Dump();
        var store = Store();
        var plan = store.PlanDelete(OpenCodeFixture.Parser);
        Assert.Empty(plan.Files);
        Assert.Contains("2 session", plan.Records[0], StringComparison.Ordinal);
        Assert.Contains("1 subagent session", plan.Records[1], StringComparison.Ordinal);

        var entry = Trash().DeleteSession(store, OpenCodeFixture.Parser);
        Assert.Null(store.Find(OpenCodeFixture.Parser));
        string after = _home.Dump();
        Assert.DoesNotContain(OpenCodeFixture.Parser, after, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenCodeFixture.Child, after, StringComparison.Ordinal);
        Assert.Contains($"evt_{OpenCodeFixture.Docs}_2", after, StringComparison.Ordinal);
        Assert.Equal(2, store.List().Count);
        Assert.True(File.Exists(Path.Combine(entry.Folder, "keep", OpenCodeStore.KeepFile)));

        Trash().Restore(entry.Id, store);
        Assert.Equal(before, _home.Dump());
        Assert.Equal("Fix the parser", store.Find(OpenCodeFixture.Parser)!.Title);
        Assert.Empty(Trash().List());
    }

    [Fact]
    public void Delete_is_refused_at_once_while_opencode_holds_the_write_lock_and_nothing_changes()
    {
        string before = _home.Dump();
        using (var opencode = _home.Connect())
        using (var transaction = opencode.BeginTransaction(deferred: false))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var refused = Assert.Throws<OpenCodeBusyException>(() => Trash().DeleteSession(Store(), OpenCodeFixture.Parser));
            Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<SessionRefusedException>(refused);
            Assert.Throws<OpenCodeBusyException>(() => Store().Rename(OpenCodeFixture.Parser, "no"));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        }
        Assert.Empty(Trash().List());
        Assert.Equal(before, _home.Dump());
    }

    [Fact]
    public void Undo_refuses_when_opencode_has_the_session_again_and_keeps_the_entry()
    {
        var store = Store();
        var entry = Trash().DeleteSession(store, OpenCodeFixture.Docs);
        _home.Writer.Begin(_home.OtherDir, OpenCodeFixture.Docs, Now, "Imported again").User("again").Write();
        string before = _home.Dump();
        Assert.Throws<InvalidOperationException>(() => Trash().Restore(entry.Id, store));
        Assert.Equal(before, _home.Dump());
        Assert.Single(Trash().List());
    }

    [Fact]
    public void The_store_owns_its_database_only()
    {
        var store = Store();
        Assert.True(store.Owns(Path.Combine(_home.Folder, "opencode.db")));
        Assert.False(store.Owns(Path.Combine(_home.Folder, "opencode.db-wal")));
        Assert.False(store.Owns(_home.Folder));
    }

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
