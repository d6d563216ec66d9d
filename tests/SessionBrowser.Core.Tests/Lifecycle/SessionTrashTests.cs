using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class SessionTrashTests : IDisposable
{
    private readonly TempDirectory _dir = new("native-trash");
    private readonly NativeStore _store;
    private readonly SessionTrash _trash;

    public SessionTrashTests()
    {
        _store = new NativeStore(_dir.Combine("store"));
        _trash = new SessionTrash(_store.Root);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Delete_moves_the_folder_with_a_record_and_updates_the_index()
    {
        var meta = _store.Create("/w", "m", "to delete");
        _store.AppendMessage(meta.Id, Roles.User, "hello");
        var keep = _store.Create("/w", "m", "stays");

        var entry = _trash.DeleteSession(_store, meta.Id);

        Assert.False(Directory.Exists(_store.SessionDir(meta.Id)));
        Assert.Null(_store.Find(meta.Id));
        Assert.Equal([keep.Id], _store.Index.Ids());
        Assert.Equal([keep.Id], _store.List().Select(s => s.Id)); // .trash is not a session
        var listed = Assert.Single(_trash.List());
        Assert.Equal(entry.Id, listed.Id);
        Assert.Equal(("native", meta.Id, "to delete"), (listed.Source, listed.SessionId, listed.Title));
        Assert.Equal([_store.SessionDir(meta.Id)], listed.Items.Select(i => i.OriginalPath));
        Assert.Equal(TrashItem.FolderKind, listed.Items[0].Kind);
        Assert.True(listed.Bytes > 0);
        Assert.NotNull(listed.DeletedTime);
    }

    [Fact]
    public void Restore_writes_nowhere_the_source_keeps_no_sessions_whatever_the_record_says()
    {
        var meta = _store.Create("/w", "m", "forged");
        var entry = _trash.DeleteSession(_store, meta.Id);
        string outside = _dir.Combine("outside", "planted");
        string record = Path.Combine(entry.Folder, "record.json");
        File.WriteAllText(record, File.ReadAllText(record).Replace(_store.SessionDir(meta.Id), outside));

        var error = Assert.Throws<InvalidDataException>(() => _trash.Restore(entry.Id, _store));

        Assert.Contains("not a place native sessions live", error.Message);
        Assert.False(Directory.Exists(_dir.Combine("outside")));
        Assert.Single(_trash.List());
    }

    [Fact]
    public void Restore_puts_it_back_and_re_adds_the_index_entry()
    {
        var meta = _store.Create("/w", "m", "round trip");
        _store.AppendMessage(meta.Id, Roles.User, "hello 中文");
        byte[] before = File.ReadAllBytes(_store.MessagesPath(meta.Id));
        var entry = _trash.DeleteSession(_store, meta.Id);
        Assert.Equal([entry.Id], _trash.FindBySession(meta.Id).Select(e => e.Id));

        _trash.Restore(entry.Id, _store);

        Assert.Equal(before, File.ReadAllBytes(_store.MessagesPath(meta.Id)));
        Assert.Equal("round trip", _store.Find(meta.Id)!.Title);
        Assert.Equal([meta.Id], _store.Index.Ids());
        Assert.Empty(_trash.List());
        Assert.Empty(_trash.FindBySession(meta.Id));
    }

    [Fact]
    public void Restore_refuses_when_something_exists_at_the_original_place_and_overwrites_nothing()
    {
        var meta = _store.Create("/w", "m");
        var entry = _trash.DeleteSession(_store, meta.Id);
        Fixture.Write(Path.Combine(_store.SessionDir(meta.Id), "new.txt"), "someone else's");

        var error = Assert.Throws<RestoreConflictException>(() => _trash.Restore(entry.Id, _store));

        Assert.Equal([_store.SessionDir(meta.Id)], error.Conflicts);
        Assert.Equal("someone else's", File.ReadAllText(Path.Combine(_store.SessionDir(meta.Id), "new.txt")));
        Assert.Single(_trash.List());
    }

    [Fact]
    public void A_live_session_is_never_deleted()
    {
        var meta = _store.Create("/w", "m");
        using var python = Python.StartAndWaitFor("locked", "hold", _store.Root, meta.Id, "30");
        try
        {
            var error = Assert.Throws<LiveSessionException>(() => _trash.DeleteSession(_store, meta.Id));
            Assert.Contains("live", error.Message);
            Assert.True(Directory.Exists(_store.SessionDir(meta.Id)));
            Assert.Empty(_trash.List());
        }
        finally
        {
            python.Kill();
            python.WaitForExit();
        }
    }

    [Fact]
    public void Symbolic_links_are_moved_and_removed_as_links_never_followed()
    {
        var meta = _store.Create("/w", "m");
        string outside = _dir.Combine("outside");
        Fixture.Write(Path.Combine(outside, "precious.txt"), "keep me");
        Directory.CreateSymbolicLink(Path.Combine(_store.SessionDir(meta.Id), "artifacts", "linked-dir"), outside);
        File.CreateSymbolicLink(Path.Combine(_store.SessionDir(meta.Id), "artifacts", "linked-file"), Path.Combine(outside, "precious.txt"));

        var entry = _trash.DeleteSession(_store, meta.Id);
        string moved = Path.Combine(entry.Folder, "items", entry.Items[0].StoredName, "artifacts");
        Assert.NotNull(new FileInfo(Path.Combine(moved, "linked-dir")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(outside, "precious.txt")));
        Assert.Equal(0, entry.Bytes - Sizes(entry)); // links count as nothing

        _trash.Empty();
        Assert.Empty(_trash.List());
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(outside, "precious.txt")));
    }

    [Fact]
    public void Empty_older_than_keeps_recent_entries()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var trash = new SessionTrash(_store.Root, clock);
        var old = _store.Create("/w", "m", "old");
        var recent = _store.Create("/w", "m", "recent");
        trash.DeleteSession(_store, old.Id);
        clock.Now += TimeSpan.FromDays(40);
        trash.DeleteSession(_store, recent.Id);

        var removed = trash.Empty(TimeSpan.FromDays(30));

        Assert.Equal([old.Id], removed.Select(e => e.SessionId));
        Assert.Equal([recent.Id], trash.List().Select(e => e.SessionId));
    }

    [Fact]
    public void Any_source_can_delete_files_through_it()
    {
        string gemini = _dir.Combine("gemini", "chats");
        Fixture.Write(Path.Combine(gemini, "session-2025-01-01T10-00-abcd1234.jsonl"), "{}\n");
        Fixture.Write(Path.Combine(gemini, "abcd1234-full-id", "sub.jsonl"), "{}\n");
        var entry = _trash.Move(
            [Path.Combine(gemini, "session-2025-01-01T10-00-abcd1234.jsonl"), Path.Combine(gemini, "abcd1234-full-id")],
            "gemini", "abcd1234-full-id", "a gemini chat");
        Assert.Empty(Directory.GetFileSystemEntries(gemini));
        Assert.Equal("gemini", _trash.List().Single().Source);
        _trash.Restore(entry.Id);
        Assert.True(File.Exists(Path.Combine(gemini, "session-2025-01-01T10-00-abcd1234.jsonl")));
        Assert.True(File.Exists(Path.Combine(gemini, "abcd1234-full-id", "sub.jsonl")));
    }

    [Fact]
    public void Bad_ids_and_damaged_records_are_handled()
    {
        Assert.Throws<SessionBrowser.Core.Storage.InvalidSessionIdException>(() => _trash.DeleteSession(_store, "../x"));
        Assert.Throws<SessionBrowser.Core.Storage.InvalidSessionIdException>(() => _trash.Restore("../../etc"));
        Assert.Throws<KeyNotFoundException>(() => _trash.DeleteSession(_store, "nothere1"));
        Fixture.Write(Path.Combine(_trash.Folder, "broken-entry", "record.json"), "{\"items\": [{\"original\": \"/x\", \"stored\": \"../../escape\"}]}");
        var listed = Assert.Single(_trash.List());
        Assert.NotNull(listed.Damaged);
        Assert.Throws<InvalidDataException>(() => _trash.Restore("broken-entry"));
        Assert.Single(_trash.Empty());
    }

    private static long Sizes(TrashEntry entry) =>
        SessionBrowser.Core.Storage.FileTree.Size(Path.Combine(entry.Folder, "items"));

    [Fact]
    public void Deleting_many_in_batches_moves_all_but_the_live_one_and_each_restores()
    {
        var ids = Enumerable.Range(0, SessionTrash.BatchSize + 20).Select(i => _store.Create("/w", "m", $"s{i}").Id).ToList();
        string live = ids[SessionTrash.BatchSize - 3];
        var failures = new List<string>();
        List<TrashEntry> entries;
        using (_store.TryOpenWriter(live))
            entries = _trash.DeleteSessions(_store, ids, (id, _) => failures.Add(id)).ToList();

        Assert.Equal([live], failures);
        Assert.Equal(ids.Count - 1, entries.Count);
        Assert.Equal([live], _store.Index.Ids());
        Assert.Empty(Directory.GetDirectories(_trash.Folder, ".*")); // no work folder left
        foreach (var entry in entries) _trash.Restore(entry.Id, _store);
        Assert.Equal(ids.Order(StringComparer.Ordinal), _store.List().Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), _store.Index.Ids().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A cleanup hands over the rows it listed; the session's lock, taken for the move, stands in
    /// for reading each again. Whatever changed since the listing must still be refused or reported.
    /// </summary>
    [Fact]
    public void Deleting_listed_sessions_refuses_one_gone_live_and_one_gone_away_since_the_listing()
    {
        var ids = Enumerable.Range(0, 6).Select(i => _store.Create("/w", "m", $"listed {i}").Id).ToList();
        foreach (string id in ids) _store.MarkCompleted(id);
        var listed = _store.List().OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        string live = listed[1].Id, gone = listed[4].Id;
        Directory.Delete(_store.SessionDir(gone), recursive: true);
        var failures = new List<(string Id, Exception Error)>();
        List<TrashEntry> entries;
        using (_store.TryOpenWriter(live))
            entries = _trash.DeleteSessions(_store, listed, (id, e) => failures.Add((id, e))).ToList();

        Assert.Equal([live, gone], failures.Select(f => f.Id));
        Assert.Contains("is live", failures[0].Error.Message);
        Assert.IsType<KeyNotFoundException>(failures[1].Error);
        Assert.Equal(listed.Select(s => s.Id).Except([live, gone]), entries.Select(e => e.SessionId));
        Assert.Equal(listed.Where(s => s.Id != live && s.Id != gone).Select(s => s.Title), entries.Select(e => e.Title));
        Assert.All(entries, e => Assert.True(e.Bytes > 0));
        // The folder removed by hand keeps its index line (nothing deleted it); the moved ones lost theirs.
        Assert.Equal(new[] { live, gone }.Order(StringComparer.Ordinal), _store.Index.Ids().Order(StringComparer.Ordinal));
        Assert.Equal([live], _store.List().Select(s => s.Id));
    }

    [Fact]
    public void An_entry_with_a_lost_item_is_refused_and_nothing_is_put_back()
    {
        var meta = _store.Create("/w", "m", "half emptied");
        var entry = _trash.DeleteSession(_store, meta.Id);
        Directory.Delete(Path.Combine(entry.Folder, "items", entry.Items[0].StoredName), recursive: true);

        var error = Assert.Throws<InvalidDataException>(() => _trash.Restore(entry.Id, _store));

        Assert.Contains("incomplete", error.Message);
        Assert.False(Directory.Exists(_store.SessionDir(meta.Id)));
        Assert.Contains(_trash.Check(repair: false), p => p.Problem.Contains("incomplete", StringComparison.Ordinal));
    }
}
