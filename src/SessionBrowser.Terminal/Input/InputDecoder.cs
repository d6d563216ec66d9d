using System.Text;

namespace SessionBrowser.Terminal.Input;

/// <summary>
/// Turns the bytes a terminal sends into events. Pure: feed it bytes with the time they arrived
/// and it returns events; nothing here reads a clock or a device, so every case can be tested on
/// raw byte sequences.
/// <para>
/// A lone ESC cannot be told from the start of a sequence until a moment has passed, so an
/// unfinished sequence waits until <see cref="Deadline"/>; call <see cref="Tick"/> then. Incomplete
/// UTF-8 waits for the next read. Bracketed paste is collected whole (up to a cap) into one
/// <see cref="PasteEvent"/>. Sequences it does not know are swallowed, never shown as text.
/// </para>
/// </summary>
public sealed class InputDecoder
{
    public static readonly TimeSpan DefaultEscapeTimeout = TimeSpan.FromMilliseconds(50);
    public const int DefaultPasteLimit = 1 << 20;
    private const int MaxSequenceLength = 64;
    private static readonly byte[] PasteEnd = "\e[201~"u8.ToArray();

    private readonly TimeSpan _escapeTimeout;
    private readonly int _pasteLimit;
    private readonly List<byte> _pending = [];
    private TimeSpan _pendingSince;
    private bool _inPaste;
    private readonly List<byte> _paste = [];
    private bool _pasteTruncated;
    private bool _discarding;

    public InputDecoder(TimeSpan? escapeTimeout = null, int pasteLimit = DefaultPasteLimit)
    {
        _escapeTimeout = escapeTimeout ?? DefaultEscapeTimeout;
        _pasteLimit = pasteLimit;
    }

    /// <summary>When <see cref="Tick"/> should be called to settle a pending ESC, or null if nothing waits on time.</summary>
    public TimeSpan? Deadline => _pending.Count > 0 && !_inPaste ? _pendingSince + _escapeTimeout : null;

    public List<InputEvent> Feed(ReadOnlySpan<byte> bytes, TimeSpan now)
    {
        bool wasWaiting = _pending.Count > 0;
        foreach (var b in bytes) _pending.Add(b);
        var events = new List<InputEvent>();
        int consumed = Decode(events, final: false);
        // The timeout runs from when the bytes still waiting arrived.
        if (_pending.Count > 0 && (!wasWaiting || consumed > 0)) _pendingSince = now;
        return events;
    }

    /// <summary>Settles what waited for more bytes once the timeout has passed: a lone ESC becomes the Escape key.</summary>
    public List<InputEvent> Tick(TimeSpan now)
    {
        var events = new List<InputEvent>();
        if (Deadline is { } deadline && now >= deadline) Decode(events, final: true);
        return events;
    }

    private int Decode(List<InputEvent> events, bool final)
    {
        var buf = _pending.ToArray();
        int pos = 0;
        while (pos < buf.Length)
        {
            if (_discarding)
            {
                pos += DiscardRest(buf.AsSpan(pos));
                continue;
            }
            if (_inPaste)
            {
                int consumed = ContinuePaste(buf.AsSpan(pos), events);
                if (consumed == 0) break;
                pos += consumed;
                continue;
            }
            int used = Parse(buf, pos, events, alt: false);
            if (used == 0)
            {
                if (!final) break;
                used = Settle(buf, pos, events);
            }
            pos += used;
        }
        _pending.RemoveRange(0, pos);
        return pos;
    }

    /// <summary>On timeout: an unfinished sequence becomes Esc, or Alt+'[' / Alt+'O'; anything longer is dropped.</summary>
    private static int Settle(byte[] buf, int pos, List<InputEvent> events)
    {
        int left = buf.Length - pos;
        if (buf[pos] == 0x1b && left == 1) { events.Add(new KeyEvent(Key.Escape)); return 1; }
        if (buf[pos] == 0x1b && left == 2 && buf[pos + 1] is (byte)'[' or (byte)'O')
        {
            events.Add(KeyEvent.Of((char)buf[pos + 1], KeyModifiers.Alt));
            return 2;
        }
        return left;
    }

    /// <summary>Parses one event at <paramref name="pos"/>; returns the bytes used, or 0 if more are needed.</summary>
    private int Parse(byte[] buf, int pos, List<InputEvent> events, bool alt)
    {
        byte b = buf[pos];
        var mods = alt ? KeyModifiers.Alt : KeyModifiers.None;
        switch (b)
        {
            case 0x1b:
                if (alt) { events.Add(new KeyEvent(Key.Escape, default, mods)); return 1; }
                return ParseEscape(buf, pos, events);
            case 0x0d or 0x0a: events.Add(new KeyEvent(Key.Enter, default, mods)); return 1;
            case 0x09: events.Add(new KeyEvent(Key.Tab, default, mods)); return 1;
            case 0x7f: events.Add(new KeyEvent(Key.Backspace, default, mods)); return 1;
            case 0x08: events.Add(new KeyEvent(Key.Backspace, default, mods | KeyModifiers.Ctrl)); return 1;
            case 0x00: events.Add(KeyEvent.Of(' ', mods | KeyModifiers.Ctrl)); return 1;
            case < 0x1b: events.Add(KeyEvent.Of((char)(b + 0x60), mods | KeyModifiers.Ctrl)); return 1;
            case < 0x20: events.Add(KeyEvent.Of((char)(b + 0x40), mods | KeyModifiers.Ctrl)); return 1;
            case < 0x80: events.Add(KeyEvent.Of((char)b, mods)); return 1;
        }
        // UTF-8: wait for the rest of a split character; skip a byte that cannot start one.
        int need = b < 0xC2 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 1;
        if (need == 1) return 1;
        for (int i = 1; i < need; i++)
        {
            if (pos + i >= buf.Length) return 0;
            if ((buf[pos + i] & 0xC0) != 0x80) return 1;
        }
        if (Rune.DecodeFromUtf8(buf.AsSpan(pos, need), out var rune, out int used) == System.Buffers.OperationStatus.Done)
        {
            events.Add(new KeyEvent(Key.Char, rune, mods));
            return used;
        }
        return 1;
    }

    private int ParseEscape(byte[] buf, int pos, List<InputEvent> events)
    {
        if (pos + 1 >= buf.Length) return 0;
        byte next = buf[pos + 1];
        if (next == (byte)'[') return ParseCsi(buf, pos, events);
        if (next == (byte)'O') return ParseSs3(buf, pos, events);
        if (next == 0x1b) { events.Add(new KeyEvent(Key.Escape)); return 1; }
        // ESC before a key is how terminals send Alt+key.
        int used = Parse(buf, pos + 1, events, alt: true);
        return used == 0 ? 0 : used + 1;
    }

    private static int ParseSs3(byte[] buf, int pos, List<InputEvent> events)
    {
        int i = pos + 2;
        int modParam = 0;
        while (i < buf.Length && buf[i] is >= (byte)'0' and <= (byte)'9') modParam = modParam * 10 + buf[i++] - '0';
        if (i >= buf.Length) return 0;
        var mods = DecodeModifiers(modParam);
        Key? key = buf[i] switch
        {
            (byte)'A' => Key.Up, (byte)'B' => Key.Down, (byte)'C' => Key.Right, (byte)'D' => Key.Left,
            (byte)'H' => Key.Home, (byte)'F' => Key.End, (byte)'M' => Key.Enter,
            (byte)'P' => Key.F1, (byte)'Q' => Key.F2, (byte)'R' => Key.F3, (byte)'S' => Key.F4,
            _ => null,
        };
        if (key is { } k) events.Add(new KeyEvent(k, default, mods));
        return i + 1 - pos;
    }

    private int ParseCsi(byte[] buf, int pos, List<InputEvent> events)
    {
        int start = pos + 2;
        if (start >= buf.Length) return 0;
        if (buf[start] == (byte)'<') return ParseSgrMouse(buf, pos, events);
        if (buf[start] == (byte)'M') return ParseX10Mouse(buf, pos, events);

        int i = start;
        while (i < buf.Length && buf[i] is >= 0x30 and <= 0x3f) i++;
        int paramEnd = i;
        while (i < buf.Length && buf[i] is >= 0x20 and <= 0x2f) i++;
        if (i >= buf.Length) return Overlong(i - pos);
        byte final = buf[i];
        if (final is < 0x40 or > 0x7e) return i - pos; // broken sequence: drop what came before the stray byte
        int length = i + 1 - pos;
        if (i > paramEnd) return length; // intermediates: nothing we know

        var p = ParseParams(buf.AsSpan(start, paramEnd - start));
        int P(int index, int fallback) => index < p.Count && p[index] >= 0 ? p[index] : fallback;
        var mods = DecodeModifiers(P(1, 1));

        Key? key = null;
        switch ((char)final)
        {
            case 'A': key = Key.Up; break;
            case 'B': key = Key.Down; break;
            case 'C': key = Key.Right; break;
            case 'D': key = Key.Left; break;
            case 'H': key = Key.Home; break;
            case 'F': key = Key.End; break;
            case 'P': key = Key.F1; break;
            case 'Q': key = Key.F2; break;
            case 'R': key = Key.F3; break;
            case 'S': key = Key.F4; break;
            case 'Z': events.Add(new KeyEvent(Key.Tab, default, mods | KeyModifiers.Shift)); return length;
            case 'u': AddCodepointKey(P(0, 0), mods, events); return length;
            case '~':
                int code = P(0, 0);
                if (code == 200) { _inPaste = true; _paste.Clear(); _pasteTruncated = false; return length; }
                key = TildeKey(code);
                break;
        }
        if (key is { } k) events.Add(new KeyEvent(k, default, mods));
        return length;
    }

    /// <summary>A sequence this long is garbage: drop it, and the rest of it as it arrives.</summary>
    private int Overlong(int seen)
    {
        if (seen <= MaxSequenceLength) return 0;
        _discarding = true;
        return seen;
    }

    private int DiscardRest(ReadOnlySpan<byte> data)
    {
        int i = 0;
        while (i < data.Length && data[i] is >= 0x20 and <= 0x3f) i++;
        if (i == data.Length) return i;
        _discarding = false;
        return data[i] is >= 0x40 and <= 0x7e ? i + 1 : i;
    }

    private static Key? TildeKey(int code) => code switch
    {
        1 or 7 => Key.Home,
        2 => Key.Insert,
        3 => Key.Delete,
        4 or 8 => Key.End,
        5 => Key.PageUp,
        6 => Key.PageDown,
        11 => Key.F1, 12 => Key.F2, 13 => Key.F3, 14 => Key.F4, 15 => Key.F5,
        17 => Key.F6, 18 => Key.F7, 19 => Key.F8, 20 => Key.F9, 21 => Key.F10,
        23 => Key.F11, 24 => Key.F12,
        _ => null,
    };

    /// <summary>CSI codepoint;mods u — the "fixterms"/kitty form some terminals use for modified keys.</summary>
    private static void AddCodepointKey(int codepoint, KeyModifiers mods, List<InputEvent> events)
    {
        var key = codepoint switch { 13 => Key.Enter, 9 => Key.Tab, 27 => Key.Escape, 127 => Key.Backspace, _ => Key.Char };
        if (key != Key.Char) events.Add(new KeyEvent(key, default, mods));
        else if (Rune.IsValid(codepoint) && codepoint >= 0x20) events.Add(new KeyEvent(Key.Char, new Rune(codepoint), mods));
    }

    private int ParseSgrMouse(byte[] buf, int pos, List<InputEvent> events)
    {
        int i = pos + 3;
        while (i < buf.Length && (buf[i] is >= (byte)'0' and <= (byte)'9' || buf[i] == (byte)';')) i++;
        if (i >= buf.Length) return Overlong(i - pos);
        int length = i + 1 - pos;
        if (buf[i] is not ((byte)'M' or (byte)'m')) return i - pos;
        var p = ParseParams(buf.AsSpan(pos + 3, i - pos - 3));
        if (p.Count != 3 || p[0] < 0 || p[1] < 1 || p[2] < 1) return length;
        events.Add(MouseFrom(p[0], p[1] - 1, p[2] - 1, release: buf[i] == (byte)'m'));
        return length;
    }

    /// <summary>The old X10 encoding (ESC [ M b x y, each +32), sent by terminals without SGR mouse.</summary>
    private static int ParseX10Mouse(byte[] buf, int pos, List<InputEvent> events)
    {
        if (buf.Length - pos < 6) return 0;
        int b = buf[pos + 3] - 32, x = buf[pos + 4] - 33, y = buf[pos + 5] - 33;
        if (b >= 0 && x >= 0 && y >= 0)
            events.Add((b & 3) == 3 && (b & 96) == 0 ? new MouseEvent(MouseAction.Release, MouseButton.None, x, y, ButtonModifiers(b)) : MouseFrom(b, x, y, release: false));
        return 6;
    }

    private static MouseEvent MouseFrom(int b, int x, int y, bool release)
    {
        var mods = ButtonModifiers(b);
        if ((b & 64) != 0)
        {
            var wheel = (b & 3) switch { 0 => MouseButton.WheelUp, 1 => MouseButton.WheelDown, 2 => MouseButton.WheelLeft, _ => MouseButton.WheelRight };
            return new MouseEvent(MouseAction.Press, wheel, x, y, mods);
        }
        var button = (b & 3) switch { 0 => MouseButton.Left, 1 => MouseButton.Middle, 2 => MouseButton.Right, _ => MouseButton.None };
        if ((b & 32) != 0) return new MouseEvent(button == MouseButton.None ? MouseAction.Move : MouseAction.Drag, button, x, y, mods);
        return new MouseEvent(release ? MouseAction.Release : MouseAction.Press, button, x, y, mods);
    }

    private static KeyModifiers ButtonModifiers(int b) =>
        ((b & 4) != 0 ? KeyModifiers.Shift : 0) | ((b & 8) != 0 ? KeyModifiers.Alt : 0) | ((b & 16) != 0 ? KeyModifiers.Ctrl : 0);

    /// <summary>xterm's modifier parameter: 1 + (Shift 1 | Alt 2 | Ctrl 4 | Meta 8).</summary>
    private static KeyModifiers DecodeModifiers(int param)
    {
        if (param <= 1) return KeyModifiers.None;
        int m = param - 1;
        return ((m & 1) != 0 ? KeyModifiers.Shift : 0) | ((m & 2) != 0 || (m & 8) != 0 ? KeyModifiers.Alt : 0) | ((m & 4) != 0 ? KeyModifiers.Ctrl : 0);
    }

    /// <summary>Numbers separated by ';' (sub-parameters after ':' ignored); -1 for an empty one.</summary>
    private static List<int> ParseParams(ReadOnlySpan<byte> text)
    {
        var result = new List<int>();
        int value = -1;
        bool sub = false;
        foreach (var c in text)
        {
            if (c == (byte)';') { result.Add(value); value = -1; sub = false; }
            else if (c == (byte)':') sub = true;
            else if (!sub && c is >= (byte)'0' and <= (byte)'9') value = Math.Min(100_000, Math.Max(0, value) * 10 + c - '0');
        }
        result.Add(value);
        return result;
    }

    /// <summary>Collects pasted bytes until ESC[201~; returns the bytes consumed (0 when the end marker may be split).</summary>
    private int ContinuePaste(ReadOnlySpan<byte> data, List<InputEvent> events)
    {
        int end = data.IndexOf(PasteEnd);
        if (end >= 0)
        {
            AppendPaste(data[..end]);
            var text = Encoding.UTF8.GetString(_paste.ToArray()).Replace("\r\n", "\n").Replace('\r', '\n');
            events.Add(new PasteEvent(text, _pasteTruncated));
            _inPaste = false;
            _paste.Clear();
            return end + PasteEnd.Length;
        }
        // Keep a tail that could be the start of the end marker.
        int safe = Math.Max(0, data.Length - (PasteEnd.Length - 1));
        AppendPaste(data[..safe]);
        return safe;
    }

    private void AppendPaste(ReadOnlySpan<byte> bytes)
    {
        int room = _pasteLimit - _paste.Count;
        if (bytes.Length > room)
        {
            _pasteTruncated = true;
            bytes = bytes[..Math.Max(0, room)];
            // Never cut a UTF-8 character in half.
            while (bytes.Length > 0 && (bytes[^1] & 0xC0) == 0x80) bytes = bytes[..^1];
            if (bytes.Length > 0 && bytes[^1] >= 0xC0) bytes = bytes[..^1];
        }
        foreach (var b in bytes) _paste.Add(b);
    }
}
