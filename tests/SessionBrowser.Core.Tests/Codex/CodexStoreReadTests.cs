using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Codex;

namespace SessionBrowser.Core.Tests.Codex;

public sealed class CodexStoreReadTests : IDisposable
{
    private readonly CodexFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private const string LegacyId = "5f0c9a52-3b7e-4d8e-9a41-2c6f1e0b7d11";
    private const string ItemsId = "01a24640-5911-7dd0-8b5e-f4d6f0f3c16d";

    [Fact]
    public void Samples_of_both_event_styles_list_with_ids_titles_counts_tokens_cwd_and_model()
    {
        _fixture.AddSamples();
        var sessions = _fixture.Store().List().OrderBy(s => s.CreatedAt).ToList();

        Assert.Equal([LegacyId, ItemsId], sessions.Select(s => s.Id));
        var legacy = sessions[0];
        Assert.Equal("codex", legacy.Source);
        Assert.Equal("Add a --verbose flag to the CLI parser", legacy.Title);
        Assert.Equal(2, legacy.MessageCount);
        Assert.Equal(8535, legacy.TotalTokens);
        Assert.Equal("/home/dev/proj", legacy.WorkDir);
        Assert.Equal("gpt-5-codex", legacy.Model);
        Assert.Null(legacy.Damaged);

        var items = sessions[1];
        Assert.Equal("fix the login bug please", items.Title);
        Assert.Equal(4, items.MessageCount);
        Assert.Equal(3660, items.TotalTokens);
        Assert.Equal("gpt-5.1-codex", items.Model);
        Assert.Equal(DateTimeOffset.Parse("2026-12-05T12:49:11.966Z", System.Globalization.CultureInfo.InvariantCulture), items.CreatedAt);
    }

    [Fact]
    public void A_message_carried_by_an_event_and_a_response_item_is_shown_once_in_both_styles()
    {
        _fixture.AddSamples();
        var store = _fixture.Store();

        var legacy = store.ReadMessages(LegacyId).Select(r => r.Message!).ToList();
        Assert.Equal(["system", "user", "tool", "tool", "tool", "assistant"], legacy.Select(m => m.Role));
        Assert.Single(legacy, m => m.Content == "Add a --verbose flag to the CLI parser");
        Assert.Single(legacy, m => m.Content == "Added `--verbose` to cli.py.");
        Assert.Equal("reasoning", legacy[2].Metadata!["tool"]!.GetValue<string>());
        Assert.Equal("$ rg -n argparse\n(in /home/dev/proj)", legacy[3].Content);
        Assert.Equal("cli.py:3:import argparse\n", legacy[4].Content);

        var items = store.ReadMessages(ItemsId).Select(r => r.Message!).ToList();
        Assert.Single(items, m => m.Content == "fix the login bug please");
        Assert.Single(items, m => m.Content == "Hello! (mock reply #1)");
        Assert.Equal(["system", "user", "assistant", "user", "tool", "tool", "assistant"], items.Select(m => m.Role));
    }

    [Fact]
    public void A_rollout_with_only_events_shows_the_event_messages()
    {
        string id = CodexFixture.Id(1);
        var start = CodexFixture.Now.AddHours(-1);
        var rollout = _fixture.Writer.Session(id, start, "/w");
        rollout.Raw("""{"timestamp":"2026-12-05T11:00:01.000Z","type":"event_msg","payload":{"type":"user_message","message":"only an event"}}""");
        rollout.Raw("""{"timestamp":"2026-12-05T11:00:02.000Z","type":"event_msg","payload":{"type":"agent_message","message":"answer"}}""");
        _fixture.Writer.Save(rollout);

        var store = _fixture.Store();
        Assert.Equal("only an event", store.Find(id)!.Title);
        Assert.Equal(2, store.Find(id)!.MessageCount);
        Assert.Equal(["system", "user", "assistant"], store.ReadMessages(id).Select(r => r.Message!.Role));
    }

    [Fact]
    public void Title_is_the_latest_index_name_else_the_first_real_prompt_skipping_injected_blocks()
    {
        var start = CodexFixture.Now.AddDays(-1);
        var named = _fixture.Writer.Session(CodexFixture.Id(1), start, "/w");
        named.User("<user_instructions>\nbe brief\n</user_instructions>").User("first real ask").Assistant("ok");
        _fixture.Writer.Save(named);
        var plain = _fixture.Writer.Session(CodexFixture.Id(2), start.AddMinutes(1), "/w", CodexEventStyle.Items);
        plain.User("# AGENTS.md instructions for /w\n\n<INSTRUCTIONS>x</INSTRUCTIONS>").User("second session ask").Assistant("ok");
        _fixture.Writer.Save(plain);
        _fixture.Writer.Name(CodexFixture.Id(1), "old name", start);
        _fixture.Writer.Name(CodexFixture.Id(1), "new name", start.AddMinutes(5));

        var store = _fixture.Store();
        Assert.Equal("new name", store.Find(CodexFixture.Id(1))!.Title);
        Assert.Equal("second session ask", store.Find(CodexFixture.Id(2))!.Title);
        Assert.Equal(2, store.Find(CodexFixture.Id(2))!.MessageCount);
    }

    [Fact]
    public void Damaged_lines_are_shown_and_never_drop_the_session_or_its_neighbours()
    {
        var start = CodexFixture.Now.AddHours(-2);
        var rollout = _fixture.Writer.Session(CodexFixture.Id(3), start, "/w");
        rollout.User("before").Raw("{not json").Assistant("after").Raw("{\"timestamp\":\"2026-12-05T10:00:00Z\",\"type\":\"resp");
        _fixture.Writer.Save(rollout);
        _fixture.Writer.Save(_fixture.Writer.Session(CodexFixture.Id(4), start, "/w").User("fine"));

        var store = _fixture.Store();
        var sessions = store.List();
        Assert.Equal(2, sessions.Count);
        var damaged = store.Find(CodexFixture.Id(3))!;
        Assert.Contains("2 unreadable lines", damaged.Damaged);
        Assert.Equal("before", damaged.Title);
        var records = store.ReadMessages(CodexFixture.Id(3)).ToList();
        Assert.Equal(2, records.Count(r => r.Damage is not null));
        Assert.Equal(["system", "user", "assistant"], records.Where(r => r.Message is not null).Select(r => r.Message!.Role));
        Assert.Null(store.Find(CodexFixture.Id(4))!.Damaged);
    }

    [Fact]
    public void Archived_sessions_plain_and_zstd_are_listed_as_archived_and_read()
    {
        var start = CodexFixture.Now.AddDays(-40);
        _fixture.Writer.Save(_fixture.Writer.Session(CodexFixture.Id(5), start, "/w", archived: true).User("archived plain").Assistant("a").TokenCount(100, 20));
        _fixture.Writer.Save(_fixture.Writer.Session(CodexFixture.Id(6), start, "/w", archived: true, compressed: true).User("archived zstd").Assistant("b").TokenCount(10, 5));

        var store = _fixture.Store();
        var plain = store.Find(CodexFixture.Id(5))!;
        var zstd = store.Find(CodexFixture.Id(6))!;
        Assert.Equal(CodexStore.ArchivedStatus, plain.Status);
        Assert.Equal(CodexStore.ArchivedStatus, zstd.Status);
        Assert.Equal("archived zstd", zstd.Title);
        Assert.Equal(15, zstd.TotalTokens);
        Assert.EndsWith(".jsonl.zst", zstd.Path, StringComparison.Ordinal);
        Assert.Equal(["system", "user", "assistant"], store.ReadMessages(CodexFixture.Id(6)).Select(r => r.Message!.Role));
    }

    [Fact]
    public void Exec_sessions_are_listed_and_tagged()
    {
        _fixture.Writer.Save(_fixture.Writer.Session(CodexFixture.Id(7), CodexFixture.Now, "/w", source: "exec").User("scripted"));
        Assert.Equal(["exec"], _fixture.Store().Find(CodexFixture.Id(7))!.Tags);
    }

    [Fact]
    public void Message_offsets_are_the_records_read_from_each_offset()
    {
        _fixture.AddSamples();
        var store = _fixture.Store();
        var all = store.ReadMessages(ItemsId).ToList();
        var offsets = store.MessageOffsets(ItemsId);
        Assert.Equal(all.Select(r => r.Offset), offsets);
        var fromFourth = store.ReadMessages(ItemsId, offsets[3], 3).First();
        Assert.Equal((all[3].Index, all[3].Offset, all[3].Message!.Content), (fromFourth.Index, fromFourth.Offset, fromFourth.Message!.Content));
    }

    [Fact]
    public void A_rename_appends_codex_index_line_read_back_and_changes_the_stamp()
    {
        _fixture.AddSamples();
        var store = _fixture.Store();
        var before = store.StampOf(LegacyId)!;
        byte[] rollout = File.ReadAllBytes(store.Find(LegacyId)!.Path);

        store.Rename(LegacyId, "My renamed session");

        string line = File.ReadAllLines(Path.Combine(_fixture.Home, "session_index.jsonl")).Single();
        Assert.Matches("""^\{"id":"5f0c9a52-3b7e-4d8e-9a41-2c6f1e0b7d11","thread_name":"My renamed session","updated_at":"2026-12-05T12:00:00\.000000000Z"\}$""", line);
        Assert.Equal("My renamed session", store.Find(LegacyId)!.Title);
        Assert.NotEqual(before.Head, store.StampOf(LegacyId)!.Head);
        Assert.Equal(before.Messages, store.StampOf(LegacyId)!.Messages);
        Assert.Equal(rollout, File.ReadAllBytes(store.Find(LegacyId)!.Path));
    }

    [Fact]
    public void Resume_is_codex_resume_in_the_work_dir_and_a_session_belongs_to_its_cwd()
    {
        _fixture.AddSamples();
        var store = _fixture.Store();
        var command = store.ResumeCommandFor(ItemsId)!;
        Assert.Equal(["codex", "resume", ItemsId, "-C", "/home/dev/proj"], command.Arguments);
        Assert.Equal("/home/dev/proj", command.WorkingDirectory);
        Assert.True(new ProjectFolder("/home/dev/proj/").RuleFor(store)(store.Find(ItemsId)!));
        Assert.False(new ProjectFolder("/home/dev/other").RuleFor(store)(store.Find(ItemsId)!));
    }
}
