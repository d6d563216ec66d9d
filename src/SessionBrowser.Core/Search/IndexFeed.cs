using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>A session's records for the index, in batches: the store's own feed when it has one (<see cref="IIndexFeed"/>), else its messages.</summary>
internal static class IndexFeed
{
    /// <summary>From the start, or (<paramref name="fromOffset"/> set) from the record at that offset, numbered from <paramref name="firstIndex"/>.</summary>
    public static IEnumerable<IndexBatch> Read(ISessionStore store, string id, long? fromOffset, int firstIndex, IndexBatch batch, int batchBytes,
        CancellationToken cancellationToken)
    {
        if (store is IIndexFeed feed) return feed.ReadForIndex(id, fromOffset ?? 0, batch, batchBytes, cancellationToken);
        var records = fromOffset is { } offset
            ? store.ReadMessages(id, offset, firstIndex, cancellationToken)
            : store.ReadMessages(id, cancellationToken);
        return FromRecords(records, batch, batchBytes);
    }

    private static IEnumerable<IndexBatch> FromRecords(IEnumerable<MessageRecord> records, IndexBatch batch, int batchBytes)
    {
        batch.Clear();
        foreach (var record in records)
        {
            batch.Add(record.Offset, record.Message);
            if (batch.TextBytes < batchBytes) continue;
            yield return batch;
            batch.Clear();
        }
        yield return batch;
    }
}
