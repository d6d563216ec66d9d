using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// Optional capability of a store whose messages are one record per line of an append-only
/// file (the native messages.jsonl). The search index continues from the last byte it indexed,
/// and the large-session reader jumps straight to the lines the screen needs, instead of
/// re-reading a 100 MB file. Stores without it are read whole through
/// <see cref="ISessionStore.ReadMessages"/>.
/// </summary>
public interface ISeekableMessages
{
    /// <summary>
    /// The byte offset of every record line (damaged lines included) at or after
    /// <paramref name="fromOffset"/>, found without parsing JSON. A torn last line (no newline
    /// yet) is left out: it is not a record until its writer finishes it.
    /// </summary>
    IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default);

    /// <summary>Records starting at a line start, in order; <paramref name="firstIndex"/> numbers the first one.</summary>
    IEnumerable<MessageRecord> ReadMessagesFrom(string id, long offset, int firstIndex, CancellationToken cancellationToken = default);
}

/// <summary>
/// Optional capability of a store that can tell, from the file system alone (listing and
/// stat, no reads), what each session's files look like now, so an index re-reads only
/// what changed.
/// </summary>
public interface IStampedStore
{
    /// <summary>One stamp per session folder or file, damaged ones included.</summary>
    IEnumerable<SessionStamp> Stamps(CancellationToken cancellationToken = default);

    /// <summary>One session's stamp; null when it is gone.</summary>
    SessionStamp? StampOf(string id);
}

/// <summary>
/// Size and modification time of a session's files. <see cref="Head"/> covers what the summary is
/// built from (metadata.json); <see cref="Messages"/> the append-only messages file when the
/// store has one (null when messages live in the head file, as in Gemini's).
/// </summary>
public sealed record SessionStamp(string Id, FileStamp Head, FileStamp? Messages);

/// <summary>Length and last write time (UTC ticks) of one file; <see cref="Missing"/> when it is not there.</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks)
{
    public static readonly FileStamp Missing = new(-1, 0);

    public static FileStamp Of(FileSystemInfo info) =>
        info.Exists ? new FileStamp(info is FileInfo file ? file.Length : 0, info.LastWriteTimeUtc.Ticks) : Missing;

    public static FileStamp Of(string path) => Of(new FileInfo(path));
}
