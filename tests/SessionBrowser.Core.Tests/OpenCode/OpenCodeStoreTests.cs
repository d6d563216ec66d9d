using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.OpenCode;

namespace SessionBrowser.Core.Tests.OpenCode;

public sealed class OpenCodeStoreTests : IDisposable
{
    private readonly OpenCodeFixture _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Lists_top_level_sessions_with_title_directory_figures_from_the_messages_and_archived()
    {
        var sessions = _home.Store().List().ToDictionary(s => s.Id);
        Assert.Equal([OpenCodeFixture.Docs, OpenCodeFixture.Old, OpenCodeFixture.Parser], sessions.Keys.Order(StringComparer.Ordinal));

        var parser = sessions[OpenCodeFixture.Parser];
        Assert.Equal(new SessionRef("opencode", OpenCodeFixture.Parser), parser.Ref);
        Assert.Equal("Fix the parser", parser.Title);
        Assert.Equal(_home.ProjectDir, parser.WorkDir);
        Assert.Equal(1200 + 300 + 1500 + 200, parser.TotalTokens);
        Assert.Equal(0.0325, parser.TotalCost, 6);
        Assert.Equal("claude-sonnet-4", parser.Model);
        Assert.Equal(OpenCodeFixture.Start.AddHours(2), parser.CreatedAt);
        Assert.Equal(OpenCodeFixture.Start.AddHours(2).AddSeconds(20), parser.LastActive);
        Assert.Equal(SessionStatus.Paused, parser.Status);
        Assert.Null(parser.Damaged);
        Assert.Equal(Path.Combine(_home.Folder, "opencode.db"), parser.Path);

        Assert.Equal("gpt-5", sessions[OpenCodeFixture.Docs].Model);
        Assert.Equal(OpenCodeStore.ArchivedStatus, sessions[OpenCodeFixture.Old].Status);
        Assert.Equal(OpenCodeStore.ArchivedStatus, sessions[OpenCodeFixture.Old].DisplayStatus);
    }

    [Fact]
    public void Newest_activity_first_across_sources_order()
    {
        var sources = new SessionSources([_home.Store()]);
        Assert.Equal([OpenCodeFixture.Parser, OpenCodeFixture.Docs, OpenCodeFixture.Old], sources.List().Select(m => m.Session.Id));
    }

    [Fact]
    public void A_child_session_is_not_listed_or_found_on_its_own()
    {
        var store = _home.Store();
        Assert.DoesNotContain(store.List(), s => s.Id == OpenCodeFixture.Child);
        Assert.Null(store.Find(OpenCodeFixture.Child));
        Assert.Null(store.Find("ses_nothing"));
    }

    [Fact]
    public void Messages_read_as_prompt_thinking_tool_answer_and_their_count_is_the_list_count()
    {
        var store = _home.Store();
        var records = store.ReadMessages(OpenCodeFixture.Parser).ToList();
        Assert.Equal([Roles.User, Roles.Thinking, Roles.Tool, Roles.Assistant, Roles.User, Roles.Assistant], records.Select(r => r.Message!.Role));
        Assert.Equal("The parser drops trailing fields", records[0].Message!.Content);
        Assert.Equal("Look at the tokenizer first.", records[1].Message!.Content);
        Assert.StartsWith("**Tool:** `read` (completed)", records[2].Message!.Content, StringComparison.Ordinal);
        Assert.Contains("\"filePath\": \"" + _home.ProjectDir + "/parser.ts\"", records[2].Message!.Content, StringComparison.Ordinal);
        Assert.Contains("export function parse() {}", records[2].Message!.Content, StringComparison.Ordinal);
        Assert.Equal("Fixed the tokenizer.", records[3].Message!.Content);
        Assert.Equal([0, 1, 2, 3, 4, 5], records.Select(r => r.Index));
        Assert.Equal(OpenCodeFixture.Start.AddHours(2).AddSeconds(5), records[0].Message!.Time);
        Assert.Equal(records.Count, store.Find(OpenCodeFixture.Parser)!.MessageCount);
    }

    [Fact]
    public void Synthetic_text_is_left_out_and_an_attached_file_is_named()
    {
        _home.Writer.Begin(_home.ProjectDir, "ses_0a1b2c3d4e5fSyntheticSess01", OpenCodeFixture.Start, "Files")
            .User("Look at this").RawPart("""{"type":"text","text":"Called the Read tool with {\"filePath\":\"a.ts\"}","synthetic":true}""")
            .RawPart("""{"type":"file","mime":"text/plain","filename":"a.ts","url":"file:///w/a.ts"}""")
            .Write();
        var store = _home.Store();
        var record = Assert.Single(store.ReadMessages("ses_0a1b2c3d4e5fSyntheticSess01"));
        Assert.Equal("Look at this\n\n[file: a.ts]", record.Message!.Content);
        Assert.Equal(1, store.Find("ses_0a1b2c3d4e5fSyntheticSess01")!.MessageCount);
    }

    [Fact]
    public void A_part_that_is_not_json_marks_its_session_damaged_and_the_rest_still_reads()
    {
        const string id = "ses_0a1b2c3d4e5fDamagedSession1";
        _home.Writer.Begin(_home.ProjectDir, id, OpenCodeFixture.Start, "Half written")
            .User("first").RawPart("{\"type\":\"text\",\"te").Assistant("still here", 10, 5, 0.001).Write();
        var sessions = _home.Store().List().ToDictionary(s => s.Id);
        Assert.Equal(4, sessions.Count);
        Assert.Contains("is not JSON", sessions[id].Damaged, StringComparison.Ordinal);
        Assert.Equal("damaged", sessions[id].DisplayStatus);
        Assert.Null(sessions[OpenCodeFixture.Parser].Damaged);

        var records = _home.Store().ReadMessages(id).ToList();
        Assert.Equal("first", records[0].Message!.Content);
        Assert.NotNull(records[1].Damage);
        Assert.Equal("still here", records[2].Message!.Content);
    }

    [Fact]
    public void Wrong_types_in_message_data_count_as_nothing_and_never_throw()
    {
        const string id = "ses_0a1b2c3d4e5fWrongTypesSes01";
        _home.Writer.Begin(_home.ProjectDir, id, OpenCodeFixture.Start, "Odd").User("hi").Assistant("ok", 10, 5, 0.5).Write();
        _home.Execute($"UPDATE message SET data = json_set(data, '$.tokens.input', 'many', '$.cost', 'lots', '$.modelID', 7) WHERE session_id = '{id}'");
        var session = _home.Store().Find(id)!;
        Assert.Equal(5, session.TotalTokens);
        Assert.Equal(0, session.TotalCost);
        Assert.Null(session.Model);
        Assert.Null(session.Damaged);
    }

    [Fact]
    public void The_sessions_columns_count_when_the_messages_carry_no_figures()
    {
        const string id = "ses_0a1b2c3d4e5fColumnsSession1";
        _home.Writer.Begin(_home.ProjectDir, id, OpenCodeFixture.Start, "Columns").User("hi").Write();
        _home.Execute($"UPDATE session SET tokens_input = 40, tokens_output = 2, cost = 0.25 WHERE id = '{id}'");
        var session = _home.Store().Find(id)!;
        Assert.Equal(42, session.TotalTokens);
        Assert.Equal(0.25, session.TotalCost);
    }

    [Fact]
    public void Reads_while_opencode_holds_a_write_transaction_without_waiting_and_sees_what_was_committed()
    {
        using var opencode = _home.Connect();
        using var transaction = opencode.BeginTransaction(deferred: false);
        using (var insert = opencode.CreateCommand())
        {
            insert.CommandText = "UPDATE session SET title = 'uncommitted' WHERE id = '" + OpenCodeFixture.Parser + "'";
            insert.ExecuteNonQuery();
        }
        var clock = Stopwatch.StartNew();
        var store = _home.Store();
        var sessions = store.List();
        var messages = store.ReadMessages(OpenCodeFixture.Parser).ToList();
        clock.Stop();
        Assert.Equal("Fix the parser", sessions.Single(s => s.Id == OpenCodeFixture.Parser).Title);
        Assert.Equal(6, messages.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(OpenCodeDatabase.BusySeconds), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_exclusive_lock_gives_a_damaged_notice_row_in_bounded_time_never_a_hang()
    {
        _home.Execute("PRAGMA journal_mode = DELETE");
        using var opencode = _home.Connect();
        using (var exclusive = opencode.CreateCommand())
        {
            // What a rollback-journal writer holds while it commits: nobody may read.
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            exclusive.ExecuteNonQuery();
        }
        var clock = Stopwatch.StartNew();
        var store = _home.Store();
        var row = Assert.Single(store.List());
        Assert.Contains("busy", row.Damaged, StringComparison.Ordinal);
        Assert.Throws<OpenCodeBusyException>(() => store.Find(OpenCodeFixture.Parser));
        var busy = Assert.Throws<SqliteException>(() => store.Stamps().ToList());
        Assert.Equal(5, busy.SqliteErrorCode);
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_database_that_is_not_sqlite_lists_as_one_damaged_row()
    {
        string folder = Path.Combine(_home.Folder, "..", "broken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "opencode.db"), "this is not a database, just text long enough to be read as a header.....");
        var store = new OpenCodeStore(folder);
        var row = Assert.Single(store.List());
        Assert.NotNull(row.Damaged);
        Assert.Equal(row.Id, Assert.Single(store.Stamps()).Id);
    }

    [Fact]
    public void Stamps_change_when_opencode_adds_a_part_and_only_for_that_session()
    {
        var before = _home.Store().Stamps().ToDictionary(s => s.Id);
        Assert.Equal(3, before.Count);
        _home.Execute($$"""
            INSERT INTO part (id, message_id, session_id, time_created, time_updated, data)
            SELECT 'prt_zzzzzzzzzzzz00000000000001', id, session_id, time_created, time_created + 99000, '{"type":"text","text":"more"}'
            FROM message WHERE session_id = '{{OpenCodeFixture.Docs}}' ORDER BY time_created DESC LIMIT 1
            """);
        var after = _home.Store().Stamps().ToDictionary(s => s.Id);
        Assert.NotEqual(before[OpenCodeFixture.Docs], after[OpenCodeFixture.Docs]);
        Assert.Equal(before[OpenCodeFixture.Parser], after[OpenCodeFixture.Parser]);
        Assert.Equal(before[OpenCodeFixture.Old], after[OpenCodeFixture.Old]);
    }

    [Fact]
    public void Resume_is_opencode_dir_dash_s_id_run_in_the_dir()
    {
        var resume = _home.Store().ResumeCommandFor(OpenCodeFixture.Parser)!;
        Assert.Equal(["opencode", _home.ProjectDir, "-s", OpenCodeFixture.Parser], resume.Arguments);
        Assert.Equal(_home.ProjectDir, resume.WorkingDirectory);
        Assert.Null(_home.Store().ResumeCommandFor("ses_missing"));
    }

    [Fact]
    public void The_default_folder_follows_xdg_data_home_and_no_database_means_no_store()
    {
        Assert.Equal("/x/data/opencode", OpenCodeStore.DefaultFolder(name => name == "XDG_DATA_HOME" ? "/x/data" : null, "/home/u"));
        Assert.Equal("/home/u/.local/share/opencode", OpenCodeStore.DefaultFolder(_ => null, "/home/u"));
        Assert.Null(OpenCodeStore.OpenDefault(_ => null, Path.Combine(_home.Folder, "nobody")));
    }
}
