using System.Buffers;
using System.Text;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

/// <summary>The filter rules of <see cref="SearchQuery"/>, for the scan (the index says the same in SQL).</summary>
public static class SessionFilter
{
    /// <summary>Status, tag, model and source filters (any listed value; tags and models ignore case).</summary>
    public static bool Accepts(SearchQuery query, SessionSummary session) =>
        (query.Statuses.Count == 0 || query.Statuses.Any(word => SessionStatus.Describes(word, session)))
        && (query.Tags.Count == 0 || session.Tags.Any(tag => query.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
        && (query.Models.Count == 0 || query.Models.Contains(session.Model ?? "", StringComparer.OrdinalIgnoreCase))
        && (query.Sources.Count == 0 || query.Sources.Contains(session.Source.ToLowerInvariant()));

    /// <summary>For a session-level hit: was the session active at some time within the after/before window?</summary>
    public static bool ActiveWithin(SearchQuery query, SessionSummary session)
    {
        var last = session.LastActive ?? session.CreatedAt;
        var first = session.CreatedAt ?? session.LastActive;
        if (query.After is { } after && (last is null || last < after)) return false;
        if (query.Before is { } before && (first is null || first >= before)) return false;
        return true;
    }

    /// <summary>For a message hit: its own time, or its session's last activity when it has none.</summary>
    public static bool MessageWithin(SearchQuery query, DateTimeOffset? messageTime, SessionSummary session)
    {
        var time = messageTime ?? session.LastActive;
        if (query.After is { } after && (time is null || time < after)) return false;
        if (query.Before is { } before && (time is null || time >= before)) return false;
        return true;
    }

    /// <summary>Whether a message of this role can be a hit.</summary>
    public static bool AcceptsRole(SearchQuery query, string role) =>
        query.Roles.Count == 0 || query.Roles.Contains(role.ToLowerInvariant());
}

/// <summary>
/// The text a session matches by itself, one field per line: title, id, tags, work dir, model.
/// The index stores exactly this as the session's own row.
/// </summary>
public static class SessionOwnText
{
    public static string Of(SessionSummary session) =>
        string.Join('\n', session.Title, session.Id, string.Join(' ', session.Tags), session.WorkDir ?? "", session.Model ?? "");

    /// <summary><see cref="Of"/> as UTF-8 into <paramref name="into"/>, no string made (the index writes 10,000 in a first list).</summary>
    public static void WriteUtf8(SessionSummary session, IBufferWriter<byte> into)
    {
        Append(into, session.Title);
        Append(into, "\n");
        Append(into, session.Id);
        Append(into, "\n");
        for (int i = 0; i < session.Tags.Count; i++)
        {
            if (i > 0) Append(into, " ");
            Append(into, session.Tags[i]);
        }
        Append(into, "\n");
        Append(into, session.WorkDir);
        Append(into, "\n");
        Append(into, session.Model);
    }

    private static void Append(IBufferWriter<byte> into, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        into.Advance(Encoding.UTF8.GetBytes(text, into.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length))));
    }

    /// <summary>The snippet for a session-level hit: the first field that holds a match (the title when none does).</summary>
    public static (string Text, IReadOnlyList<TextRange> Matches) SnippetOf(string sessionText, IReadOnlyList<SearchTerm> terms)
    {
        foreach (var line in sessionText.Split('\n'))
        {
            var ranges = terms.Count == 0 ? [] : TextMatch.FindAll(TextTokens.Tokenize(line), terms, out _);
            // A field need not hold every term by itself; any occurrence marks it.
            if (ranges.Count == 0 && terms.Count > 0) ranges = AnyTerm(line, terms);
            if (ranges.Count > 0) return Snippet.Build(line, ranges);
        }
        var title = sessionText.Split('\n')[0];
        return Snippet.Build(title, []);
    }

    private static List<TextRange> AnyTerm(string line, IReadOnlyList<SearchTerm> terms)
    {
        var tokens = TextTokens.Tokenize(line);
        var all = new List<TextRange>();
        foreach (var term in terms) all.AddRange(TextMatch.FindAll(tokens, [term], out _));
        all.Sort((a, b) => a.Start.CompareTo(b.Start));
        return all;
    }
}
