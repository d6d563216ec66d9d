using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Terminal.Demo;

/// <summary>
/// A small program on the toolkit alone (raw input, the decoder, the buffer and its diff), for
/// trying it by hand and for the tmux tests of what only a real terminal shows: the alternate
/// screen, keys, mouse, paste, resize, and a clean terminal after q, Ctrl+C, an exception and signals.
/// Keys: j/k move, Space marks, / filters (Enter or Esc ends it), x throws, q quits printing the
/// selection on stdout.
/// </summary>
public sealed class DemoApp
{
    public const string Title = "Terminal toolkit demo";
    private static readonly string[] Words = ["Refactor", "修复错误", "emoji 🎉", "e\u0301cole", "日本語", "parser", "🚀 launch", "한국어", "tests", "docs"];
    private static readonly Style Selected = new(Fg: Color.Black, Bg: Color.Cyan);
    private static readonly Style Dim = Style.Plain.Dim();

    private readonly List<string> _all;
    private List<int> _visible;
    private readonly HashSet<int> _marked = [];
    private int _selected, _top;
    private string _filter = "";
    private bool _filtering;
    private string _lastEvent = "none";

    public DemoApp()
    {
        _all = [.. Enumerable.Range(1, 200).Select(i => $"Item {i} {Words[i % Words.Length]} {Words[(i * 7) % Words.Length]}")];
        _visible = [.. Enumerable.Range(0, _all.Count)];
    }

    public string? Result { get; private set; }

    private string SelectedItem => _visible.Count == 0 ? "" : _all[_visible[_selected]];

    /// <summary>Handles one event; false means quit.</summary>
    public bool Update(object message)
    {
        if (message is TickEvent) return true;
        _lastEvent = message.ToString() ?? "";
        if (_filtering) return Filter(message);
        switch (message)
        {
            case KeyEvent k when k.IsChar('q'):
                Result = SelectedItem;
                return false;
            case KeyEvent k when k.IsCtrl('c'):
                return false;
            case KeyEvent k when k.IsChar('x'):
                throw new InvalidOperationException("demo crash requested with x");
            case KeyEvent k when k.IsChar('/'):
                _filtering = true;
                break;
            case KeyEvent k when k.IsChar('j') || k.Key == Key.Down: Select(_selected + 1); break;
            case KeyEvent k when k.IsChar('k') || k.Key == Key.Up: Select(_selected - 1); break;
            case KeyEvent k when k.IsChar(' '):
                if (_visible.Count > 0 && !_marked.Remove(_visible[_selected])) _marked.Add(_visible[_selected]);
                Select(_selected + 1);
                break;
            case MouseEvent { IsLeftClick: true } m when m.Y >= ListTop: Select(_top + m.Y - ListTop); break;
            case MouseEvent { Button: MouseButton.WheelDown }: Select(_selected + 3); break;
            case MouseEvent { Button: MouseButton.WheelUp }: Select(_selected - 3); break;
        }
        return true;
    }

    private bool Filter(object message)
    {
        switch (message)
        {
            case KeyEvent { Key: Key.Escape or Key.Enter }: _filtering = false; return true;
            case KeyEvent { Key: Key.Backspace } when _filter.Length > 0: _filter = _filter[..^1]; break;
            case KeyEvent { Key: Key.Char } k when !k.Ctrl && !k.Alt: _filter += k.Char.ToString(); break;
            // A paste is one event: its line breaks become spaces, as in a one-line field.
            case PasteEvent p: _filter += TextSanitizer.Clean(p.Text).ReplaceLineEndings(" "); break;
            default: return true;
        }
        _visible = [.. Enumerable.Range(0, _all.Count).Where(i => _all[i].Contains(_filter, StringComparison.OrdinalIgnoreCase))];
        _selected = _top = 0;
        return true;
    }

    private const int ListTop = 2;
    private int _rows = 1;

    private void Select(int index)
    {
        _selected = Math.Clamp(index, 0, Math.Max(0, _visible.Count - 1));
        if (_selected < _top) _top = _selected;
        if (_selected >= _top + _rows) _top = _selected - _rows + 1;
    }

    public (int X, int Y)? View(Buffer buffer)
    {
        var area = buffer.Area;
        if (area.Width < 40 || area.Height < 8)
        {
            buffer.SetStringTruncated(area.Row(0), $"terminal too small ({area.Width}x{area.Height}); need 40x8");
            return null;
        }
        _rows = area.Height - ListTop - 2;
        Select(_selected);
        buffer.SetStringTruncated(area.Row(0), $"{Title}  {area.Width}x{area.Height}  {_visible.Count} items  marked: {_marked.Count}", Style.Plain.Bold());
        buffer.SetStringTruncated(area.Row(1), $"selected: {SelectedItem}", Dim);
        for (int i = 0; i < _rows && _top + i < _visible.Count; i++)
        {
            int item = _visible[_top + i];
            bool selected = _top + i == _selected;
            var text = $"{(selected ? "▶" : " ")}{(_marked.Contains(item) ? "*" : " ")} {_all[item]}";
            buffer.SetStringTruncated(area.Row(ListTop + i), text, selected ? Selected : default);
        }
        var filter = $"/ {_filter}";
        buffer.SetStringTruncated(area.Row(area.Height - 2), filter);
        buffer.SetStringTruncated(area.Row(area.Height - 1), $"last event: {_lastEvent}  ·  j/k move  space mark  / filter  x crash  q quit", Dim);
        return _filtering ? (Math.Min(CellWidth.Of(filter), area.Width - 1), area.Height - 2) : null;
    }
}
