using System.Diagnostics;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Stores.Gemini;

namespace SessionBrowser.Core.Tests.Gemini;

public sealed class GeminiCheckpointTests : IDisposable
{
    private readonly GeminiFixture _fixture = new();
    private readonly string _project;
    private readonly string _folder;
    private readonly string _sessionId = GeminiFixture.Id(1);
    private readonly string _gitDir;

    public GeminiCheckpointTests()
    {
        (_project, _folder) = _fixture.Project("restore");
        _fixture.Writer.Session(_folder, _sessionId, GeminiFixture.Now.AddHours(-1)).User("u1", "edit the app").Save();
        _gitDir = Path.Combine(_fixture.Home, "history", "restore", ".git");
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Checkpoints_of_the_session_are_its_timeline()
    {
        string commit = ShadowCommit();
        WriteCheckpoint("2026-11-20T10-00-00_000Z-app.txt-replace", commit, _sessionId + "########1");
        WriteCheckpoint("2026-11-20T09-00-00_000Z-notes.md-write_file", commit, _sessionId + "########0");
        WriteCheckpoint("2026-11-20T11-00-00_000Z-other.txt-replace", commit, GeminiFixture.Id(2) + "########1");
        File.WriteAllText(Path.Combine(_folder, "checkpoints", "junk.json"), "{ nope");

        var timeline = _fixture.Store().ListSnapshots(_sessionId);
        Assert.Equal([1, 2], timeline.Select(s => s.Step));
        Assert.Equal(["write_file notes.md", "replace app.txt"], timeline.Select(s => s.Label));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), timeline[0].Time);
        var project = _fixture.Store().ProjectOf(_sessionId)!;
        Assert.Contains(GeminiCheckpoints.ForProject(project), c => c.Name == "junk" && c.Error is not null);
        Assert.Contains("new_string:", GeminiCheckpoints.ForProject(project).First(c => c.ToolName == "replace").DescribeChange());
    }

    [Fact]
    public void Restore_shows_the_diff_then_runs_gemini_steps_and_can_be_undone()
    {
        string commit = ShadowCommit();
        WriteCheckpoint("2026-11-20T10-00-00_000Z-app.txt-replace", commit, _sessionId + "########1");
        File.WriteAllText(Path.Combine(_project, "app.txt"), "changed by the tool\n");
        File.WriteAllText(Path.Combine(_project, "new.txt"), "created later\n");

        var plan = GeminiRestore.Plan(_fixture.Store(), _sessionId, "2026-11-20T10-00-00_000Z-app.txt-replace");
        Assert.Contains("app.txt", plan.DiffStat);
        Assert.Contains("new.txt", plan.UntrackedToRemove);
        Assert.Equal("changed by the tool\n", File.ReadAllText(Path.Combine(_project, "app.txt")));

        string before = GeminiRestore.Apply(plan);
        Assert.Equal("original\n", File.ReadAllText(Path.Combine(_project, "app.txt")));
        Assert.False(File.Exists(Path.Combine(_project, "new.txt")));

        GeminiRestore.Undo(_fixture.Home, _fixture.Store().ProjectOf(_sessionId)!, before);
        Assert.Equal("changed by the tool\n", File.ReadAllText(Path.Combine(_project, "app.txt")));
        Assert.Equal("created later\n", File.ReadAllText(Path.Combine(_project, "new.txt")));
    }

    [Fact]
    public void Restore_refuses_when_the_commit_or_the_shadow_repository_is_missing()
    {
        ShadowCommit();
        WriteCheckpoint("2026-11-20T10-00-00_000Z-app.txt-replace", new string('a', 40), _sessionId + "########1");
        var missingCommit = Assert.Throws<GeminiRestoreException>(() => GeminiRestore.Plan(_fixture.Store(), _sessionId, "1"));
        Assert.Contains("not in the shadow repository", missingCommit.Message);

        Directory.Delete(Path.GetDirectoryName(_gitDir)!, recursive: true);
        var missingRepo = Assert.Throws<GeminiRestoreException>(() => GeminiRestore.Plan(_fixture.Store(), _sessionId, "1"));
        Assert.Contains("shadow repository", missingRepo.Message);
        Assert.Equal("original\n", File.ReadAllText(Path.Combine(_project, "app.txt")));
    }

    private void WriteCheckpoint(string name, string commit, string messageId)
    {
        Directory.CreateDirectory(Path.Combine(_folder, "checkpoints"));
        var data = new JsonObject
        {
            ["history"] = new JsonArray(),
            ["clientHistory"] = new JsonArray(),
            ["toolCall"] = new JsonObject
            {
                ["name"] = name.EndsWith("write_file", StringComparison.Ordinal) ? "write_file" : "replace",
                ["args"] = new JsonObject { ["file_path"] = Path.Combine(_project, name.Split('-')[^2]), ["old_string"] = "original", ["new_string"] = "changed" },
            },
            ["commitHash"] = commit,
            ["messageId"] = messageId,
        };
        File.WriteAllText(Path.Combine(_folder, "checkpoints", name + ".json"), data.ToJsonString());
    }

    /// <summary>The shadow repository as Gemini sets it up, with one snapshot of the project; returns its commit.</summary>
    private string ShadowCommit()
    {
        File.WriteAllText(Path.Combine(_project, "app.txt"), "original\n");
        Directory.CreateDirectory(_gitDir);
        Git("init", "-q", "--initial-branch", "main");
        Git("add", ".");
        Git("commit", "-q", "-m", "Snapshot for replace");
        return Git("rev-parse", "HEAD").Trim();
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) start.ArgumentList.Add(a);
        start.Environment["GIT_DIR"] = _gitDir;
        start.Environment["GIT_WORK_TREE"] = _project;
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "test";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
