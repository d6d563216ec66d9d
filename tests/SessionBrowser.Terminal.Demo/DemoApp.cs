using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;
using SessionBrowser.Terminal.Widgets;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Terminal.Demo;

/// <summary>
/// One screen that uses every widget, for trying the toolkit by hand and for the tmux tests:
/// a filterable multi-select list, tabs over a 10,000-line scroll view / a timeline / event info,
/// a search input, a confirmation dialog, key hints, a spinner and a progress bar.
/// Keys: j/k move, Space marks, Tab or a click switches tabs, / searches, d opens the dialog,
/// x throws (to test crash restore), q quits printing the selection on stdout.
/// </summary>
public sealed class DemoApp
{
    private static readonly string[] Words = ["Refactor", "修复错误", "emoji 🎉", "e\u0301cole", "日本語", "parser", "🚀 launch", "한국어", "tests", "docs"];

    private readonly List<string> _all;
    private List<int> _visible;
    private readonly ListView _list;
    private readonly Tabs _tabs = new("Messages", "Timeline", "Events");
    private readonly ScrollView _messages;
    private readonly Timeline _timeline;
    private readonly TextInput _search = new() { Placeholder = "type / to search" };
    private readonly Spinner _spinner = new();
    private Dialog? _dialog;
    private bool _searching;
    private string _status = "ready";
    private string _lastEvent = "none";
    private int _ticks;

    public DemoApp()
    {
        _all = Enumerable.Range(1, 200).Select(i => $"Item {i} {Words[i % Words.Length]} {Words[(i * 7) % Words.Length]}").ToList();
        _visible = Enumerable.Range(0, _all.Count).ToList();
        _list = new ListView(RowFor) { MultiSelect = true };
        _list.SetCount(_visible.Count);
        _messages = new ScrollView(10_000, MessageLine);
        _timeline = new Timeline(Enumerable.Range(1, 12).Select(i => new TimelinePoint($"step {i * 5}", $"snapshot {i * 5}: progress {i * 8}%")).ToList());
    }

    public string? Result { get; private set; }

    public string SelectedItem => _visible.Count == 0 ? "" : _all[_visible[_list.Selected]];

    /// <summary>Handles one event; false means quit.</summary>
    public bool Update(object message)
    {
        if (message is TickEvent) { _spinner.Advance(); _ticks++; return true; }
        _lastEvent = message.ToString() ?? "";
        if (message is ResizeEvent) return true;
        if (message is not InputEvent e) return true;

        if (_dialog is { } dialog)
        {
            var result = dialog.Handle(e);
            if (result == DialogResult.Chosen) _status = dialog.Buttons[dialog.Selected] == "Delete" ? $"deleted {Math.Max(1, _list.Marked.Count)} item(s)" : "cancelled";
            if (result == DialogResult.Cancelled) _status = "cancelled";
            if (result != DialogResult.None) _dialog = null;
            return true;
        }
        if (_searching)
        {
            if (e is KeyEvent { Key: Key.Escape or Key.Enter }) { _searching = false; return true; }
            if (_search.Handle(e)) ApplyFilter();
            return true;
        }
        switch (e)
        {
            case KeyEvent k when k.IsChar('q'):
                Result = SelectedItem;
                return false;
            case KeyEvent k when k.IsCtrl('c'):
                return false;
            case KeyEvent k when k.IsChar('x'):
                throw new InvalidOperationException("demo crash requested with x");
            case KeyEvent k when k.IsChar('/'):
                _searching = true;
                return true;
            case KeyEvent k when k.IsChar('d'):
                int count = Math.Max(1, _list.Marked.Count);
                _dialog = new Dialog($"Delete {count} item(s)?", $"{SelectedItem} and the other marked items go to the trash.", "Delete", "Cancel") { Danger = true };
                return true;
            case KeyEvent { Key: Key.Tab } k:
                if (k.Shift) _tabs.Previous(); else _tabs.Next();
                return true;
        }
        if (_tabs.Handle(e)) return true;
        if (_tabs.Selected == 1 && _timeline.Handle(e)) return true;
        if (_tabs.Selected == 0 && e is MouseEvent && _messages.Handle(e)) return true;
        var action = _list.Handle(e);
        if (action == ListAction.Activated) _status = "opened " + SelectedItem;
        if (action == ListAction.Moved) _messages.ScrollTo(0);
        return true;
    }

    private void ApplyFilter()
    {
        _visible = Enumerable.Range(0, _all.Count).Where(i => _all[i].Contains(_search.Text, StringComparison.OrdinalIgnoreCase)).ToList();
        _list.ClearMarks();
        _list.SetCount(_visible.Count);
        _list.Select(0);
    }

    private Line RowFor(int index, int width)
    {
        var text = _all[_visible[index]];
        return Highlight.Apply(Line.Of(text), Highlight.Find(text, _search.Text), Theme.Default.Match);
    }

    private Line MessageLine(int i) => i % 10 == 0
        ? new Line([new Span($"## {SelectedItem} — section {i / 10}", Theme.Default.Title)])
        : new Line([new Span($"{i,5} ", Theme.Default.Dim), new Span($"message line {i} of {SelectedItem}: 中文 text, emoji 🎉 and a link "), new Span("example.com", new Style(Fg: Color.Blue).Underline(), "https://example.com")]);

    public (int X, int Y)? View(Buffer buffer)
    {
        var area = buffer.Area;
        if (area.Width < 40 || area.Height < 12)
        {
            buffer.SetStringTruncated(area.Row(0), $"terminal too small ({area.Width}x{area.Height}); need 40x12");
            return null;
        }
        var rows = Layout.Rows(area, Constraint.Fixed(1), Constraint.Fixed(1), Constraint.Fill(), Constraint.Fixed(1), Constraint.Fixed(1), Constraint.Fixed(1));
        var header = Layout.Columns(rows[0], Constraint.Fill(), Constraint.Fixed(30));
        buffer.SetStringTruncated(header[0], $"Terminal toolkit demo  {area.Width}x{area.Height}  {_visible.Count} items", Theme.Default.Title);
        ProgressBar.Render(buffer, header[1], Math.Min(1.0, _ticks / 50.0), "load");

        var body = Layout.Columns(rows[2], Constraint.Percent(40), Constraint.Fill());
        var listInner = Border.Draw(buffer, body[0], "Items", _searching ? Theme.Default.Border : Theme.Default.FocusedBorder);
        _list.Render(buffer, listInner);

        _tabs.Render(buffer, new Rect(body[1].X, rows[1].Y, body[1].Width, 1));
        var detail = Border.Draw(buffer, body[1], SelectedItem);
        switch (_tabs.Selected)
        {
            case 0: _messages.Render(buffer, detail); break;
            case 1: _timeline.Render(buffer, detail.Inset(0, 1, 0, 0)); break;
            default:
                buffer.SetString(detail.X, detail.Y, "last event: " + _lastEvent, Theme.Default.Text, detail);
                buffer.SetString(detail.X, detail.Y + 1, $"marked: {string.Join(", ", _list.Marked.Order().Select(i => i + 1))}", Theme.Default.Text, detail);
                break;
        }

        buffer.SetString(rows[3].X, rows[3].Y, "/ ", Theme.Default.Key, rows[3]);
        var cursor = _search.Render(buffer, rows[3].Inset(2, 0, 0, 0));
        _spinner.Render(buffer, rows[4], "status: " + _status);
        KeyHints.Render(buffer, rows[5], [new("j/k", "move"), new("space", "mark"), new("tab", "tabs"), new("/", "search"), new("d", "delete"), new("x", "crash"), new("q", "quit")]);

        _dialog?.Render(buffer, area);
        return _searching && _dialog is null ? cursor : null;
    }
}
