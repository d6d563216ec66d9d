using SessionBrowser.Core.Search;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>The index's fast way through messages.jsonl (<see cref="IIndexFeed"/>): the records of <see cref="ReadRecords"/>, without objects.</summary>
public sealed partial class NativeStore : IIndexFeed
{
    // One line reader per thread: it keeps its scratch buffers between sessions.
    [ThreadStatic] private static NativeIndexLine? _lineReader;

    IEnumerable<IndexBatch> IIndexFeed.ReadForIndex(string id, long fromOffset, IndexBatch batch, int batchBytes, CancellationToken cancellationToken)
    {
        batch.Clear();
        // A linked session folder has no messages (links are not followed), as in ReadMessages.
        if (FileTree.IsLink(SessionDir(id)))
        {
            yield return batch;
            yield break;
        }
        var lineReader = _lineReader ??= new NativeIndexLine();
        long next = fromOffset;
        using var lines = JsonLines.ReadLines(MessagesPath(id), fromOffset, cancellationToken).GetEnumerator();
        while (true)
        {
            bool more;
            try
            {
                more = lines.MoveNext();
            }
            catch (Exception e) when (ReadFailures.IsReadFailure(e))
            {
                // As ReadMessagesFrom: a file that cannot be read (further) ends with a damaged record where reading stopped.
                batch.AddDamaged(next);
                break;
            }
            if (!more) break;
            var line = lines.Current;
            if (!lineReader.TryRead(line.Bytes.Span, line.Offset, batch)) batch.Add(line.Offset, FullRead(line));
            next = line.Offset + line.Bytes.Length + 1;
            if (batch.TextBytes >= batchBytes)
            {
                yield return batch;
                batch.Clear();
            }
        }
        yield return batch;
    }

    /// <summary>A line the fast reader left alone, read as <see cref="ReadRecords"/> reads it: its message, or null when it is damaged.</summary>
    private static Model.Message? FullRead(in JsonLine line) =>
        JsonLines.TryParseObject(line, out _, out _) is { } obj ? NativeJson.ReadMessage(obj, out _) : null;
}
