using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>Tags to add and to remove, as <c>tag ID +a -b</c> says them (a bare word adds).</summary>
public sealed record TagChange(IReadOnlyList<string> Add, IReadOnlyList<string> Remove)
{
    /// <exception cref="ArgumentException">A token names no tag, or a tag is not acceptable.</exception>
    public static TagChange Parse(IEnumerable<string> tokens)
    {
        var add = new List<string>();
        var remove = new List<string>();
        foreach (string token in tokens)
        {
            var (list, tag) = token.StartsWith('-') ? (remove, token[1..]) : (add, token.StartsWith('+') ? token[1..] : token);
            list.Add(SessionNaming.ValidTag(tag, token));
        }
        if (add.Count == 0 && remove.Count == 0) throw new ArgumentException("no tags given: use +TAG to add and -TAG to remove");
        var both = add.Intersect(remove, StringComparer.Ordinal).FirstOrDefault();
        if (both is not null) throw new ArgumentException($"tag '{both}' is both added and removed");
        return new TagChange(add, remove);
    }

    /// <summary>Applies the change to a tag list: removals first, additions appended in order, no duplicates.</summary>
    public List<string> ApplyTo(IEnumerable<string> tags)
    {
        var result = tags.Where(t => !Remove.Contains(t, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        foreach (string tag in Add)
            if (!result.Contains(tag, StringComparer.Ordinal)) result.Add(tag);
        return result;
    }
}

/// <summary>
/// Renames and retags sessions of any source that can (<see cref="IRenamableStore"/>,
/// <see cref="ITaggableStore"/>), each the way its agent does. The text is checked here, once for
/// every source; a source without the ability is refused with a sentence saying so.
/// </summary>
public static class SessionNaming
{
    public const int MaxTitleLength = 500;

    /// <summary>Returns the title as saved.</summary>
    public static string Rename(ISessionStore store, string id, string description)
    {
        var renamable = store.Require<IRenamableStore>("rename");
        string title = ValidTitle(description);
        renamable.Rename(id, title);
        return title;
    }

    /// <summary>Returns the tags as saved.</summary>
    public static IReadOnlyList<string> ChangeTags(ISessionStore store, string id, TagChange change) =>
        store.Require<ITaggableStore>("tagging").ChangeTags(id, change.ApplyTo);

    /// <summary>A title is one line of printable text; surrounding space is dropped.</summary>
    public static string ValidTitle(string? text)
    {
        string title = (text ?? "").Trim();
        if (title.Length == 0) throw new ArgumentException("the new title is empty");
        if (title.Any(char.IsControl)) throw new ArgumentException("a title is one line without control characters");
        if (title.Length > MaxTitleLength) throw new ArgumentException($"a title is at most {MaxTitleLength} characters");
        return title;
    }

    internal static string ValidTag(string tag, string token)
    {
        if (tag.Length == 0) throw new ArgumentException($"'{token}' names no tag");
        if (tag != tag.Trim() || tag.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException($"tag '{tag}' has spaces or control characters");
        if (tag.StartsWith('+') || tag.StartsWith('-')) throw new ArgumentException($"tag '{tag}' starts with + or -");
        return tag;
    }
}
