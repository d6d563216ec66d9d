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

    /// <summary>Draws the changes; <paramref name="screenWidth"/> tells when the cursor reaches the right margin.</summary>
    public void Draw(IReadOnlyList<CellChange> changes, int screenWidth, Func<int, int, int> widthAt)
    {
        foreach (var change in changes)
        {
            MoveTo(change.X, change.Y);
            SetLink(change.Cell.Link);
            SetStyle(change.Cell.Style);
            _out.Append(change.Cell.Symbol);
            _cursorX += widthAt(change.X, change.Y);
            // At the right margin terminals differ (pending wrap), so the position is forgotten.
            if (_cursorX >= screenWidth) _cursorX = _cursorY = -1;
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
        string absolute = $"\e[{y + 1};{x + 1}H";
        string? best = null;
        if (_cursorY == y && _cursorX >= 0)
        {
            if (x == 0) best = "\r";
            else if (x > _cursorX) best = x - _cursorX == 1 ? "\e[C" : $"\e[{x - _cursorX}C";
            else best = _cursorX - x == 1 ? "\e[D" : $"\e[{_cursorX - x}D";
        }
        else if (_cursorY >= 0 && y == _cursorY + 1 && x == 0)
        {
            best = "\r\n";
        }
        _out.Append(best is not null && best.Length < absolute.Length ? best : absolute);
        _cursorX = x;
        _cursorY = y;
    }

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
        var codes = new StringBuilder();
        var removed = _style.Mods & ~target.Mods;
        var added = target.Mods & ~_style.Mods;
        if ((removed & (Modifiers.Bold | Modifiers.Dim)) != 0)
        {
            // One code turns off both bold and dim; put back the one that stays.
            Add(codes, "22");
            added |= target.Mods & (Modifiers.Bold | Modifiers.Dim);
        }
        if (removed.HasFlag(Modifiers.Italic)) Add(codes, "23");
        if (removed.HasFlag(Modifiers.Underline)) Add(codes, "24");
        if (removed.HasFlag(Modifiers.Reverse)) Add(codes, "27");
        if (removed.HasFlag(Modifiers.Strike)) Add(codes, "29");
        if (added.HasFlag(Modifiers.Bold)) Add(codes, "1");
        if (added.HasFlag(Modifiers.Dim)) Add(codes, "2");
        if (added.HasFlag(Modifiers.Italic)) Add(codes, "3");
        if (added.HasFlag(Modifiers.Underline)) Add(codes, "4");
        if (added.HasFlag(Modifiers.Reverse)) Add(codes, "7");
        if (added.HasFlag(Modifiers.Strike)) Add(codes, "9");
        if (target.Fg != _style.Fg) Add(codes, ColorCode(target.Fg, foreground: true));
        if (target.Bg != _style.Bg) Add(codes, ColorCode(target.Bg, foreground: false));
        _out.Append("\e[").Append(codes).Append('m');
        _style = target;
    }

    private static void Add(StringBuilder codes, string code)
    {
        if (codes.Length > 0) codes.Append(';');
        codes.Append(code);
    }

    private static string ColorCode(Color color, bool foreground) => color.Kind switch
    {
        ColorKind.Default => foreground ? "39" : "49",
        ColorKind.Ansi16 when color.Value < 8 => ((foreground ? 30 : 40) + color.Value).ToString(),
        ColorKind.Ansi16 => ((foreground ? 90 : 100) + color.Value - 8).ToString(),
        ColorKind.Indexed => $"{(foreground ? 38 : 48)};5;{color.Value}",
        _ => $"{(foreground ? 38 : 48)};2;{(color.Value >> 16) & 0xff};{(color.Value >> 8) & 0xff};{color.Value & 0xff}",
    };

    public string ToText() => _out.ToString();

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(_out.ToString());
}
