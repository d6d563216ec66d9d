using System.Diagnostics;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>What restoring a checkpoint would do, for the confirmation, and what Apply needs.</summary>
public sealed record GeminiRestorePlan(
    GeminiCheckpoint Checkpoint, string ProjectPath, string ShadowGitDir,
    string DiffStat, IReadOnlyList<string> UntrackedToRemove);

/// <summary>Why a checkpoint cannot be restored, in one line for the user.</summary>
public sealed class GeminiRestoreException(string message) : Exception(message);

/// <summary>
/// Gemini's /restore done from outside Gemini: <c>git restore --source &lt;commit&gt; .</c> then
/// <c>git clean -f -d</c> against the shadow repository <c>~/.gemini/history/&lt;slug&gt;/.git</c>
/// with the project as work tree. <see cref="Plan"/> refuses when anything is missing and
/// shows the diff; <see cref="Apply"/> first commits the project's current state to the
/// shadow repository, so the restore itself can be undone by restoring that commit.
/// </summary>
public static class GeminiRestore
{
    public static GeminiRestorePlan Plan(GeminiStore store, string sessionId, string checkpoint)
    {
        var project = store.ProjectOf(sessionId) ?? throw new GeminiRestoreException($"no Gemini session {sessionId}");
        var found = GeminiCheckpoints.ForProject(project)
            .FirstOrDefault(c => c.Name == checkpoint || c.Name == Path.GetFileNameWithoutExtension(checkpoint))
            ?? FindByStep(store, sessionId, project, checkpoint)
            ?? throw new GeminiRestoreException($"no checkpoint '{checkpoint}' for session {sessionId}");
        return Plan(store.Root, project, found);
    }

    public static GeminiRestorePlan Plan(string geminiHome, GeminiProject project, GeminiCheckpoint checkpoint)
    {
        if (checkpoint.Error is not null) throw new GeminiRestoreException($"checkpoint {checkpoint.Name} cannot be read: {checkpoint.Error}");
        if (checkpoint.CommitHash is not { Length: > 0 } commit) throw new GeminiRestoreException($"checkpoint {checkpoint.Name} records no commit");
        if (project.ProjectPath is not { } projectPath) throw new GeminiRestoreException("the project's folder is unknown (only a sha256 folder names it)");
        if (!Directory.Exists(projectPath)) throw new GeminiRestoreException($"the project folder {projectPath} does not exist");
        string gitDir = ShadowGitDir(geminiHome, project)
            ?? throw new GeminiRestoreException($"the shadow repository for {projectPath} is missing (looked in {Path.Combine(geminiHome, "history")})");
        var git = new ShadowGit(gitDir, projectPath);
        if (git.Run("cat-file", "-e", commit + "^{commit}").ExitCode != 0)
            throw new GeminiRestoreException($"commit {commit} of checkpoint {checkpoint.Name} is not in the shadow repository (re-created or garbage-collected)");
        var diff = git.Run("diff", "--stat", commit, "--", ".");
        if (diff.ExitCode != 0) throw new GeminiRestoreException("git diff failed: " + diff.Error.Trim());
        var clean = git.Run("clean", "-n", "-d");
        var removed = clean.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.StartsWith("Would remove ", StringComparison.Ordinal) ? l["Would remove ".Length..] : l)
            .ToList();
        return new GeminiRestorePlan(checkpoint, projectPath, gitDir, diff.Output.TrimEnd(), removed);
    }

    /// <summary>Restores; returns the commit that holds the state before, to undo with <see cref="Undo"/>.</summary>
    public static string Apply(GeminiRestorePlan plan)
    {
        var git = new ShadowGit(plan.ShadowGitDir, plan.ProjectPath);
        string before = git.SnapshotWorkTree($"SessionBrowser: before restoring {plan.Checkpoint.Name}");
        git.Check(git.Run("restore", "--source", plan.Checkpoint.CommitHash!, "."), "git restore");
        git.Check(git.Run("clean", "-f", "-d"), "git clean");
        return before;
    }

    /// <summary>Puts the project back as it was before <see cref="Apply"/> (same git steps, to the saved commit).</summary>
    public static void Undo(string geminiHome, GeminiProject project, string beforeCommit)
    {
        string gitDir = ShadowGitDir(geminiHome, project) ?? throw new GeminiRestoreException("the shadow repository is missing");
        var git = new ShadowGit(gitDir, project.ProjectPath!);
        git.Check(git.Run("restore", "--source", beforeCommit, "."), "git restore");
        git.Check(git.Run("clean", "-f", "-d"), "git clean");
    }

    /// <summary>history/&lt;slug&gt;/.git as Gemini uses now, else the pre-v0.29 history/&lt;sha256&gt;/.git.</summary>
    public static string? ShadowGitDir(string geminiHome, GeminiProject project)
    {
        var names = new List<string>();
        if (project.Slug is not null) names.Add(project.Slug);
        if (project.ProjectPath is not null) names.Add(GeminiProjects.HashOf(project.ProjectPath));
        return names.Select(n => Path.Combine(geminiHome, "history", n, ".git")).FirstOrDefault(Directory.Exists);
    }

    private static GeminiCheckpoint? FindByStep(GeminiStore store, string sessionId, GeminiProject project, string text)
    {
        if (!int.TryParse(text, out int step)) return null;
        var snapshot = store.ListSnapshots(sessionId).FirstOrDefault(s => s.Step == step);
        return snapshot is null ? null : GeminiCheckpoints.ForProject(project).FirstOrDefault(c => c.Path == snapshot.Path);
    }

    private sealed record GitResult(int ExitCode, string Output, string Error);

    /// <summary>git with GIT_DIR/GIT_WORK_TREE set and the user's configuration kept out, as Gemini runs it.</summary>
    private sealed class ShadowGit(string gitDir, string workTree)
    {
        public GitResult Run(params string[] arguments)
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = workTree,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            string repo = Path.GetDirectoryName(gitDir)!;
            start.Environment["GIT_DIR"] = gitDir;
            start.Environment["GIT_WORK_TREE"] = workTree;
            start.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(repo, ".gitconfig");
            start.Environment["GIT_CONFIG_SYSTEM"] = Path.Combine(repo, ".gitconfig_system_empty");
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Gemini CLI";
            start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "gemini-cli@google.com";
            try
            {
                using var process = Process.Start(start)!;
                var error = process.StandardError.ReadToEndAsync();
                string output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return new GitResult(process.ExitCode, output, error.Result);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new GeminiRestoreException($"git cannot be run: {e.Message}");
            }
        }

        public void Check(GitResult result, string what)
        {
            if (result.ExitCode != 0) throw new GeminiRestoreException($"{what} failed: {result.Error.Trim()}");
        }

        /// <summary>Commits the work tree as it is now (or returns HEAD when nothing changed).</summary>
        public string SnapshotWorkTree(string message)
        {
            Check(Run("add", "."), "git add");
            var commit = Run("commit", "--no-verify", "-q", "-m", message);
            if (commit.ExitCode != 0 && !commit.Output.Contains("nothing to commit", StringComparison.Ordinal))
                Check(commit, "git commit");
            var head = Run("rev-parse", "HEAD");
            Check(head, "git rev-parse");
            return head.Output.Trim();
        }
    }
}
