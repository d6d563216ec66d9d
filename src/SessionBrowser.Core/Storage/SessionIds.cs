using System.Globalization;

namespace SessionBrowser.Core.Storage;

/// <summary>A session id that would leave its store (or name no single folder) was given.</summary>
public sealed class InvalidSessionIdException(string id, string reason)
    : ArgumentException($"invalid session id \"{id}\": {reason}")
{
    public string Id { get; } = id;
}

/// <summary>
/// The one check every entry point applies to a session id from any input (command line,
/// index.json, a trash record, a zip) before it becomes part of a path.
/// </summary>
public static class SessionIds
{
    public const int MaxLength = 200;

    public static bool IsValid(string? id) => Problem(id) is null;

    /// <summary>Returns the id unchanged, or throws <see cref="InvalidSessionIdException"/>.</summary>
    public static string Validate(string? id)
    {
        string? problem = Problem(id);
        if (problem is not null) throw new InvalidSessionIdException(id ?? "", problem);
        return id!;
    }

    /// <summary>
    /// The path of <paramref name="id"/>'s entry inside <paramref name="root"/>, checked to stay
    /// inside it even after the platform's own path rules are applied.
    /// </summary>
    public static string PathIn(string root, string id)
    {
        Validate(id);
        string fullRoot = Path.GetFullPath(root);
        string full = Path.GetFullPath(Path.Combine(fullRoot, id));
        // TrimEndingDirectorySeparator keeps a file-system root ("/") whole, as GetDirectoryName gives it.
        if (!string.Equals(Path.GetDirectoryName(full), Path.TrimEndingDirectorySeparator(fullRoot), StringComparison.Ordinal))
            throw new InvalidSessionIdException(id, "it does not name an entry directly inside the store");
        return full;
    }

    /// <summary>Names the store root holds for itself; a session by such a name would shadow them (index.json as a folder breaks every write).</summary>
    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase) { "index.json" };

    private static bool HasLoneSurrogate(string id)
    {
        for (int i = 0; i < id.Length; i++)
        {
            if (char.IsHighSurrogate(id[i]) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1])) { i++; continue; }
            if (char.IsSurrogate(id[i])) return true;
        }
        return false;
    }

    private static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "it is empty";
        if (id.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        if (id is "." or "..") return "it names the store folder or its parent";
        if (id.Contains("..", StringComparison.Ordinal)) return "it contains \"..\"";
        if (id.StartsWith('.')) return "it starts with a dot (hidden entries are not sessions)";
        if (ReservedNames.Contains(id)) return $"\"{id}\" is a file of the store itself";
        if (id != id.Trim()) return "it starts or ends with white space";
        if (HasLoneSurrogate(id)) return "it contains a broken character (a lone UTF-16 surrogate)";
        foreach (char c in id)
        {
            if (c is '/' or '\\') return "it contains a path separator";
            if (c == ':') return "it contains ':'";
            if (char.IsControl(c)) return "it contains a control character";
            // Bidi overrides and zero-width marks make an id print as another id.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return $"it contains an invisible or direction-changing character (U+{(int)c:X4})";
        }
        if (Path.IsPathRooted(id)) return "it is an absolute path";
        return null;
    }
}
