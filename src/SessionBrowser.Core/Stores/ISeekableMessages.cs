using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// Optional capability of a store whose messages are one record per line of a file (the native
/// messages.jsonl): it can say where every record starts without parsing any, so the
/// large-session reader opens a 100 MB file at once and reads just the lines on screen (through
/// <see cref="ISessionStore.ReadMessages(string, long, int, CancellationToken)"/>), and the index
/// continues an appended file from the last line it read. Stores without it are read whole.
/// </summary>
public interface ISeekableMessages
{
    /// <summary>
    /// The byte offset of every record <see cref="ISessionStore.ReadMessages(string, CancellationToken)"/>
    /// would yield (damaged and torn lines included), from <paramref name="fromOffset"/> (a line start) on.
    /// </summary>
    IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default);
}

/// <summary>
/// Optional capability of a store that can tell, from the file system alone (listing and
/// stat, no reads), what each session's files look like now, so an index re-reads only
/// what changed. Stores without it are listed in full and stamped by their folder's files.
/// </summary>
public interface IStampedStore
{
    /// <summary>
    /// One stamp per session <see cref="ISessionStore.List"/> would return, damaged ones included.
    /// <paramref name="messagesOf"/>: when given, a store may stamp the messages file of only
    /// these sessions and leave the others' <see cref="SessionStamp.Messages"/> as
    /// <see cref="FileStamp.NotTaken"/> (a stat is most of the cost for 10,000 sessions).
    /// </summary>
    IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default);

    /// <summary>One session's stamp; null when it is gone.</summary>
    SessionStamp? StampOf(string id);
}

/// <summary>
/// Size and modification time of a session's files. <see cref="Head"/> covers what the summary is
/// built from (metadata.json); <see cref="Messages"/> the append-only messages file when the
/// store has one (null when messages live in the head file).
/// </summary>
public sealed record SessionStamp(string Id, FileStamp Head, FileStamp? Messages);
