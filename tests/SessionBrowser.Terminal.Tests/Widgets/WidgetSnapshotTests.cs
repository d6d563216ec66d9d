using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;
using SessionBrowser.Terminal.Testing;
using SessionBrowser.Terminal.Widgets;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Terminal.Tests.Widgets;

/// <summary>Golden screens of every widget at a roomy and a cramped size.</summary>
public class WidgetSnapshotTests
{
    public static TheoryData<int, int> Sizes => new() { { 60, 12 }, { 24, 6 } };

    private static readonly string[] Titles =
    [
        "Refactor the parser", "修复登录页面的错误", "Add emoji support 🎉🚀", "e\u0301cole — accents stay",
        "A very long session title that will certainly not fit in a narrow column", "Short", "日本語のタイトル", "Seven",
        "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen",
    ];

    private static string Draw(int width, int height, Action<Buffer> draw)
    {
        var buffer = new Buffer(width, height);
        draw(buffer);
        return buffer.ToStyledText();
    }

    [Theory, MemberData(nameof(Sizes))]
    public void List_with_selection_marks_matches_and_scrolling(int width, int height)
    {
        var list = new ListView((i, w) => Highlight.Apply(Line.Of($"{i + 1,2} {Titles[i]}"), Highlight.Find($"{i + 1,2} {Titles[i]}", "e"), Theme.Default.Match))
        { MultiSelect = true };
        list.SetCount(Titles.Length);
        var area = new Rect(0, 0, width, height);
        list.Render(new Buffer(width, height), area);
        list.Handle(new KeyEvent(Key.Char, new System.Text.Rune(' ')));
        list.Handle(new KeyEvent(Key.Down));
        list.Handle(new KeyEvent(Key.Char, new System.Text.Rune(' ')));
        list.Select(8);
        Snapshot.Match(Draw(width, height, b => list.Render(b, area)), $"list_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Scroll_view_with_scrollbar_and_horizontal_offset(int width, int height)
    {
        var lines = Enumerable.Range(0, 200).Select(i => new Line([new Span($"{i,3} ", Theme.Default.Dim), new Span($"line {i} 中文 text that runs on and on past the edge")])).ToList();
        var view = new ScrollView(lines.Count, i => lines[i]);
        var area = new Rect(0, 0, width, height);
        view.Render(new Buffer(width, height), area);
        view.ScrollTo(100);
        view.Handle(new KeyEvent(Key.Right));
        Snapshot.Match(Draw(width, height, b => view.Render(b, area)), $"scrollview_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Text_input_with_cursor_and_placeholder(int width, int height)
    {
        var empty = new TextInput { Placeholder = "Search sessions…" };
        var input = new TextInput();
        input.SetText("find 中文 and emoji 🎉 in every message of the store");
        input.Handle(new KeyEvent(Key.Left, default, KeyModifiers.Ctrl));
        (int X, int Y) cursor = default;
        var text = Draw(width, height, b =>
        {
            empty.Render(b, new Rect(0, 0, width, 1));
            b.SetString(0, 1, "/ ", Theme.Default.Key);
            cursor = input.Render(b, new Rect(2, 1, width - 2, 1));
        });
        Snapshot.Match(text + $"cursor {cursor}\n", $"textinput_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Dialog_centred_with_buttons(int width, int height)
    {
        var dialog = new Dialog("Delete 2 sessions?", "They go to the trash: 修复登录页面的错误, Add emoji support 🎉. Press u to undo.", "Delete", "Cancel") { Danger = true };
        dialog.Handle(new KeyEvent(Key.Right));
        Snapshot.Match(Draw(width, height, b =>
        {
            b.Fill(b.Area, new Cell("·", Theme.Default.Dim));
            dialog.Render(b, b.Area);
        }), $"dialog_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Key_hints_drop_what_does_not_fit(int width, int height)
    {
        KeyHint[] hints = [new("↑↓", "move"), new("enter", "resume"), new("/", "search"), new("d", "delete"), new("?", "help"), new("q", "quit")];
        Snapshot.Match(Draw(width, height, b => KeyHints.Render(b, new Rect(0, height - 1, width, 1), hints)), $"keyhints_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Tabs_with_the_current_one_highlighted(int width, int height)
    {
        var tabs = new Tabs("Messages", "Timeline", "Info") { Selected = 1 };
        Snapshot.Match(Draw(width, height, b => tabs.Render(b, new Rect(0, 0, width, 1))), $"tabs_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Timeline_with_a_selected_point(int width, int height)
    {
        var points = Enumerable.Range(1, 8).Select(i => new TimelinePoint($"step {i * 5}", $"step {i * 5} · 10:{i:00} · progress {i * 12}%")).ToList();
        var timeline = new Timeline(points);
        timeline.Select(5);
        Snapshot.Match(Draw(width, height, b => timeline.Render(b, new Rect(0, 1, width, 3))), $"timeline_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Scrollbar_spinner_and_progress(int width, int height)
    {
        var spinner = new Spinner();
        spinner.Advance();
        spinner.Advance();
        Snapshot.Match(Draw(width, height, b =>
        {
            Scrollbar.Render(b, new Rect(width - 1, 0, 1, height), total: 100, offset: 50, visible: height);
            spinner.Render(b, new Rect(0, 0, width - 2, 1), "Indexing 1,234 sessions…");
            ProgressBar.Render(b, new Rect(0, 1, width - 2, 1), 0.57, "indexing");
        }), $"progress_{width}x{height}");
    }

    [Theory, MemberData(nameof(Sizes))]
    public void Layout_with_borders(int width, int height)
    {
        Snapshot.Match(Draw(width, height, b =>
        {
            var rows = Layout.Rows(b.Area, Constraint.Fixed(1), Constraint.Fill(), Constraint.Fixed(1));
            var columns = Layout.Columns(rows[1], Constraint.Percent(40), Constraint.Fill());
            b.SetString(0, 0, "header", Theme.Default.Title);
            Border.Draw(b, columns[0], "Sessions");
            Border.Draw(b, columns[1], "Detail 详情");
            b.SetString(0, rows[2].Y, "status");
        }), $"layout_{width}x{height}");
    }
}
