using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// Optional capability of a store that hands the search index its messages straight from the
/// file's bytes (<see cref="IndexBatch"/>), without a Message per record: a first indexing spends
/// most of its reading time making objects the index throws away. It must give the same records
/// as <see cref="ISessionStore.ReadMessages(string, long, int, CancellationToken)"/> (damaged lines
/// included, a read failure as a last damaged record); stores without it are read through that.
/// </summary>
internal interface IIndexFeed
{
    /// <summary>
    /// Fills <paramref name="batch"/> from <paramref name="fromOffset"/> (a line start) on, handing it
    /// over each time it holds <paramref name="batchBytes"/> of text and once at the end (perhaps
    /// empty); the caller is done with a batch before asking for the next.
    /// </summary>
    IEnumerable<IndexBatch> ReadForIndex(string id, long fromOffset, IndexBatch batch, int batchBytes, CancellationToken cancellationToken);
}
