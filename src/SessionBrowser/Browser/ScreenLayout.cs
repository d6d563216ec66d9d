using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>
/// Where everything sits for a terminal size. Update uses it for page sizes and mouse hits,
/// View for drawing, so the two never disagree.
/// </summary>
public sealed record ScreenLayout(
    Rect Screen, Rect Header, Rect Bar, Rect List, Rect Divider, Rect Detail, Rect Tabs, Rect DetailBody,
    Rect Status, Rect Hints)
{
    public const int MinWidth = 80;
    public const int MinHeight = 24;
    /// <summary>Each session takes two rows: the title line and the facts (or the search snippet).</summary>
    public const int RowHeight = 2;

    public bool TooSmall => Screen.Width < MinWidth || Screen.Height < MinHeight;

    /// <summary>How many sessions fit in the list.</summary>
    public int ListRows => Math.Max(1, List.Height / RowHeight);

    /// <summary>Text width inside the detail body (the last column is the scrollbar).</summary>
    public int DetailTextWidth => Math.Max(4, DetailBody.Width - 1);

    public static ScreenLayout Of(int width, int height)
    {
        var screen = new Rect(0, 0, width, height);
        int listWidth = Math.Clamp(width * 42 / 100, 34, 60);
        int bodyTop = 2, bodyHeight = Math.Max(0, height - 4);
        var list = new Rect(0, bodyTop, listWidth, bodyHeight);
        var divider = new Rect(listWidth, bodyTop, 1, bodyHeight);
        var detail = new Rect(listWidth + 1, bodyTop, Math.Max(0, width - listWidth - 1), bodyHeight);
        return new ScreenLayout(
            screen,
            Header: new Rect(0, 0, width, 1),
            Bar: new Rect(0, 1, width, 1),
            List: list,
            Divider: divider,
            Detail: detail,
            Tabs: new Rect(detail.X, detail.Y, detail.Width, 1),
            DetailBody: new Rect(detail.X, detail.Y + 1, detail.Width, Math.Max(0, detail.Height - 1)),
            Status: new Rect(0, height - 2, width, 1),
            Hints: new Rect(0, height - 1, width, 1));
    }

    /// <summary>The tab titles and the columns each occupies on the tab row.</summary>
    public static readonly IReadOnlyList<(DetailTab Tab, string Title)> TabTitles =
        [(DetailTab.Messages, " 1 Messages "), (DetailTab.Timeline, " 2 Timeline "), (DetailTab.Info, " 3 Info ")];

    public DetailTab? TabAt(int x, int y)
    {
        if (y != Tabs.Y || x < Tabs.X) return null;
        int col = Tabs.X + 1;
        foreach (var (tab, title) in TabTitles)
        {
            if (x >= col && x < col + title.Length) return tab;
            col += title.Length + 1;
        }
        return null;
    }
}
