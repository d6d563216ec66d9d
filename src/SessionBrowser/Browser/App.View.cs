using SessionBrowser.Terminal.Rendering;
using Buffer = SessionBrowser.Terminal.Rendering.Buffer;

namespace SessionBrowser.Browser;

public static partial class App
{
    /// <summary>Draws the whole screen for the state; returns where the cursor shows (a text input), or null.</summary>
    public static (int X, int Y)? View(AppState s, Buffer buffer)
    {
        var layout = ScreenLayout.Of(buffer.Width, buffer.Height, s.Split);
        if (layout.TooSmall)
        {
            TooSmall(buffer);
            return null;
        }

        buffer.SetLine(0, layout.Header.Y, ChromeView.Header(s, layout.Header.Width), layout.Header);
        buffer.SetLine(0, layout.Bar.Y, ChromeView.Bar(s, layout.Bar.Width), layout.Bar);

        if (layout.ShowsList(s))
        {
            var list = SessionListView.Render(s, layout.List.Width, layout.List.Height);
            for (int i = 0; i < list.Count; i++) buffer.SetLine(layout.List.X, layout.List.Y + i, list[i], layout.List);
            if (!layout.OnePane) Scrollbar(buffer, layout.Divider, s.ListTop, layout.ListRows, s.Rows.Count);
        }
        if (layout.ShowsDetail(s)) Detail(s, layout, buffer);

        buffer.SetLine(0, layout.Status.Y, ChromeView.Status(s, layout.Status.Width), layout.Status);
        buffer.SetLine(0, layout.Hints.Y, ChromeView.Hints(s, layout.Hints.Width), layout.Hints);

        if (s.Dialog is { } dialog) return DialogView.Draw(s, dialog, buffer);
        if (s.Search.Editing)
        {
            return (Math.Min(3 + CellWidth.Of(Markdown.SessionText.OneLine(s.Search.Input.BeforeCursor)), buffer.Width - 1), layout.Bar.Y);
        }
        return null;
    }

    /// <summary>The detail pane: the tab row and the chosen tab's body, with the messages' scrollbar.</summary>
    private static void Detail(AppState s, ScreenLayout layout, Buffer buffer)
    {
        buffer.SetLine(layout.Tabs.X, layout.Tabs.Y, ChromeView.Tabs(s, layout.Tabs.Width), layout.Tabs);
        var body = layout.DetailBody;
        var text = new Rect(body.X, body.Y, layout.DetailTextWidth, body.Height);
        var lines = s.Tab switch
        {
            DetailTab.Timeline => TimelineView.Render(s, text.Width, text.Height),
            DetailTab.Info => InfoView.Render(s, text.Width, text.Height),
            _ => MessagesView.Render(s, text.Width, text.Height),
        };
        for (int i = 0; i < lines.Count && i < text.Height; i++) buffer.SetLine(text.X, text.Y + i, lines[i], text);
        if (s.Tab == DetailTab.Messages)
        {
            var (start, length) = MessagesView.Thumb(s, body.Height);
            if (length > 0) Thumb(buffer, new Rect(body.Right - 1, body.Y, 1, body.Height), start, length);
        }
    }

    private static void TooSmall(Buffer buffer)
    {
        var lines = new[]
        {
            "Terminal too small",
            $"{buffer.Width}x{buffer.Height}; needs at least {ScreenLayout.MinWidth}x{ScreenLayout.MinHeight}.",
            "Make the window larger, or press q to quit.",
        };
        int top = Math.Max(0, buffer.Height / 2 - 1);
        for (int i = 0; i < lines.Length && top + i < buffer.Height; i++)
        {
            var line = TextLayout.Truncate(lines[i], buffer.Width);
            buffer.SetString(Math.Max(0, (buffer.Width - CellWidth.Of(line)) / 2), top + i, line, i == 0 ? Theme.Warning : default);
        }
    }

    /// <summary>The divider between the panes doubles as the list's scrollbar.</summary>
    private static void Scrollbar(Buffer buffer, Rect column, int top, int visible, int total)
    {
        for (int y = column.Y; y < column.Bottom; y++) buffer.SetString(column.X, y, "│", Theme.Border);
        if (total <= visible || column.Height == 0) return;
        int length = Math.Max(1, column.Height * visible / total);
        int start = (int)((long)(column.Height - length) * top / Math.Max(1, total - visible));
        Thumb(buffer, column, start, length);
    }

    private static void Thumb(Buffer buffer, Rect column, int start, int length)
    {
        for (int y = 0; y < length && start + y < column.Height; y++)
            buffer.SetString(column.X, column.Y + start + y, "┃", Theme.ScrollThumb);
    }
}
