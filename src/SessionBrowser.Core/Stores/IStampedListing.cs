using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// Optional capability of an <see cref="IStampedStore"/>: every session's summary read in one pass
/// with its stamp taken as it is read (the native store takes metadata.json's from the file it
/// has open), where a separate pass of stamps first cost a stat of every file: 10,000 system
/// calls in a first list of 10,000 sessions.
/// </summary>
public interface IStampedListing
{
    /// <summary>
    /// One entry per session <see cref="IStampedStore.Stamps"/> gives, its stamp as that gives it
    /// (with <paramref name="messagesOf"/> the same), taken before the summary was read; where the
    /// title was read from the messages file, that file's stamp taken as it was read. The summary
    /// is null for a session gone meanwhile.
    /// </summary>
    IReadOnlyList<StampedSummary> ReadStamped(IReadOnlySet<string>? messagesOf, CancellationToken cancellationToken = default);
}

/// <summary>A session's stamp and the summary read right after it was taken (null: gone meanwhile).</summary>
public readonly record struct StampedSummary(SessionStamp Stamp, SessionSummary? Summary);
