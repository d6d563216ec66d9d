using System.Diagnostics;
using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal;

/// <summary>
/// The update loop of a full-screen program (Bubble Tea's shape): it decodes input, hands each
/// event or posted message to <c>update</c>, and after every batch draws one frame with
/// <c>view</c>. Work done on other threads comes back through <see cref="ITerminal.Post"/>.
/// Ctrl+Z suspends (unless <see cref="SuspendOnCtrlZ"/> is off); everything else, Ctrl+C
/// included, goes to the program.
/// </summary>
public sealed class EventLoop
{
    private readonly ITerminal _terminal;
    private readonly InputDecoder _decoder;
    private readonly Queue<object> _ready = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextTick;

    public EventLoop(ITerminal terminal, InputDecoder? decoder = null)
    {
        _terminal = terminal;
        _decoder = decoder ?? new InputDecoder();
    }

    /// <summary>When set, a <see cref="TickEvent"/> arrives this often while the program is idle (spinners, polling).</summary>
    public TimeSpan? TickInterval { get; set; }

    public bool SuspendOnCtrlZ { get; set; } = true;

    /// <summary>
    /// Runs until <paramref name="update"/> returns false. <paramref name="view"/> draws the whole
    /// screen into a cleared buffer and returns where the cursor should show, or null.
    /// </summary>
    public void Run(Func<object, bool> update, Func<Rendering.Buffer, (int X, int Y)?> view)
    {
        var frame = new Rendering.Buffer(_terminal.Width, _terminal.Height);
        Draw(frame, view);
        while (true)
        {
            if (Next(Timeout.InfiniteTimeSpan) is not { } first) return;
            if (!update(first)) return;
            // Handle everything already waiting before drawing, so a burst of keys costs one frame.
            while (Next(TimeSpan.Zero) is { } more)
                if (!update(more)) return;
            Draw(frame, view);
        }
    }

    /// <summary>The next event or message, or null when <paramref name="wait"/> passes (or the terminal closed).</summary>
    public object? Next(TimeSpan wait)
    {
        var deadline = wait == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : _clock.Elapsed + wait;
        bool waited = false;
        while (true)
        {
            if (_ready.Count > 0) return _ready.Dequeue();
            var now = _clock.Elapsed;
            if (TickInterval is { } tick && now >= _nextTick)
            {
                _nextTick = now + tick;
                return new TickEvent(now);
            }
            if (_decoder.Deadline is { } escape && now >= escape)
            {
                Enqueue(_decoder.Tick(now));
                continue;
            }
            // Even a zero wait looks at the queue once.
            if (waited && now >= deadline) return null;
            var until = deadline;
            if (_decoder.Deadline is { } pending && pending < until) until = pending;
            if (TickInterval is not null && _nextTick < until) until = _nextTick;
            var timeout = until == TimeSpan.MaxValue ? Timeout.InfiniteTimeSpan : until > now ? until - now : TimeSpan.Zero;
            if (_terminal.TryTake(out var item, timeout)) Accept(item);
            else if (timeout == Timeout.InfiniteTimeSpan) return null; // the terminal closed
            waited = true;
        }
    }

    private void Accept(object? item)
    {
        switch (item)
        {
            case RawInput raw:
                Enqueue(_decoder.Feed(raw.Bytes, _clock.Elapsed));
                break;
            case null:
                break;
            default:
                _ready.Enqueue(item);
                break;
        }
    }

    private void Enqueue(List<InputEvent> events)
    {
        foreach (var e in events)
        {
            if (SuspendOnCtrlZ && e is KeyEvent k && k.IsCtrl('z'))
            {
                _terminal.Suspend();
                continue;
            }
            _ready.Enqueue(e);
        }
    }

    private void Draw(Rendering.Buffer frame, Func<Rendering.Buffer, (int X, int Y)?> view)
    {
        if (frame.Width != _terminal.Width || frame.Height != _terminal.Height) frame.Resize(_terminal.Width, _terminal.Height);
        else frame.Clear();
        var cursor = view(frame);
        _terminal.Draw(frame, cursor);
    }
}
