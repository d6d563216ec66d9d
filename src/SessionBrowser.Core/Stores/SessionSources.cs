using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>A session and the source that holds it.</summary>
public sealed record SessionMatch(ISessionStore Store, SessionSummary Session);

/// <summary>
/// Several sources (native, Gemini, …) seen as one: every session of all of them, newest
/// activity first, and lookup by id, by <c>source:id</c>, or by a unique id prefix; with a
/// <see cref="ProjectFolder"/>, only the sessions of that folder are listed or found.
/// </summary>
public sealed class SessionSources(IEnumerable<ISessionStore> stores, ProjectFolder? project = null)
{
    /// <summary>The shortest id prefix accepted, so a typo of one or two characters never picks a session.</summary>
    public const int MinimumPrefixLength = 4;

    public IReadOnlyList<ISessionStore> Stores { get; } = [.. stores];

    /// <summary>The folder every listing and lookup keeps to (<c>--project</c>); null: everywhere.</summary>
    public ProjectFolder? Project { get; } = project;

    /// <summary>The source with this name, or null.</summary>
    public ISessionStore? Store(string source) =>
        Stores.FirstOrDefault(store => string.Equals(store.Source, source, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every session of every source that fits the query, most recently active first, limited.</summary>
    public IReadOnlyList<SessionMatch> List(SessionQuery? query = null, CancellationToken cancellationToken = default)
    {
        var storeOf = new Dictionary<SessionRef, ISessionStore>();
        var all = new List<SessionSummary>();
        foreach (var store in Stores)
        {
            foreach (var session in InProject(store, store.List(cancellationToken)))
            {
                if (storeOf.TryAdd(session.Ref, store)) all.Add(session);
            }
        }
        return [.. (query ?? SessionQuery.All).Apply(all).Select(session => new SessionMatch(storeOf[session.Ref], session))];
    }

    /// <summary>The sessions among <paramref name="sessions"/> (of <paramref name="store"/>) that are in <see cref="Project"/>.</summary>
    public IEnumerable<SessionSummary> InProject(ISessionStore store, IEnumerable<SessionSummary> sessions) =>
        Project is { } project ? sessions.Where(project.RuleFor(store)) : sessions;

    /// <summary>
    /// The sessions a user's text names: an exact id (in any source), <c>source:id</c>, or, when
    /// nothing matches exactly, the sessions whose id starts with it. Empty when none; more than
    /// one when the text is ambiguous, so the caller can list the candidates.
    /// </summary>
    public IReadOnlyList<SessionMatch> Resolve(string text)
    {
        text = text.Trim();
        if (text.Length == 0) return [];

        var scoped = SplitSource(text);
        IReadOnlyList<ISessionStore> candidates = scoped is { } s ? (Store(s.Source) is { } one ? [one] : []) : Stores;
        string id = scoped?.Id ?? text;
        if (id.Length == 0) return [];

        var exact = candidates
            .Select(store => store.Find(id) is { } session && (Project is null || Project.Includes(store, session)) ? new SessionMatch(store, session) : null)
            .OfType<SessionMatch>()
            .ToList();
        if (exact.Count > 0 || id.Length < MinimumPrefixLength) return exact;

        return [.. candidates.SelectMany(store => InProject(store, store.List())
            .Where(session => session.Id.StartsWith(id, StringComparison.Ordinal))
            .Select(session => new SessionMatch(store, session)))];
    }

    /// <summary>"gemini:abc" → ("gemini", "abc") when "gemini" names one of the sources.</summary>
    private (string Source, string Id)? SplitSource(string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0) return null;
        string source = text[..colon];
        return Store(source) is null ? null : (source, text[(colon + 1)..]);
    }
}
