namespace SessionBrowser.Core.Search;

/// <summary>
/// One thing to find: a word (one folded token), a phrase (tokens in a row, from "quotes", a
/// hyphenated word or a run of CJK characters). <see cref="Prefix"/>: the last token matches
/// any word it begins (<c>log*</c>, or the word being typed).
/// </summary>
public sealed record SearchTerm(string Text, IReadOnlyList<string> Tokens, bool Prefix)
{
    public bool IsPhrase => Tokens.Count > 1;
}

/// <summary>
/// A parsed search (see <see cref="QueryParser"/>). Terms must all match within one message
/// (or within the session's own text: title, id, tags, work dir, model). Filters narrow the
/// sessions (status, tag, model, source: any listed value) and the messages (role; before and
/// after on the message time, for a session-level hit on its active span).
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The text as typed.</summary>
    public string Text { get; init; } = "";
    public IReadOnlyList<SearchTerm> Terms { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<string> Models { get; init; } = [];
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>Only what happened at or after this time.</summary>
    public DateTimeOffset? After { get; init; }
    /// <summary>Only what happened before this time.</summary>
    public DateTimeOffset? Before { get; init; }

    /// <summary>What could not be understood (a bad date, an empty filter): the command line refuses, the browser shows it.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Most hits returned.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Most hits per session (the browser's session list wants 1); 0 = no limit.</summary>
    public int HitsPerSession { get; init; }

    public bool HasSessionFilters =>
        Statuses.Count > 0 || Tags.Count > 0 || Models.Count > 0 || Sources.Count > 0 || After is not null || Before is not null;

    /// <summary>Nothing to look for and nothing to narrow by.</summary>
    public bool IsEmpty => Terms.Count == 0 && !HasSessionFilters && Roles.Count == 0;
}
