using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// One source of sessions (the native store, Gemini CLI, …). The browser, the command line,
/// the search index and the lifecycle code all see sessions through this; what a source cannot
/// do it says by <see cref="SourceCapabilities"/>, never by throwing at the user.
/// </summary>
public interface ISessionStore
{
    /// <summary>Short source name: "native", "gemini".</summary>
    string Source { get; }

    /// <summary>The folder this source reads.</summary>
    string Root { get; }

    /// <summary>Being replaced by the ability interfaces in StoreAbilities.cs; new sources leave it alone.</summary>
    SourceCapabilities Capabilities => SourceCapabilities.None;

    /// <summary>Every session, damaged ones included (with <see cref="SessionSummary.Damaged"/> set). Order is unspecified.</summary>
    IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default);

    /// <summary>One session by id; null when there is none.</summary>
    SessionSummary? Find(string id);

    /// <summary>The messages in order, streamed (never the whole file in memory); bad lines come as damaged records.</summary>
    IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The messages from a byte offset where a line starts (an earlier record's <see cref="MessageRecord.Offset"/>),
    /// numbered from <paramref name="firstIndex"/>: how a viewer follows a live session and an index reads only
    /// what was appended. A source without byte offsets reads everything and skips what lies before.
    /// </summary>
    IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default) =>
        ReadMessages(id, cancellationToken).Where(r => r.Offset >= fromOffset);

    /// <summary>Snapshots (or checkpoints) in step order.</summary>
    IReadOnlyList<SnapshotInfo> ListSnapshots(string id) => this is ISnapshotStore snapshots ? snapshots.ListSnapshots(id) : [];

    /// <summary>The files a delete would move, for the confirmation to show.</summary>
    IReadOnlyList<string> FilesOf(string id) => this is IDeletableStore deletable ? deletable.PlanDelete(id).Files : [];

    /// <summary>The command that resumes the session in its agent, as an argument list, and where to run it.</summary>
    ResumeCommand? ResumeCommandFor(string id);

    /// <summary>Called by the trash after the files of a session were moved out, so the source keeps its own index (index.json) in step.</summary>
    void OnDeleted(string id) { }

    /// <summary>Called by the trash after a session's files were put back.</summary>
    void OnRestored(string id) { }
}

[Flags]
public enum SourceCapabilities
{
    None = 0,
    Write = 1,
    Delete = 2,
    Snapshots = 4,
    Restore = 8,
}

/// <summary>An argument list (never a shell string) and the folder to run it in.</summary>
public sealed record ResumeCommand(IReadOnlyList<string> Arguments, string? WorkingDirectory);
