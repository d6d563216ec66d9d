using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal;

/// <summary>
/// What the <see cref="EventLoop"/> needs from a terminal: its size, a way to show a frame, and
/// one queue that delivers raw input, resizes and messages posted from other threads.
/// <see cref="TerminalSession"/> is the real one; Testing.TestTerminal is the in-memory one.
/// </summary>
public interface ITerminal
{
    int Width { get; }
    int Height { get; }

    /// <summary>Shows the frame (only what changed is written); a cursor position makes the cursor visible there.</summary>
    void Draw(Rendering.Buffer frame, (int X, int Y)? cursor = null);

    /// <summary>Waits up to <paramref name="timeout"/> for the next item: <see cref="RawInput"/>, an Input event, or a posted message.</summary>
    bool TryTake(out object? item, TimeSpan timeout);

    /// <summary>Queues a message for the loop; safe from any thread.</summary>
    void Post(object message);

    /// <summary>Ctrl+Z: gives the terminal back to the shell and stops until resumed.</summary>
    void Suspend();
}

/// <summary>Bytes read from the terminal; the event loop decodes them.</summary>
public sealed record RawInput(byte[] Bytes);
