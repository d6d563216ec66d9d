using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Codex;

namespace SessionBrowser.Core.Tests.Codex;

/// <summary>
/// Delete and undo through the store's abilities, in the order the trash calls them: plan, claim,
/// move the files, remove the records; then move back and restore the records.
/// </summary>
public sealed class CodexDeleteTests : IDisposable
{
    private readonly CodexFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private (string Target, string Other) Home()
    {
        var start = CodexFixture.Now.AddDays(-3);
        string target = CodexFixture.Id(1), other = CodexFixture.Id(2);
        _fixture.Writer.Save(_fixture.Writer.Session(target, start, "/w").User("delete me").Assistant("ok").TokenCount(10, 2));
        _fixture.Writer.Save(_fixture.Writer.Session(other, start.AddMinutes(1), "/w", CodexEventStyle.Items).User("keep me").Assistant("ok"));
        _fixture.Writer.Name(other, "kept name", start);
        _fixture.Writer.Name(target, "first name", start.AddMinutes(2));
        _fixture.Writer.Name(other, "kept renamed", start.AddMinutes(3));
        _fixture.Writer.Name(target, "second name", start.AddMinutes(4));
        _fixture.Writer.ShellSnapshot(target, start);
        _fixture.Writer.ShellSnapshot(other, start);
        _fixture.Writer.WriteDatabases();
        return (target, other);
    }

    [Fact]
    public void Delete_takes_files_index_lines_and_rows_and_undo_restores_them_byte_for_byte_and_row_for_row()
    {
        var (target, other) = Home();
        var store = _fixture.Store();
        string index = Path.Combine(_fixture.Home, "session_index.jsonl");
        var files = Files();
        string state = Dump(Path.Combine(_fixture.Home, "state_5.sqlite")), history = Dump(Path.Combine(_fixture.Home, "thread_history_1.sqlite"));

        var plan = store.PlanDelete(target);
        Assert.Equal(2, plan.Files.Count);
        Assert.All(plan.Files, path => Assert.True(store.Owns(path)));
        Assert.Contains(plan.Files, path => path.Contains("shell_snapshots", StringComparison.Ordinal));
        Assert.Equal(["2 line(s) of session_index.jsonl", "1 row(s) in state_5.sqlite", "3 row(s) in thread_history_1.sqlite"], plan.Records);

        string trash = Path.Combine(_fixture.Root, "trash");
        string keep = Path.Combine(trash, "keep");
        using (store.Claim(target))
        {
            Directory.CreateDirectory(trash);
            foreach (var (path, i) in plan.Files.Select((p, i) => (p, i))) File.Move(path, Path.Combine(trash, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            store.RemoveRecords(target, keep);
        }

        Assert.Null(store.Find(target));
        Assert.Equal(2, File.ReadAllLines(index).Length);
        Assert.DoesNotContain(target, File.ReadAllText(index), StringComparison.Ordinal);
        Assert.DoesNotContain(target, Dump(Path.Combine(_fixture.Home, "state_5.sqlite")), StringComparison.Ordinal);
        Assert.DoesNotContain(target, Dump(Path.Combine(_fixture.Home, "thread_history_1.sqlite")), StringComparison.Ordinal);
        Assert.Equal("kept renamed", store.Find(other)!.Title);

        foreach (var (path, i) in plan.Files.Select((p, i) => (p, i))) File.Move(Path.Combine(trash, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), path);
        store.RestoreRecords(target, keep);

        Assert.Equal(files, Files());
        Assert.Equal(state, Dump(Path.Combine(_fixture.Home, "state_5.sqlite")));
        Assert.Equal(history, Dump(Path.Combine(_fixture.Home, "thread_history_1.sqlite")));
        Assert.Equal("second name", store.Find(target)!.Title);
    }

    [Fact]
    public void A_session_whose_writer_lock_codex_holds_is_refused_and_shown_live()
    {
        var (target, _) = Home();
        string lockPath = Path.Combine(_fixture.Home, "thread-writer-locks", target + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        var store = _fixture.Store();
        using (FileLock.TryAcquire(lockPath)!)
        {
            Assert.Equal(SessionBrowser.Core.Model.Liveness.Live, store.Find(target)!.Liveness);
            var refused = Assert.Throws<SessionRefusedException>(() => store.PlanDelete(target));
            Assert.Contains("thread-writer-locks", refused.Message, StringComparison.Ordinal);
        }
        Assert.NotNull(store.PlanDelete(target));
    }

    [Fact]
    public void A_busy_database_refuses_the_delete_and_keeps_everything()
    {
        var (target, _) = Home();
        var store = _fixture.Store();
        string state = Path.Combine(_fixture.Home, "state_5.sqlite");
        using var holder = new SqliteConnection($"Data Source={state};Pooling=False");
        holder.Open();
        using var writing = holder.BeginTransaction(deferred: false);
        using (var touch = holder.CreateCommand())
        {
            touch.CommandText = "UPDATE threads SET tokens_used = tokens_used";
            touch.ExecuteNonQuery();
        }
        string keep = Path.Combine(_fixture.Root, "keep");
        var refused = Assert.Throws<SessionRefusedException>(() => store.RemoveRecords(target, keep));
        Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
        writing.Rollback();
        Assert.Contains(target, Dump(state), StringComparison.Ordinal);
    }

    private Dictionary<string, string> Files() =>
        Directory.EnumerateFiles(_fixture.Home, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".sqlite", StringComparison.Ordinal) && !f.Contains(".sqlite-", StringComparison.Ordinal))
            .ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));

    /// <summary>Every row of every table (with rowids), as text.</summary>
    private static string Dump(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var dump = new System.Text.StringBuilder();
        foreach (string table in tables)
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT rowid, * FROM \"{table}\" ORDER BY rowid";
            using var reader = rows.ExecuteReader();
            while (reader.Read())
            {
                dump.Append(table);
                for (int i = 0; i < reader.FieldCount; i++) dump.Append('|').Append(reader.GetFieldType(i).Name).Append(':').Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                dump.Append('\n');
            }
        }
        return dump.ToString();
    }
}
