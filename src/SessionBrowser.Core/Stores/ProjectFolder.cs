using System.Collections.Concurrent;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// A store that knows better than "work dir equals the folder" which sessions belong to a
/// project folder (Gemini: the sessions its own list shows when run there, old sha256 folders
/// included; Kimi: the md5 of the folder).
/// </summary>
public interface IProjectSessions
{
    /// <summary>
    /// Which sessions belong to the folder, decided from a summary alone, so a project's list can
    /// come from the index (the same rule whether the summary was read now or cached).
    /// </summary>
    Func<SessionSummary, bool> ProjectFilter(string projectDir);
}

/// <summary>
/// <c>--project DIR</c> (and the browser's "this folder" filter): the one rule for whether a session
/// belongs to a folder. A filter on listing, lookup and search, never a store of its own, so what
/// a found session is changed through is always its real store, with every ability it has.
/// The rule is the agent's own where it has one (<see cref="IProjectSessions"/>), else the session's
/// work dir equals the folder (as <c>claude --resume</c> and <c>codex resume</c> pick).
/// </summary>
public sealed class ProjectFolder(string dir)
{
    private readonly ConcurrentDictionary<ISessionStore, Func<SessionSummary, bool>> _rules = new(ReferenceEqualityComparer.Instance);

    /// <summary>The folder, absolute, without a trailing separator.</summary>
    public string Dir { get; } = NormalizeDir(dir);

    /// <summary>Whether <paramref name="session"/> of <paramref name="store"/> belongs to the folder.</summary>
    public bool Includes(ISessionStore store, SessionSummary session) => RuleFor(store)(session);

    /// <summary>The store's rule for this folder, made once.</summary>
    public Func<SessionSummary, bool> RuleFor(ISessionStore store) =>
        _rules.GetOrAdd(store, s => s is IProjectSessions projects ? projects.ProjectFilter(Dir) : StartedIn(Dir));

    /// <summary>The rule without an agent's own: the session's work dir is <paramref name="dir"/> (normalized).</summary>
    public static Func<SessionSummary, bool> StartedIn(string dir) =>
        session => session.WorkDir is { Length: > 0 } workDir && NormalizeDir(workDir) == dir;

    /// <summary>Absolute, without a trailing separator, so "~/p/" and "~/p" are one folder.</summary>
    public static string NormalizeDir(string path)
    {
        string full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }
}
