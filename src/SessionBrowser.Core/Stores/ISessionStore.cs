using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// One source of sessions (the native store, Gemini CLI, …). The browser, the command line,
/// the search index and the lifecycle code all see sessions through this; what a source can do
/// beyond reading it says by the ability interfaces it implements (StoreAbilities.cs).
/// </summary>
public interface ISessionStore
{
    /// <summary>Short source name: "native", "gemini".</summary>
    string Source { get; }

    /// <summary>The folder this source reads.</summary>
    string Root { get; }

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

    /// <summary>The command that resumes the session in its agent, as an argument list, and where to run it.</summary>
    ResumeCommand? ResumeCommandFor(string id);
}

/// <summary>An argument list (never a shell string) and the folder to run it in.</summary>
public sealed record ResumeCommand(IReadOnlyList<string> Arguments, string? WorkingDirectory);
