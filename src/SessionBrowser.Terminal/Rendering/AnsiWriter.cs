using System.Text;

namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// Turns changed cells into the escape sequences that draw them: the shortest cursor move to each
/// run of changes, only the SGR attributes that differ from the current ones, colours degraded to
/// the terminal's <see cref="ColorMode"/>, and OSC 8 around hyperlinked cells.
/// </summary>
public sealed class AnsiWriter
{
    private readonly StringBuilder _out = new(4096);
    private readonly ColorMode _mode;
    private int _cursorX = -1, _cursorY = -1;
    private Style _style;
    private string? _link;

    public AnsiWriter(ColorMode mode) { _mode = mode; }

    public const string SyncStart = "\e[?2026h";
    public const string SyncEnd = "\e[?2026l";

    /// <summary>Starts a frame: nothing is assumed about where the cursor is; the style is the default.</summary>
    public void BeginFrame()
    {
        _out.Clear();
        _cursorX = _cursorY = -1;
        _style = default;
        _link = null;
    }

    public void Raw(string sequence) => _out.Append(sequence);

    public bool IsEmpty => _out.Length == 0;

    /// <summary>Draws the changed cells of <paramref name="frame"/>.</summary>
    public void Draw(IReadOnlyList<CellChange> changes, Buffer frame)
    {
        foreach (var change in changes)
        {
            MoveTo(change.X, change.Y);
            SetLink(change.Cell.Link);
            SetStyle(change.Cell.Style);
            bool wide = change.X + 1 < frame.Width && frame[change.X + 1, change.Y].IsContinuation;
            if (CellWidth.IsUncertain(change.Cell.Symbol))
            {
                // The terminal may give this grapheme another width than we do: blank the cells we
                // count for it first (so a terminal that draws it narrower shows a space, not a
                // stale character), and never move relative to where it left the cursor.
                _out.Append(wide ? "  " : " ");
                _cursorX = _cursorY = -1;
                MoveTo(change.X, change.Y);
                _out.Append(change.Cell.Symbol);
                _cursorX = _cursorY = -1;
                continue;
            }
            _out.Append(change.Cell.Symbol);
            _cursorX += wide ? 2 : 1;
            // At the right margin terminals differ (pending wrap), so the position is forgotten.
            if (_cursorX >= frame.Width) _cursorX = _cursorY = -1;
        }
    }

    /// <summary>Closes any open link and resets the style so the terminal is left plain.</summary>
    public void ResetAttributes()
    {
        SetLink(null);
        if (_style != default) { _out.Append("\e[0m"); _style = default; }
    }

    public void MoveTo(int x, int y)
    {
        if (_cursorX == x && _cursorY == y) return;
        int absoluteLength = 4 + Digits(y + 1) + Digits(x + 1);
        if (_cursorY == y && _cursorX >= 0 && x == 0) _out.Append('\r');
        else if (_cursorY == y && _cursorX >= 0 && x != _cursorX && 3 + Digits(Math.Abs(x - _cursorX)) < absoluteLength)
            _out.Append("\e[").Append(Math.Abs(x - _cursorX)).Append(x > _cursorX ? 'C' : 'D');
        else if (_cursorY >= 0 && y == _cursorY + 1 && x == 0) _out.Append("\r\n");
        else _out.Append("\e[").Append(y + 1).Append(';').Append(x + 1).Append('H');
        _cursorX = x;
        _cursorY = y;
    }

    private static int Digits(int n) => n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;

    private void SetLink(string? link)
    {
        if (string.Equals(link, _link, StringComparison.Ordinal)) return;
        if (_link is not null) _out.Append("\e]8;;\e\\");
        if (link is not null) _out.Append("\e]8;;").Append(TextSanitizer.Clean(link)).Append("\e\\");
        _link = link;
    }

    private void SetStyle(Style target)
    {
        target = target with { Fg = ColorSupport.Degrade(target.Fg, _mode), Bg = ColorSupport.Degrade(target.Bg, _mode) };
        if (target == _style) return;
        // Written straight into the frame (no temporary strings): this runs for every style change.
        _out.Append("\e[");
        int codes = 0;
        var removed = _style.Mods & ~target.Mods;
        var added = target.Mods & ~_style.Mods;
        if ((removed & (Modifiers.Bold | Modifiers.Dim)) != 0)
        {
            // One code turns off both bold and dim; put back the one that stays.
            Code(ref codes, 22);
            added |= target.Mods & (Modifiers.Bold | Modifiers.Dim);
        }
        if (removed.HasFlag(Modifiers.Italic)) Code(ref codes, 23);
        if (removed.HasFlag(Modifiers.Underline)) Code(ref codes, 24);
        if (removed.HasFlag(Modifiers.Reverse)) Code(ref codes, 27);
        if (removed.HasFlag(Modifiers.Strike)) Code(ref codes, 29);
        if (added.HasFlag(Modifiers.Bold)) Code(ref codes, 1);
        if (added.HasFlag(Modifiers.Dim)) Code(ref codes, 2);
        if (added.HasFlag(Modifiers.Italic)) Code(ref codes, 3);
        if (added.HasFlag(Modifiers.Underline)) Code(ref codes, 4);
        if (added.HasFlag(Modifiers.Reverse)) Code(ref codes, 7);
        if (added.HasFlag(Modifiers.Strike)) Code(ref codes, 9);
        if (target.Fg != _style.Fg) ColorCode(ref codes, target.Fg, foreground: true);
        if (target.Bg != _style.Bg) ColorCode(ref codes, target.Bg, foreground: false);
        _out.Append('m');
        _style = target;
    }

    private void Code(ref int codes, int code)
    {
        if (codes++ > 0) _out.Append(';');
        _out.Append(code);
    }

    private void ColorCode(ref int codes, Color color, bool foreground)
    {
        switch (color.Kind)
        {
            case ColorKind.Default: Code(ref codes, foreground ? 39 : 49); break;
            case ColorKind.Ansi16 when color.Value < 8: Code(ref codes, (foreground ? 30 : 40) + color.Value); break;
            case ColorKind.Ansi16: Code(ref codes, (foreground ? 90 : 100) + color.Value - 8); break;
            case ColorKind.Indexed:
                Code(ref codes, foreground ? 38 : 48);
                _out.Append(";5;").Append(color.Value);
                break;
            default:
                Code(ref codes, foreground ? 38 : 48);
                _out.Append(";2;").Append((color.Value >> 16) & 0xff).Append(';').Append((color.Value >> 8) & 0xff).Append(';').Append(color.Value & 0xff);
                break;
        }
    }

    public string ToText() => _out.ToString();

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_out.ToString());
}
