using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>One thing a delete moved: where it was, its name inside the entry's items/ folder, and its kind.</summary>
public sealed record TrashItem(string OriginalPath, string StoredName, string Kind)
{
    public const string FileKind = "file";
    public const string FolderKind = "folder";
    public const string LinkKind = "link";
}

/// <summary>
/// One delete in the trash (<c>&lt;native store&gt;/.trash/&lt;Id&gt;/</c>): which session of which
/// source, when, the original absolute paths, and the size. <see cref="Damaged"/> is set when
/// the record cannot be read (the entry is still listed, and can still be emptied).
/// </summary>
public sealed record TrashEntry
{
    public required string Id { get; init; }
    public required string Folder { get; init; }
    public string Source { get; init; } = "";
    public string SessionId { get; init; } = "";
    public string? Title { get; init; }
    public string DeletedAt { get; init; } = "";
    public long Bytes { get; init; }
    public IReadOnlyList<TrashItem> Items { get; init; } = [];
    public string? Damaged { get; init; }

    public DateTimeOffset? DeletedTime => Timestamps.Parse(DeletedAt);
}

/// <summary>A restore found something at an original place; nothing was moved or overwritten.</summary>
public sealed class RestoreConflictException(IReadOnlyList<string> conflicts)
    : IOException($"cannot restore: something now exists at {string.Join(", ", conflicts)}; move it away first (nothing was overwritten)")
{
    public IReadOnlyList<string> Conflicts { get; } = conflicts;
}
