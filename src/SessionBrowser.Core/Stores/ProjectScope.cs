using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// A store that knows better than "work dir equals the folder" which sessions belong to a
/// project folder (Gemini: the sessions its own list shows when run there, old sha256 folders
/// included).
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
/// One store seen through <c>--project DIR</c>: only the sessions of that folder are listed or
/// found, so list, show, search and delete all stay inside it. What a found session is then
/// changed through is the inner store (see <see cref="SessionSources"/>), with every ability it has.
/// </summary>
public sealed class ProjectScope(ISessionStore inner, string projectDir) : ISessionStore
{
    public string ProjectDir { get; } = NormalizeDir(projectDir);
    public ISessionStore Inner => inner;
    public string Source => inner.Source;
    public string Root => inner.Root;

    private Func<SessionSummary, bool>? _includes;

    /// <summary>Whether a session of the inner store belongs to this folder.</summary>
    public bool Includes(SessionSummary session) => (_includes ??= inner is IProjectSessions projects
        ? projects.ProjectFilter(ProjectDir)
        : s => s.WorkDir is { } dir && NormalizeDir(dir) == ProjectDir)(session);

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default) =>
        [.. inner.List(cancellationToken).Where(Includes)];

    public SessionSummary? Find(string id) => List().FirstOrDefault(s => s.Id == id);

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        Find(id) is null ? [] : inner.ReadMessages(id, cancellationToken);


    public ResumeCommand? ResumeCommandFor(string id) => Find(id) is null ? null : inner.ResumeCommandFor(id);

    /// <summary>The store that holds the sessions a store shows: the inner one of a project view.</summary>
    public static ISessionStore Holder(ISessionStore store) => store is ProjectScope scope ? scope.Inner : store;

    /// <summary>Absolute, without a trailing separator, so "~/p/" and "~/p" are one folder.</summary>
    public static string NormalizeDir(string path)
    {
        string full = Path.GetFullPath(path);
        return full.Length > 1 ? full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : full;
    }
}
