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
        if (!string.Equals(Path.GetDirectoryName(full), fullRoot.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparison.Ordinal))
            throw new InvalidSessionIdException(id, "it does not name an entry directly inside the store");
        return full;
    }

    private static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return "it is empty";
        if (id.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        if (id is "." or "..") return "it names the store folder or its parent";
        if (id.Contains("..", StringComparison.Ordinal)) return "it contains \"..\"";
        if (id.StartsWith('.')) return "it starts with a dot (hidden entries are not sessions)";
        if (id != id.Trim()) return "it starts or ends with white space";
        foreach (char c in id)
        {
            if (c is '/' or '\\') return "it contains a path separator";
            if (c == ':') return "it contains ':'";
            if (char.IsControl(c)) return "it contains a control character";
        }
        if (Path.IsPathRooted(id)) return "it is an absolute path";
        return null;
    }
}
