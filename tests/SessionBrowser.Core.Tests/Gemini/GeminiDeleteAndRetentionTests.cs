using System.Text.Json;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Gemini;

namespace SessionBrowser.Core.Tests.Gemini;

public sealed class GeminiDeleteAndRetentionTests : IDisposable
{
    private readonly GeminiFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void FilesOf_takes_exactly_the_full_id_and_its_artifacts_never_an_orphan_sharing_the_prefix()
    {
        var (_, folder) = _fixture.Project("orphan");
        string id = GeminiFixture.Id(1);
        string real = _fixture.Writer.Session(folder, id, GeminiFixture.Now.AddDays(-1)).User("u1", "the real session").Save();
        // Same 8-character prefix, different file: an empty orphan and another session's copy.
        string orphan = Path.Combine(folder, "chats", $"session-2026-11-01T09-00-{id[..8]}.json");
        File.WriteAllText(orphan, "");
        string other = _fixture.Writer.Session(folder, id[..8] + "-9999-4999-8999-999999999999", GeminiFixture.Now.AddDays(-3)).User("u1", "different full id").Save();
        string log = Path.Combine(folder, "logs", $"session-{id}.jsonl");
        string toolOutputs = Path.Combine(folder, "tool-outputs", $"session-{id}");
        string sessionDir = Path.Combine(folder, id);
        string subagents = Path.Combine(folder, "chats", id);
        foreach (string dir in new[] { toolOutputs, sessionDir, subagents }) Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "{}\n");
        File.WriteAllText(Path.Combine(folder, "logs", "session-unrelated.jsonl"), "{}\n");

        var store = _fixture.Store();
        var files = store.PlanDelete(id).Files;
        Assert.Equal(new[] { real, log, toolOutputs, sessionDir, subagents }.Order(), files.Order());
        Assert.DoesNotContain(orphan, files);
        Assert.DoesNotContain(other, files);

        // The orphan is its own damaged entry; deleting it takes only itself.
        var orphanEntry = store.List().Single(s => s.Path == orphan);
        Assert.Equal([orphan], store.PlanDelete(orphanEntry.Id).Files);

        // Deleting (moving away) exactly those files leaves the others listed and readable.
        foreach (string f in files) if (File.Exists(f)) File.Delete(f); else Directory.Delete(f, recursive: true);
        var left = _fixture.Store().List();
        Assert.DoesNotContain(left, s => s.Id == id);
        Assert.Contains(left, s => s.Path == other);
        Assert.True(File.Exists(orphan));
    }

    [Fact]
    public void A_crafted_session_id_never_names_a_folder_outside_its_own()
    {
        var (_, folder) = _fixture.Project("crafted");
        Directory.CreateDirectory(Path.Combine(folder, "checkpoints"));
        var writer = _fixture.Writer.Session(folder, "checkpoints", GeminiFixture.Now).User("u1", "evil");
        writer.Save();
        Assert.Equal([writer.FilePath], _fixture.Store().PlanDelete("checkpoints").Files);
        Assert.False(GeminiArtifacts.IsSafeId("../x"));
        Assert.False(GeminiArtifacts.IsSafeId(".."));
    }

    [Fact]
    public void Retention_defaults_flag_sessions_older_than_30_days_and_the_prefix_bug_victims()
    {
        var (path, folder) = _fixture.Project("retention");
        var now = GeminiFixture.Now;
        string fresh = GeminiFixture.Id(1), old = GeminiFixture.Id(2), victim = GeminiFixture.Id(3);
        _fixture.Writer.Session(folder, fresh, now.AddDays(-2)).User("u1", "fresh").Save();
        _fixture.Writer.Session(folder, old, now.AddDays(-45)).User("u1", "old").Save();
        _fixture.Writer.Session(folder, victim, now.AddDays(-1)).User("u1", "young but unlucky").Save();
        // An empty session file (Gemini deletes those) sharing the victim's prefix.
        _fixture.Writer.Session(folder, victim[..8] + "-0000-4000-8000-000000000000", now).Save();

        var sessions = _fixture.Store().List().ToDictionary(s => s.Id);
        Assert.Null(sessions[fresh].DeletionWarning);
        Assert.Contains("older than 30d", sessions[old].DeletionWarning);
        Assert.Contains(path, sessions[old].DeletionWarning);
        Assert.Contains("shares the id prefix", sessions[victim].DeletionWarning);
    }

    [Theory]
    [InlineData("""{"general": {"sessionRetention": {"enabled": false}}}""", 0)]
    [InlineData("""{"general": {"sessionRetention": {"maxAge": "bogus"}}}""", 0)]
    [InlineData("""{"general": {"sessionRetention": {"maxAge": "12h", "minRetention": "1d"}}}""", 0)]
    [InlineData("""{"general": {"sessionRetention": {"maxAge": "", "maxCount": 2}}}""", 2)]
    [InlineData("// comments are allowed\n{\"general\": {\"sessionRetention\": {\"maxAge\": \"3d\",}}}", 3)]
    public void Retention_settings_follow_gemini_validation(string settings, int expectedAtRisk)
    {
        var (_, folder) = _fixture.Project("settings");
        for (int i = 0; i < 4; i++)
            _fixture.Writer.Session(folder, GeminiFixture.Id(10 + i), GeminiFixture.Now.AddDays(-3 * i - 1)).User("u1", $"session {i}").Save();
        File.WriteAllText(Path.Combine(_fixture.Home, "settings.json"), settings);
        Assert.Equal(expectedAtRisk, _fixture.Store().List().Count(s => s.DeletionWarning is not null));
    }

    [Fact]
    public void Invalid_retention_policies_say_why_gemini_cleanup_is_off()
    {
        using var document = JsonDocument.Parse("""{"maxAge": "0d"}""");
        var retention = GeminiRetention.FromSettings(document.RootElement);
        Assert.False(retention.Enabled);
        Assert.Contains("greater than 0", retention.Problem);
        Assert.True(GeminiRetention.FromSettings(default).Enabled);
    }
}

public sealed class GeminiTrashAndCopyTests : IDisposable
{
    private readonly GeminiFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Delete_goes_to_the_trash_leaves_the_orphan_and_undo_brings_it_back()
    {
        var (_, folder) = _fixture.Project("trash");
        string id = GeminiFixture.Id(1);
        string real = _fixture.Writer.Session(folder, id, GeminiFixture.Now.AddDays(-1)).User("u1", "keep my work").Save();
        string orphan = Path.Combine(folder, "chats", $"session-2026-11-01T09-00-{id[..8]}.jsonl");
        File.WriteAllText(orphan, "");
        var trash = new SessionBrowser.Core.Lifecycle.SessionTrash(Path.Combine(_fixture.Root, "native"));

        var entry = trash.DeleteSession(_fixture.Store(), id);
        Assert.False(File.Exists(real));
        Assert.True(File.Exists(orphan));
        Assert.DoesNotContain(_fixture.Store().List(), s => s.Id == id);

        trash.Restore(entry.Id, _fixture.Store());
        Assert.Equal("keep my work", _fixture.Store().Find(id)!.Title);
    }

    [Fact]
    public void Copy_into_the_native_store_keeps_messages_times_and_origin_once()
    {
        var (path, folder) = _fixture.Project("copy");
        string id = GeminiFixture.Id(2);
        _fixture.Writer.Session(folder, id, GeminiFixture.Now.AddDays(-40)).User("u1", "old but precious 宝").Gemini("g1", "answer", tokens: 99).Save();
        var native = new SessionBrowser.Core.Stores.Native.NativeStore(Path.Combine(_fixture.Root, "native"));

        var copy = SessionCopy.ToNative(_fixture.Store(), id, native);
        Assert.False(copy.AlreadyCopied);
        Assert.Equal(2, copy.Messages);
        var meta = native.Get(copy.NativeId)!;
        Assert.Equal("old but precious 宝", meta.Description);
        Assert.Equal(path, meta.WorkDir);
        Assert.Equal(99, meta.TotalTokens);
        Assert.Equal(GeminiFixture.Now.AddDays(-40), meta.CreatedTime);
        Assert.Equal(["old but precious 宝", "answer"], native.ReadMessages(copy.NativeId).Select(r => r.Message!.Content));

        var again = SessionCopy.ToNative(_fixture.Store(), id, native);
        Assert.True(again.AlreadyCopied);
        Assert.Equal(copy.NativeId, again.NativeId);
        Assert.Single(native.List());
    }
}
