using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Tests.OpenCode;

/// <summary>
/// <c>--project</c> on opencode's sessions follows opencode's own project rule (checked against the
/// real opencode 1.18.33: <c>session list</c> in a repository's subfolder lists every session of
/// the repository): a git repository is one project, its other worktrees included; outside git,
/// the sessions started in that folder.
/// </summary>
public sealed class OpenCodeProjectTests : IDisposable
{
    private readonly OpenCodeFixture _home = new();
    private const string Repository = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    public void Dispose() => _home.Dispose();

    private List<string> Listed(string dir) =>
        [.. new SessionSources([_home.Store()], new ProjectFolder(dir)).List().Select(m => m.Session.Id).Order(StringComparer.Ordinal)];

    /// <summary>ProjectDir is a git repository opencode knows; OtherDir stays in the global project.</summary>
    private void MakeProjectDirARepository(params string[] otherWorktrees)
    {
        string sandboxes = "[" + string.Join(",", otherWorktrees.Select(w => $"\"{w}\"")) + "]";
        _home.Execute($"""
            INSERT INTO project (id, worktree, vcs, time_created, time_updated, sandboxes) VALUES ('{Repository}', '{_home.ProjectDir}', 'git', 0, 0, '{sandboxes}');
            UPDATE session SET project_id = '{Repository}' WHERE directory LIKE '{_home.ProjectDir}%';
            """);
    }

    [Fact]
    public void Outside_git_a_folder_has_the_sessions_started_in_it()
    {
        Assert.Equal([OpenCodeFixture.Old, OpenCodeFixture.Parser], Listed(_home.ProjectDir));
        Assert.Equal([OpenCodeFixture.Docs], Listed(_home.OtherDir));
        Assert.Empty(Listed(Path.Combine(_home.ProjectDir, "src")));
    }

    [Fact]
    public void In_a_subfolder_of_a_repository_every_session_of_the_repository_is_listed()
    {
        string sub = Path.Combine(_home.ProjectDir, "src");
        Directory.CreateDirectory(sub);
        _home.Writer.Begin(sub, "ses_0a1b2c3d4e5fInSubfolder0001", OpenCodeFixture.Start.AddHours(3), "Started in src").User("hi").Write();
        MakeProjectDirARepository();

        string[] repository = ["ses_0a1b2c3d4e5fInSubfolder0001", OpenCodeFixture.Old, OpenCodeFixture.Parser];
        Assert.Equal(repository, Listed(_home.ProjectDir));
        Assert.Equal(repository, Listed(sub));
        Assert.Equal(repository, Listed(sub + "/"));
        Assert.Equal([OpenCodeFixture.Docs], Listed(_home.OtherDir));
    }

    [Fact]
    public void Another_worktree_of_the_repository_lists_the_same_sessions()
    {
        string worktree = Path.Combine(Path.GetDirectoryName(_home.ProjectDir)!, "api-feature");
        MakeProjectDirARepository(worktree);
        Assert.Equal([OpenCodeFixture.Old, OpenCodeFixture.Parser], Listed(Path.Combine(worktree, "lib")));
    }

    [Fact]
    public void A_database_that_cannot_be_read_falls_back_to_the_folder_rule()
    {
        MakeProjectDirARepository();
        var store = _home.Store();
        File.WriteAllText(store.Database, "not a database");
        var rule = new ProjectFolder(_home.ProjectDir).RuleFor(store);
        Assert.True(rule(new Core.Model.SessionSummary { Ref = new("opencode", "x"), Title = "t", Path = store.Database, WorkDir = _home.ProjectDir }));
    }
}
