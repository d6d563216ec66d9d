using System.Text;
using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;
using SessionBrowser.Terminal.Widgets;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Terminal.Tests.Widgets;

public class WidgetBehaviourTests
{
    private static KeyEvent K(Key key, KeyModifiers mods = KeyModifiers.None) => new(key, default, mods);
    private static KeyEvent C(char c, KeyModifiers mods = KeyModifiers.None) => KeyEvent.Of(c, mods);
    private static MouseEvent Click(int x, int y) => new(MouseAction.Press, MouseButton.Left, x, y);

    [Fact]
    public void List_keys_move_scroll_and_clamp()
    {
        var list = new ListView((i, _) => Line.Of($"row {i}"));
        list.SetCount(100);
        list.Render(new Buffer(20, 10), new Rect(0, 0, 20, 10));
        Assert.Equal(ListAction.None, list.Handle(K(Key.Up)));
        Assert.Equal(ListAction.Moved, list.Handle(C('j')));
        Assert.Equal(1, list.Selected);
        list.Handle(K(Key.PageDown));
        Assert.Equal(10, list.Selected);
        Assert.Equal(1, list.Offset);
        list.Handle(C('G'));
        Assert.Equal(99, list.Selected);
        Assert.Equal(90, list.Offset);
        list.Handle(K(Key.Home));
        Assert.Equal((0, 0), (list.Selected, list.Offset));
        Assert.Equal(ListAction.Activated, list.Handle(K(Key.Enter)));
    }

    [Fact]
    public void List_renders_only_visible_rows()
    {
        var asked = new List<int>();
        var list = new ListView((i, _) => { asked.Add(i); return Line.Of("x"); });
        list.SetCount(100_000);
        list.Select(50_000);
        list.Render(new Buffer(20, 10), new Rect(0, 0, 20, 10));
        Assert.Equal(10, asked.Count);
        Assert.Contains(50_000, asked);
    }

    [Fact]
    public void List_mouse_click_selects_then_activates_and_wheel_scrolls()
    {
        var list = new ListView((i, _) => Line.Of($"row {i}"));
        list.SetCount(50);
        list.Render(new Buffer(20, 12), new Rect(0, 2, 20, 10));
        Assert.Equal(ListAction.Moved, list.Handle(Click(3, 5)));
        Assert.Equal(3, list.Selected);
        Assert.Equal(ListAction.Activated, list.Handle(Click(3, 5)));
        Assert.Equal(ListAction.None, list.Handle(Click(3, 0))); // outside the list
        list.Handle(new MouseEvent(MouseAction.Press, MouseButton.WheelDown, 3, 5));
        Assert.Equal(6, list.Selected);
    }

    [Fact]
    public void List_space_marks_and_moves_on()
    {
        var list = new ListView((i, _) => Line.Of($"row {i}")) { MultiSelect = true };
        list.SetCount(5);
        list.Render(new Buffer(20, 5), new Rect(0, 0, 20, 5));
        Assert.Equal(ListAction.Marked, list.Handle(C(' ')));
        list.Handle(C(' '));
        Assert.Equal([0, 1], list.Marked.Order());
        list.Select(0);
        list.Handle(C(' '));
        Assert.Equal([1], list.Marked);
        list.SetCount(1);
        Assert.Empty(list.Marked);
    }

    [Fact]
    public void Scroll_view_asks_only_for_visible_lines_of_a_huge_text()
    {
        var asked = new HashSet<int>();
        var view = new ScrollView(1_000_000, i => { asked.Add(i); return Line.Of($"line {i}"); });
        var buffer = new Buffer(40, 20);
        view.Render(buffer, buffer.Area);
        view.Handle(K(Key.End));
        buffer.Clear();
        view.Render(buffer, buffer.Area);
        Assert.Equal(40, asked.Count);
        Assert.Equal("line 999999", buffer.RowText(19).TrimEnd('│', '┃').TrimEnd());
        Assert.True(view.AtEnd);
    }

    [Fact]
    public void Scroll_view_wheel_and_scrollbar_click()
    {
        var view = new ScrollView(1000, i => Line.Of($"{i}"));
        var buffer = new Buffer(10, 10);
        view.Render(buffer, buffer.Area);
        Assert.True(view.Handle(new MouseEvent(MouseAction.Press, MouseButton.WheelDown, 2, 2)));
        Assert.Equal(3, view.Offset);
        view.Handle(Click(9, 9));
        Assert.Equal(990, view.Offset);
        view.Handle(Click(9, 0));
        Assert.Equal(0, view.Offset);
    }

    [Fact]
    public void Text_input_edits_by_grapheme_and_word()
    {
        var input = new TextInput();
        foreach (var c in "hello wide") input.Handle(C(c));
        input.Handle(new KeyEvent(Key.Char, new Rune(0x4E16))); // 世
        input.Handle(new PasteEvent("👨‍👩‍👧 e\u0301\nnext\tline\e[31m"));
        Assert.Equal("hello wide世👨‍👩‍👧 e\u0301 next line", input.Text);
        input.Handle(K(Key.End));
        input.Handle(C('w', KeyModifiers.Ctrl));
        Assert.Equal("hello wide世👨‍👩‍👧 e\u0301 next ", input.Text);
        input.Handle(K(Key.Left, KeyModifiers.Ctrl));
        input.Handle(K(Key.Left, KeyModifiers.Ctrl));
        Assert.Equal("hello wide世👨‍👩‍👧 |e\u0301 next ", input.ToString());
        input.Handle(K(Key.Left));
        input.Handle(K(Key.Left));
        Assert.Equal("hello wide世|👨‍👩‍👧 e\u0301 next ", input.ToString());
        input.Handle(K(Key.Backspace));
        Assert.Equal("hello wide|👨‍👩‍👧 e\u0301 next ", input.ToString());
        input.Handle(K(Key.Delete));
        Assert.Equal("hello wide| e\u0301 next ", input.ToString());
        input.Handle(C('b', KeyModifiers.Alt));
        Assert.Equal("hello |wide e\u0301 next ", input.ToString());
        input.Handle(C('k', KeyModifiers.Ctrl));
        Assert.Equal("hello |", input.ToString());
        input.Handle(C('a', KeyModifiers.Ctrl));
        input.Handle(C('d', KeyModifiers.Alt));
        Assert.Equal("| ", input.ToString());
        input.Handle(C('e', KeyModifiers.Ctrl));
        input.Handle(C('u', KeyModifiers.Ctrl));
        Assert.Equal("|", input.ToString());
    }

    [Fact]
    public void Text_input_cursor_column_counts_wide_characters()
    {
        var input = new TextInput();
        input.SetText("中文ab");
        input.Handle(K(Key.Left));
        var cursor = input.Render(new Buffer(20, 1), new Rect(3, 0, 10, 1));
        Assert.Equal((8, 0), cursor);
    }

    [Fact]
    public void Text_input_scrolls_to_keep_the_cursor_visible()
    {
        var input = new TextInput();
        input.SetText(new string('a', 30) + "XYZ");
        var buffer = new Buffer(10, 1);
        var cursor = input.Render(buffer, buffer.Area);
        Assert.Equal((9, 0), cursor);
        Assert.Equal("aaaaaaXYZ", buffer.RowText(0));
    }

    [Fact]
    public void Dialog_keyboard_hotkeys_mouse_and_escape()
    {
        var dialog = new Dialog("Delete?", "Gone to the trash.", "Delete", "Cancel");
        var buffer = new Buffer(60, 20);
        dialog.Render(buffer, buffer.Area);
        Assert.Equal(DialogResult.None, dialog.Handle(K(Key.Tab)));
        Assert.Equal(1, dialog.Selected);
        Assert.Equal(DialogResult.Chosen, dialog.Handle(K(Key.Enter)));
        Assert.Equal(DialogResult.Cancelled, dialog.Handle(K(Key.Escape)));
        Assert.Equal(DialogResult.Chosen, dialog.Handle(C('d')));
        Assert.Equal(0, dialog.Selected);

        int row = Enumerable.Range(0, 20).First(y => buffer.RowText(y).Contains("[ Cancel ]"));
        int column = buffer.RowText(row).IndexOf("[ Cancel ]", StringComparison.Ordinal) + 3;
        Assert.Equal(DialogResult.Chosen, dialog.Handle(Click(column, row)));
        Assert.Equal(1, dialog.Selected);
        Assert.Equal(DialogResult.None, dialog.Handle(Click(0, 0)));
    }

    [Fact]
    public void Tabs_hit_testing()
    {
        var tabs = new Tabs("Messages", "Timeline", "Info");
        tabs.Render(new Buffer(40, 1), new Rect(0, 0, 40, 1));
        Assert.Equal(0, tabs.HitTest(2, 0));
        Assert.Equal(1, tabs.HitTest(13, 0));
        Assert.Equal(-1, tabs.HitTest(39, 0));
        Assert.True(tabs.Handle(Click(24, 0)));
        Assert.Equal(2, tabs.Selected);
        tabs.Next();
        Assert.Equal(0, tabs.Selected);
        tabs.Previous();
        Assert.Equal(2, tabs.Selected);
    }

    [Fact]
    public void Timeline_keys_and_click_select_points()
    {
        var timeline = new Timeline(Enumerable.Range(0, 20).Select(i => new TimelinePoint($"s{i}")).ToList());
        var buffer = new Buffer(50, 3);
        timeline.Render(buffer, buffer.Area);
        Assert.True(timeline.Handle(K(Key.Right)));
        Assert.Equal(1, timeline.Selected);
        timeline.Handle(K(Key.End));
        Assert.Equal(19, timeline.Selected);
        buffer.Clear();
        timeline.Render(buffer, buffer.Area);
        Assert.Contains("◀", buffer.RowText(0));
        timeline.Handle(Click(1, 0));
        Assert.True(timeline.Selected < 19);
        Assert.False(timeline.Handle(new MouseEvent(MouseAction.Press, MouseButton.Left, 1, 10)));
    }

    [Fact]
    public void Highlight_splits_spans_and_keeps_their_styles()
    {
        var red = new Style(Fg: Color.Red);
        var line = Highlight.Apply(new Line([new Span("hello "), new Span("world", red)]), Highlight.Find("hello world", "o w"), new Style().Bold());
        Assert.Equal([new Span("hell"), new Span("o ", new Style().Bold()), new Span("w", red.Bold()), new Span("orld", red)], line.Spans);
    }

    [Fact]
    public void Scrollbar_thumb_geometry()
    {
        Assert.Equal((0, 10), Scrollbar.Thumb(10, 5, 0, 10));
        Assert.Equal((0, 1), Scrollbar.Thumb(10, 100, 0, 10));
        Assert.Equal((9, 1), Scrollbar.Thumb(10, 100, 90, 10));
        Assert.Equal(45, Scrollbar.OffsetAt(5, 11, 100, 10));
    }
}
