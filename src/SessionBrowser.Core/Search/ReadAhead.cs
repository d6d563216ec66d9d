using System.Runtime.ExceptionServices;

namespace SessionBrowser.Core.Search;

/// <summary>
/// Runs <c>read(i)</c> for i = 0, 1, … on worker threads, at most <c>ahead</c> items beyond the
/// one the caller takes next, and hands the results over in order. A first indexing is about
/// half reading and parsing the sessions and half SQLite, which takes one writer: the writer
/// inserts session i while the workers read the sessions after it.
/// </summary>
internal sealed class ReadAhead<T> : IDisposable
{
    private sealed record Slot(int Index, T Value, ExceptionDispatchInfo? Error);

    private readonly Func<int, CancellationToken, T> _read;
    private readonly int _count;
    private readonly Slot?[] _slots;
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenRegistration _wake;
    private readonly object _gate = new(); // Monitor.Wait/PulseAll need an object, not a Lock
    private readonly Thread[] _workers;
    private int _next;

    public ReadAhead(int count, Func<int, CancellationToken, T> read, int workers, int ahead, CancellationToken cancellationToken)
    {
        _count = count;
        _read = read;
        _slots = new Slot?[Math.Clamp(ahead, 1, Math.Max(count, 1))];
        _room = new SemaphoreSlim(_slots.Length);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A taker waiting for an item that will never come (the workers stopped) is woken to throw.
        _wake = _stop.Token.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
        // Nothing to read (a reconcile of summaries only): no threads at all.
        _workers = new Thread[count == 0 ? 0 : Math.Clamp(workers, 1, count)];
        for (int w = 0; w < _workers.Length; w++)
        {
            _workers[w] = new Thread(Work) { IsBackground = true, Name = "index read-ahead" };
            _workers[w].Start();
        }
    }

    /// <summary>How many workers the machine has room for beside the writer: one on two cores, at most three.</summary>
    public static int WorkersBesideOneWriter => Math.Clamp(Environment.ProcessorCount - 1, 1, 3);

    private void Work()
    {
        try
        {
            while (true)
            {
                // Room first, then the index: items are claimed in order, so the slot of item i
                // (i modulo the slots) was taken by the caller before i is claimed.
                _room.Wait(_stop.Token);
                int i = Interlocked.Increment(ref _next) - 1;
                if (i >= _count) return;
                Slot slot;
                try
                {
                    slot = new Slot(i, _read(i, _stop.Token), null);
                }
                catch (Exception e)
                {
                    slot = new Slot(i, default!, ExceptionDispatchInfo.Capture(e));
                }
                lock (_gate)
                {
                    _slots[i % _slots.Length] = slot;
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed or cancelled: the caller stops taking.
        }
    }

    /// <summary>Item <paramref name="index"/>; call for 0, 1, … in order. A read that threw throws here.</summary>
    public T Take(int index)
    {
        Slot slot;
        lock (_gate)
        {
            while (_slots[index % _slots.Length] is not { } filled || filled.Index != index)
            {
                _stop.Token.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
            slot = _slots[index % _slots.Length]!;
            _slots[index % _slots.Length] = null;
        }
        _room.Release();
        slot.Error?.Throw();
        return slot.Value;
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var worker in _workers) worker.Join();
        _wake.Dispose();
        _stop.Dispose();
        _room.Dispose();
    }
}
