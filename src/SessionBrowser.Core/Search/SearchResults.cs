using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

/// <summary>
/// One place a query matched. <see cref="MessageIndex"/> is the message's position in the
/// session (counting every record, damaged lines included — the same numbering as
/// <see cref="MessageList"/>), or null when the session itself matched (its title, id, tags,
/// work dir or model) or the query only filtered. <see cref="Matches"/> are ranges within
/// <see cref="Snippet"/>. Higher <see cref="Score"/> is better.
/// </summary>
public sealed record SearchHit(
    SessionSummary Session,
    int? MessageIndex,
    string? Role,
    string? Timestamp,
    string Snippet,
    IReadOnlyList<TextRange> Matches,
    double Score)
{
    public SessionRef Ref => Session.Ref;
}

/// <summary>
/// Hits best first. <see cref="Notice"/> is one line to show the user when something is off
/// (the index could not be used and the files were scanned, say); null when all is well.
/// </summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, bool UsedIndex, string? Notice = null)
{
    public static readonly SearchResults Empty = new([], false);
}
