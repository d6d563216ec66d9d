using System.Text;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Testing;

/// <summary>
/// A small terminal emulator for tests: it applies what the renderer writes (cursor moves, SGR,
/// clears, OSC 8, private modes, UTF-8 text with wide graphemes) to a <see cref="Screen"/> buffer,
/// so a test can check that the bytes really produce the intended picture.
/// </summary>
public sealed class VirtualTerminal
{
    private readonly HashSet<int> _modes = [];
    private Style _style;
    private string? _link;
    private bool _pendingWrap;

    public VirtualTerminal(int width, int height) { Screen = new Rendering.Buffer(width, height); }

    public Rendering.Buffer Screen { get; }
    public int CursorX { get; private set; }
    public int CursorY { get; private set; }
    public bool CursorVisible => !_modes.Contains(-25);
    public long BytesWritten { get; private set; }

    /// <summary>Whether a DEC private mode (e.g. 1049 alternate screen, 2004 bracketed paste) is on.</summary>
    public bool IsModeSet(int mode) => _modes.Contains(mode);

    public void Resize(int width, int height)
    {
        Screen.Resize(width, height);
        CursorX = Math.Min(CursorX, width - 1);
        CursorY = Math.Min(CursorY, height - 1);
    }

    public void Write(byte[] bytes)
    {
        BytesWritten += bytes.Length;
        Write(Encoding.UTF8.GetString(bytes));
    }

    public void Write(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\e') { i = Escape(text, i); continue; }
            if (c == '\r') { CursorX = 0; _pendingWrap = false; i++; continue; }
            if (c == '\n') { CursorY = Math.Min(Screen.Height - 1, CursorY + 1); _pendingWrap = false; i++; continue; }
            if (char.IsControl(c)) { i++; continue; }
            int length = System.Globalization.StringInfo.GetNextTextElementLength(text.AsSpan(i));
            Print(text.Substring(i, length));
            i += length;
        }
    }

    private void Print(string grapheme)
    {
        int width = CellWidth.OfGrapheme(grapheme);
        if (width == 0) return;
        if (_pendingWrap || CursorX + width > Screen.Width)
        {
            CursorX = 0;
            CursorY = Math.Min(Screen.Height - 1, CursorY + 1);
            _pendingWrap = false;
        }
        Screen.Fill(new Rect(CursorX, CursorY, width, 1), Cell.Blank);
        Screen.SetString(CursorX, CursorY, grapheme, _style, link: _link);
        CursorX += width;
        if (CursorX >= Screen.Width) { CursorX = Screen.Width - 1; _pendingWrap = true; }
    }

    private int Escape(string text, int start)
    {
        if (start + 1 >= text.Length) return text.Length;
        char kind = text[start + 1];
        if (kind == ']')
        {
            int end = text.IndexOf("\e\\", start, StringComparison.Ordinal);
            int bell = text.IndexOf('\a', start);
            int stop = end < 0 ? bell : bell < 0 ? end : Math.Min(end, bell);
            if (stop < 0) return text.Length;
            var body = text[(start + 2)..stop];
            if (body.StartsWith("8;", StringComparison.Ordinal))
            {
                var url = body[(body.IndexOf(';', 2) + 1)..];
                _link = url.Length == 0 ? null : url;
            }
            return stop + (text[stop] == '\a' ? 1 : 2);
        }
        if (kind != '[') return start + 2;
        int i = start + 2;
        while (i < text.Length && text[i] is >= '\x20' and <= '\x3f') i++;
        if (i >= text.Length) return text.Length;
        Csi(text[(start + 2)..i], text[i]);
        return i + 1;
    }

    private void Csi(string parameters, char final)
    {
        bool isPrivate = parameters.StartsWith('?');
        var numbers = (isPrivate ? parameters[1..] : parameters).Split(';').Select(p => int.TryParse(p, out int v) ? v : -1).ToArray();
        int P(int index, int fallback) => index < numbers.Length && numbers[index] > 0 ? numbers[index] : fallback;
        _pendingWrap = false;
        switch (final)
        {
            case 'H':
                CursorY = Math.Clamp(P(0, 1) - 1, 0, Screen.Height - 1);
                CursorX = Math.Clamp(P(1, 1) - 1, 0, Screen.Width - 1);
                break;
            case 'A': CursorY = Math.Max(0, CursorY - P(0, 1)); break;
            case 'B': CursorY = Math.Min(Screen.Height - 1, CursorY + P(0, 1)); break;
            case 'C': CursorX = Math.Min(Screen.Width - 1, CursorX + P(0, 1)); break;
            case 'D': CursorX = Math.Max(0, CursorX - P(0, 1)); break;
            case 'J' when P(0, 0) == 2: Screen.Fill(Screen.Area, new Cell(" ", _style with { Mods = Modifiers.None, Fg = default })); break;
            case 'K': Screen.Fill(new Rect(CursorX, CursorY, Screen.Width - CursorX, 1), Cell.Blank); break;
            case 'm': Sgr(numbers); break;
            case 'h' or 'l' when isPrivate:
                foreach (var mode in numbers)
                {
                    bool on = final == 'h';
                    if (mode == 25) { if (on) _modes.Remove(-25); else _modes.Add(-25); continue; }
                    if (mode == 1049 && on != _modes.Contains(1049)) Screen.Clear();
                    if (on) _modes.Add(mode); else _modes.Remove(mode);
                }
                break;
        }
    }

    private void Sgr(int[] codes)
    {
        for (int i = 0; i < codes.Length; i++)
        {
            int code = Math.Max(0, codes[i]);
            switch (code)
            {
                case 0: _style = default; break;
                case 1: _style = _style.Bold(); break;
                case 2: _style = _style.Dim(); break;
                case 3: _style = _style.Italic(); break;
                case 4: _style = _style.Underline(); break;
                case 7: _style = _style.Reverse(); break;
                case 9: _style = _style.Strike(); break;
                case 22: _style = _style.Remove(Modifiers.Bold | Modifiers.Dim); break;
                case 23: _style = _style.Remove(Modifiers.Italic); break;
                case 24: _style = _style.Remove(Modifiers.Underline); break;
                case 27: _style = _style.Remove(Modifiers.Reverse); break;
                case 29: _style = _style.Remove(Modifiers.Strike); break;
                case >= 30 and <= 37: _style = _style.WithFg(Color.Ansi(code - 30)); break;
                case 39: _style = _style with { Fg = default }; break;
                case >= 40 and <= 47: _style = _style.WithBg(Color.Ansi(code - 40)); break;
                case 49: _style = _style with { Bg = default }; break;
                case >= 90 and <= 97: _style = _style.WithFg(Color.Ansi(code - 90 + 8)); break;
                case >= 100 and <= 107: _style = _style.WithBg(Color.Ansi(code - 100 + 8)); break;
                case 38 or 48:
                    var color = ExtendedColor(codes, ref i);
                    _style = code == 38 ? _style with { Fg = color } : _style with { Bg = color };
                    break;
            }
        }
    }

    private static Color ExtendedColor(int[] codes, ref int i)
    {
        if (i + 2 < codes.Length && codes[i + 1] == 5) { i += 2; return Color.Indexed(codes[i]); }
        if (i + 4 < codes.Length && codes[i + 1] == 2)
        {
            var color = Color.Rgb((byte)codes[i + 2], (byte)codes[i + 3], (byte)codes[i + 4]);
            i += 4;
            return color;
        }
        return default;
    }
}
