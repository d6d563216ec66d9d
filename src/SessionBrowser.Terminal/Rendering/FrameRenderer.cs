namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// Keeps the last frame shown and turns the next one into the bytes that update the screen:
/// only changed cells, one chunk per frame wrapped in synchronized output (CSI ?2026h/l) so the
/// terminal never shows half a frame. The caller writes the bytes in one write.
/// </summary>
public sealed class FrameRenderer
{
    private readonly AnsiWriter _writer;
    private readonly List<CellChange> _changes = [];
    private Buffer? _previous;
    private (int X, int Y)? _cursor;
    private bool _cursorShown;

    public FrameRenderer(ColorMode mode) { _writer = new AnsiWriter(mode); }

    /// <summary>Forgets what the screen shows (after a resize, a suspend, or another program drew on it): the next frame clears and redraws all.</summary>
    public void Invalidate() => _previous = null;

    /// <summary>
    /// The bytes for the next frame, or an empty array when nothing changed.
    /// <paramref name="cursor"/> places a visible cursor (a text input); null keeps it hidden.
    /// </summary>
    public byte[] Render(Buffer next, (int X, int Y)? cursor = null)
    {
        _writer.BeginFrame();
        bool full = _previous is null || _previous.Width != next.Width || _previous.Height != next.Height;
        var previous = full ? new Buffer(next.Width, next.Height) : _previous!;
        BufferDiff.Compute(previous, next, _changes);
        if (!full && _changes.Count == 0 && cursor == _cursor) return [];

        _writer.Raw(AnsiWriter.SyncStart);
        if (_cursorShown) _writer.Raw("\e[?25l");
        if (full) _writer.Raw("\e[0m\e[H\e[2J");
        _writer.Draw(_changes, next);
        _writer.ResetAttributes();
        if (cursor is { } c)
        {
            _writer.MoveTo(Math.Clamp(c.X, 0, Math.Max(0, next.Width - 1)), Math.Clamp(c.Y, 0, Math.Max(0, next.Height - 1)));
            _writer.Raw("\e[?25h");
        }
        _writer.Raw(AnsiWriter.SyncEnd);
        _cursorShown = cursor is not null;
        _cursor = cursor;

        _previous ??= new Buffer(next.Width, next.Height);
        _previous.CopyFrom(next);
        return _writer.ToBytes();
    }
}
