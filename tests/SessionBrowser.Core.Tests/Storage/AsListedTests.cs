using SessionBrowser.Core.Storage;
using Xunit;

namespace SessionBrowser.Core.Tests.Storage;

public class AsListedTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(5_000)]
    public void Every_item_is_worked_on_once(int count)
    {
        int calls = 0;
        var results = AsListed.Select(Enumerable.Range(0, count), i => { Interlocked.Increment(ref calls); return i * 2; }, CancellationToken.None);

        Assert.Equal(count, calls);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * 2), results.Order());
    }

    [Fact]
    public void The_work_runs_while_the_listing_goes_on()
    {
        // The listing waits, after its first chunk, until the worker has taken something: it would wait forever if nothing ran before the listing ended.
        using var started = new ManualResetEventSlim();
        IEnumerable<int> Listing()
        {
            for (int i = 0; i < 512; i++) yield return i;
            Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "no work began while listing");
            for (int i = 512; i < 1024; i++) yield return i;
        }

        var results = AsListed.Select(Listing(), i => { started.Set(); return i; }, CancellationToken.None);

        Assert.Equal(1024, results.Count);
    }

    [Fact]
    public void A_failure_in_the_work_is_thrown_as_itself()
    {
        var e = Assert.Throws<IOException>(() =>
            AsListed.Select(Enumerable.Range(0, 3_000), i => i == 2_500 ? throw new IOException("bad entry") : i, CancellationToken.None));
        Assert.Equal("bad entry", e.Message);
    }

    [Fact]
    public void A_failure_in_the_listing_is_thrown_as_itself()
    {
        IEnumerable<int> Listing()
        {
            for (int i = 0; i < 2_000; i++) yield return i;
            throw new UnauthorizedAccessException("folder went away");
        }

        Assert.Throws<UnauthorizedAccessException>(() => AsListed.Select(Listing(), i => i, CancellationToken.None));
    }

    [Fact]
    public void Cancelling_stops_it()
    {
        using var cancel = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            AsListed.Select(Enumerable.Range(0, 100_000), i => { if (i == 1_000) cancel.Cancel(); return i; }, cancel.Token));
    }
}
