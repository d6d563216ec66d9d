using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Work on the entries of a listing while the listing goes on. Listing 100,000 session folders
/// takes 60-110 ms on one thread; stamping them all first waited for it (and the second core
/// idled). Here the listing thread hands chunks to one worker as they fill, then helps it with
/// what is left. The results come in no particular order.
/// </summary>
internal static class AsListed
{
    private const int ChunkSize = 512;

    public static List<TResult> Select<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, TResult> work, CancellationToken cancellationToken)
    {
        using var chunks = new BlockingCollection<TItem[]>();
        var done = new ConcurrentQueue<TResult[]>();
        void Drain()
        {
            while (chunks.TryTake(out var chunk, Timeout.Infinite, cancellationToken))
                done.Enqueue(Array.ConvertAll(chunk, item => work(item)));
        }

        var worker = Task.Run(Drain, cancellationToken);
        try
        {
            var pending = new List<TItem>(ChunkSize);
            foreach (var item in items)
            {
                pending.Add(item);
                if (pending.Count < ChunkSize) continue;
                chunks.Add([.. pending], cancellationToken);
                pending.Clear();
            }
            if (pending.Count > 0) chunks.Add([.. pending], cancellationToken);
            chunks.CompleteAdding();
            Drain();
        }
        finally
        {
            // The worker stops once the chunks are taken (or on an exception here: nothing is left to add).
            chunks.CompleteAdding();
            WaitFor(worker);
        }

        var results = new List<TResult>(done.Sum(chunk => chunk.Length));
        foreach (var chunk in done) results.AddRange(chunk);
        return results;
    }

    /// <summary>Waits for the worker and throws what it threw, as itself (not wrapped), as Parallel's callers expect.</summary>
    private static void WaitFor(Task worker)
    {
        try
        {
            worker.Wait();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
