using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>The reading ahead a first indexing relies on: every item once, in order, failures where they happened.</summary>
public class ReadAheadTests
{
    [Fact]
    public void Items_come_in_order_each_read_once_whatever_the_workers_finish_first()
    {
        var reads = new int[500];
        using var ahead = new ReadAhead<string>(reads.Length, (i, _) =>
        {
            Interlocked.Increment(ref reads[i]);
            // Uneven work, so that workers overtake one another.
            return i % 7 == 0 ? string.Concat(Enumerable.Repeat(i.ToString(), 2000))[..i.ToString().Length] : i.ToString();
        }, workers: 3, ahead: 4, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, reads.Length).Select(i => i.ToString()), Enumerable.Range(0, reads.Length).Select(ahead.Take));
        Assert.All(reads, count => Assert.Equal(1, count));
    }

    [Fact]
    public void A_read_that_fails_throws_when_its_item_is_taken_and_not_before()
    {
        using var ahead = new ReadAhead<int>(10, (i, _) => i == 3 ? throw new IOException("item 3 cannot be read") : i * 10,
            workers: 2, ahead: 8, CancellationToken.None);

        Assert.Equal([0, 10, 20], [ahead.Take(0), ahead.Take(1), ahead.Take(2)]);
        Assert.Equal("item 3 cannot be read", Assert.Throws<IOException>(() => ahead.Take(3)).Message);
        Assert.Equal(40, ahead.Take(4));
    }

    [Fact]
    public void Cancelling_stops_the_workers_and_a_waiting_take()
    {
        using var stop = new CancellationTokenSource();
        using var blocked = new ManualResetEventSlim();
        var ahead = new ReadAhead<int>(100, (i, token) =>
        {
            if (i == 1) blocked.Wait(token);   // never set: only the cancellation ends this read
            return i;
        }, workers: 1, ahead: 2, stop.Token);

        Assert.Equal(0, ahead.Take(0));
        stop.CancelAfter(TimeSpan.FromMilliseconds(50));
        Assert.ThrowsAny<OperationCanceledException>(() => ahead.Take(1));
        ahead.Dispose();   // returns: the worker saw the cancellation
    }
}
