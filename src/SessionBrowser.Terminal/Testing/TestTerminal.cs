using System.Collections.Concurrent;
using System.Text;
using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Testing;

/// <summary>
/// An in-memory terminal for tests: frames go through the real renderer into a
/// <see cref="VirtualTerminal"/>, so tests read back the screen as text (or with styles) and
/// count the bytes each frame took; input is queued as raw bytes, exactly as a terminal sends it.
/// </summary>
public sealed class TestTerminal : ITerminal
{
    private readonly BlockingCollection<object> _queue = new();
    private readonly FrameRenderer _renderer;

    public TestTerminal(int width = 120, int height = 40, ColorMode colors = ColorMode.TrueColor)
    {
        Width = width;
        Height = height;
        _renderer = new FrameRenderer(colors);
        Emulator = new VirtualTerminal(width, height);
    }

    public int Width { get; private set; }
    public int Height { get; private set; }

    /// <summary>What a real terminal would show after every byte written so far.</summary>
    public VirtualTerminal Emulator { get; }

    public Rendering.Buffer Screen => Emulator.Screen;

    /// <summary>The bytes of the last frame drawn (empty when nothing changed).</summary>
    public byte[] LastFrameBytes { get; private set; } = [];

    public int FramesDrawn { get; private set; }
    public int SuspendCount { get; private set; }

    public string ScreenText() => Screen.ToText();

    public void Draw(Rendering.Buffer frame, (int X, int Y)? cursor = null)
    {
        LastFrameBytes = _renderer.Render(frame, cursor);
        Emulator.Write(LastFrameBytes);
        FramesDrawn++;
    }

    public bool TryTake(out object? item, TimeSpan timeout) => _queue.TryTake(out item, timeout);

    public void Post(object message) => _queue.Add(message);

    public void Suspend() => SuspendCount++;

    /// <summary>Queues bytes as if typed; e.g. "\e[A" is the Up arrow.</summary>
    public void SendBytes(byte[] bytes) => _queue.Add(new RawInput(bytes));

    public void SendText(string text) => SendBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>Changes the size, as SIGWINCH would, and queues the resize event.</summary>
    public void Resize(int width, int height)
    {
        Width = width;
        Height = height;
        Emulator.Resize(width, height);
        _queue.Add(new ResizeEvent(width, height));
    }

    /// <summary>No more input: the event loop ends once the queue is empty.</summary>
    public void Close() => _queue.CompleteAdding();
}
