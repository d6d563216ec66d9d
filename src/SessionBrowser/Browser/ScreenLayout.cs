using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Browser;

/// <summary>How the user split the screen: the list's share of the width (`<` `>`) and whether the preview is hidden (`p`).</summary>
public sealed record PaneSplit(int ListPercent = PaneSplit.DefaultPercent, bool PreviewHidden = false)
{
    public const int DefaultPercent = 48;
    public const int MinPercent = 25;
    public const int MaxPercent = 75;
    public const int Step = 5;

    public PaneSplit Widen(int direction) =>
        this with { ListPercent = Math.Clamp(ListPercent + direction * Step, MinPercent, MaxPercent) };
}

/// <summary>
/// Where everything sits for a terminal size and split. Update uses it for page sizes and mouse
/// hits, View for drawing, so the two never disagree. Below <see cref="TwoPaneWidth"/> columns
/// (or with the preview hidden) one pane fills the body: the list, or the detail once the focus
/// moves there; both are laid out at the full width so a message's lines do not change with focus.
/// </summary>
public sealed record ScreenLayout(
    Rect Screen, Rect Header, Rect Bar, Rect List, Rect Divider, Rect Detail, Rect Tabs, Rect DetailBody,
    Rect Status, Rect Hints, bool OnePane)
{
    public const int MinWidth = 40;
    public const int MinHeight = 12;
    /// <summary>Narrower than this, the list and the detail take turns (fzf and gemini work at 60 columns).</summary>
    public const int TwoPaneWidth = 80;
    /// <summary>The list grows with its share of the width up to this: a long title and its age fit, the rest goes to the messages.</summary>
    public const int MaxListWidth = 84;
    /// <summary>Each session takes two rows: the title line and the facts (or the search snippet).</summary>
    public const int RowHeight = 2;

    public bool TooSmall => Screen.Width < MinWidth || Screen.Height < MinHeight;

    /// <summary>How many sessions fit in the list.</summary>
    public int ListRows => Math.Max(1, List.Height / RowHeight);

    /// <summary>Text width inside the detail body (the last column is the scrollbar).</summary>
    public int DetailTextWidth => Math.Max(4, DetailBody.Width - 1);

    public static ScreenLayout For(AppState s) => Of(s.Width, s.Height, s.Split);

    public static ScreenLayout Of(int width, int height, PaneSplit? split = null)
    {
        split ??= new PaneSplit();
        var screen = new Rect(0, 0, width, height);
        int bodyTop = 2, bodyHeight = Math.Max(0, height - 4);
        bool onePane = split.PreviewHidden || width < TwoPaneWidth;
        int listWidth = onePane ? width : Math.Clamp(width * split.ListPercent / 100, 34, Math.Min(MaxListWidth, width - 41));
        var list = new Rect(0, bodyTop, listWidth, bodyHeight);
        var divider = onePane ? new Rect(width, bodyTop, 0, bodyHeight) : new Rect(listWidth, bodyTop, 1, bodyHeight);
        var detail = onePane ? list : new Rect(listWidth + 1, bodyTop, Math.Max(0, width - listWidth - 1), bodyHeight);
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
            Hints: new Rect(0, height - 1, width, 1),
            onePane);
    }

    /// <summary>Whether the list is on screen (one pane: while it has the focus).</summary>
    public bool ShowsList(AppState s) => !OnePane || s.Focus == Focus.List || s.Current is null;

    /// <summary>Whether the detail pane is on screen.</summary>
    public bool ShowsDetail(AppState s) => !OnePane || !ShowsList(s);

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
