using SessionBrowser.Core.Storage;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Qwen;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Qwen;

public sealed class QwenStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private const string SampleId = "3d9b7e44-1c2a-4f5e-9b8d-7a6c5e4d3b2a";

    private readonly TempDirectory _temp = new("qwen");
    private readonly QwenHomeWriter _writer;

    public QwenStoreTests() => _writer = new QwenHomeWriter(_temp.Combine(".qwen"));

    public void Dispose() => _temp.Dispose();

    private QwenStore Store() => new(_writer.Home);

    private static string Id(int n) => $"{n:x8}-1111-4222-8333-{n:x12}";

    /// <summary>The shared sample, placed where Qwen keeps its project's chats.</summary>
    private string PlaceSample()
    {
        string folder = _writer.ChatsFolder("/home/dev/projects/api-server");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, SampleId + ".jsonl");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "qwen", SampleId + ".jsonl"), path);
        return path;
    }

    [Fact]
    public void The_sample_lists_with_its_custom_title_model_tokens_cwd_and_times()
    {
        string path = PlaceSample();
        var session = Assert.Single(Store().List());
        Assert.Equal(new SessionRef("qwen", SampleId), session.Ref);
        Assert.Equal("Config loader refactor", session.Title);
        Assert.Equal("qwen3-coder-plus", session.Model);
        Assert.Equal(930 + 1040, session.TotalTokens);
        Assert.Equal(4, session.MessageCount);
        Assert.Equal("/home/dev/projects/api-server", session.WorkDir);
        Assert.Equal(Start, session.CreatedAt);
        Assert.Equal(Start.AddSeconds(13), session.LastActive);
        Assert.Null(session.Damaged);
        Assert.Equal(path, session.Path);
    }

    [Fact]
    public void The_sample_reads_as_prompt_answer_with_tool_call_tool_output_answer()
    {
        PlaceSample();
        var messages = Store().ReadMessages(SampleId).ToList();
        Assert.Equal([Roles.User, Roles.Assistant, Roles.Tool, Roles.Assistant], messages.Select(m => m.Message!.Role));
        Assert.Equal("Refactor the config loader", messages[0].Message!.Content);
        Assert.Contains("**Tool:** `read_file`", messages[1].Message!.Content, StringComparison.Ordinal);
        Assert.Contains("\"absolute_path\": \"/home/dev/projects/api-server/config.py\"", messages[1].Message!.Content, StringComparison.Ordinal);
        Assert.Contains("def load(): ...", messages[2].Message!.Content, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 3], messages.Select(m => m.Index));
    }

    [Fact]
    public void Title_is_the_last_custom_title_else_the_first_prompt_cut_at_200_code_points()
    {
        string cwd = _temp.Combine("work");
        _writer.Begin(cwd, Id(1), Start).User("first ask").Assistant("ok", 10, 2).Title("Old name").Title("New name").Write();
        string longPrompt = string.Concat(Enumerable.Repeat("😀", 250));
        _writer.Begin(cwd, Id(2), Start).Raw("""{"type":"system","subtype":"session_source","sessionId":"x"}""").User(longPrompt).Write();
        _writer.Begin(cwd, Id(3), Start).Assistant("no user yet", 1, 1).Write();

        var store = Store();
        Assert.Equal("New name", store.Find(Id(1))!.Title);
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 200)) + "...", store.Find(Id(2))!.Title);
        Assert.Equal(QwenTitles.NoPrompt, store.Find(Id(3))!.Title);
    }

    [Fact]
    public void Rename_appends_a_custom_title_line_as_Qwen_writes_it_and_reads_back()
    {
        string path = PlaceSample();
        var before = File.ReadAllBytes(path);
        var store = Store();
        store.Rename(SampleId, "Loader: 拆分 parse/validate");

        var after = File.ReadAllBytes(path);
        Assert.Equal(before, after[..before.Length]);
        var line = JsonNode.Parse(after[before.Length..])!.AsObject();
        Assert.Equal(["uuid", "parentUuid", "sessionId", "timestamp", "type", "subtype", "cwd", "version", "systemPayload"],
            line.Select(p => p.Key));
        Assert.Equal("00000000-0000-4000-8000-000000002004", (string?)line["parentUuid"]);
        Assert.Equal("manual", (string?)line["systemPayload"]!["titleSource"]);
        Assert.Equal("Loader: 拆分 parse/validate", Store().Find(SampleId)!.Title);
        Assert.Equal(4, Store().ReadMessages(SampleId).Count());
    }

    [Fact]
    public void Archived_sessions_are_listed_as_archived()
    {
        string cwd = _temp.Combine("work");
        _writer.Begin(cwd, Id(1), Start).User("kept").Write();
        _writer.Begin(cwd, Id(2), Start).User("put away").Write(archived: true);
        var sessions = Store().List().ToDictionary(s => s.Id);
        Assert.Equal(SessionStatus.Paused, sessions[Id(1)].Status);
        Assert.Equal(QwenStore.ArchivedStatus, sessions[Id(2)].Status);
    }

    [Fact]
    public void A_torn_line_and_a_foreign_file_damage_nothing_else()
    {
        string cwd = _temp.Combine("work");
        _writer.Begin(cwd, Id(1), Start).User("good").Assistant("fine", 5, 5).Raw("{\"type\":\"user\",\"mess").Write();
        _writer.Begin(cwd, Id(2), Start).User("other").Write();
        File.WriteAllText(Path.Combine(_writer.ChatsFolder(cwd), "notes.jsonl"), "not a session");

        var store = Store();
        var sessions = store.List().ToDictionary(s => s.Id);
        Assert.Equal(2, sessions.Count);
        Assert.Contains("not valid JSON", sessions[Id(1)].Damaged, StringComparison.Ordinal);
        Assert.Null(sessions[Id(2)].Damaged);
        var records = store.ReadMessages(Id(1)).ToList();
        Assert.Equal(3, records.Count);
        Assert.NotNull(records[2].Damage);
        Assert.Equal(records.Select(r => r.Offset), store.MessageOffsets(Id(1)));
    }

    [Fact]
    public void Reading_from_an_offset_continues_an_appended_transcript()
    {
        string cwd = _temp.Combine("work");
        string path = _writer.Begin(cwd, Id(1), Start).User("one").Assistant("two", 1, 1).Title("t").Write();
        var store = Store();
        var first = store.ReadMessages(Id(1)).ToList();
        File.AppendAllText(path, File.ReadAllLines(path)[0].Replace("\"one\"", "\"three\"", StringComparison.Ordinal) + "\n");

        var offsets = store.MessageOffsets(Id(1));
        Assert.Equal(3, offsets.Count);
        var rest = store.ReadMessages(Id(1), offsets[2], first.Count).ToList();
        Assert.Equal("three", Assert.Single(rest).Message!.Content);
        Assert.Equal(2, rest[0].Index);
        Assert.NotEqual(store.StampOf(Id(1))!.Messages, new SessionStamp(Id(1), FileStamp.Missing, null).Messages);
    }

    [Fact]
    public void Stamps_name_every_listed_session_by_its_file()
    {
        string cwd = _temp.Combine("work");
        string a = _writer.Begin(cwd, Id(1), Start).User("a").Write();
        _writer.Begin(_temp.Combine("other"), Id(2), Start).User("b").Write(archived: true);
        var stamps = Store().Stamps().ToDictionary(s => s.Id);
        Assert.Equal(Store().List().Select(s => s.Id).Order(), stamps.Keys.Order());
        Assert.Equal(FileStamp.Of(a), stamps[Id(1)].Head);
    }

    [Fact]
    public void Resume_runs_qwen_resume_in_the_sessions_cwd()
    {
        string cwd = _temp.Combine("work");
        Directory.CreateDirectory(cwd);
        _writer.Begin(cwd, Id(1), Start).User("a").Write();
        var command = Store().ResumeCommandFor(Id(1))!;
        Assert.Equal(["qwen", "--resume", Id(1)], command.Arguments);
        Assert.Equal(cwd, command.WorkingDirectory);
    }
}
