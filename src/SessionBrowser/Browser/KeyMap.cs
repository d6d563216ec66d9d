namespace SessionBrowser.Browser;

/// <summary>What a key does. Update handles commands, never raw keys, so the help overlay,
/// the key-hint bar and the tests all read the same table.</summary>
public enum Command
{
    MoveDown, MoveUp, PageDown, PageUp, HalfPageDown, HalfPageUp, First, Last,
    FocusDetail, FocusList, NextTab, PrevTab, ShowMessages, ShowTimeline, ShowInfo,
    Resume, ToggleMark, MarkAll, Delete, Undo,
    Search, NextMatch, PrevMatch,
    CycleSort, ReverseSort, CycleStatusFilter, CycleTagFilter, ToggleScope, ClearFilters,
    Rename, EditTags, Export, Stats,
    NextMessage, PrevMessage, ToggleCollapse, ToggleCollapseAll, OpenPager, CopyId,
    RestoreSnapshot, Help, Quit, Redraw,
}

/// <summary>Where a binding applies. Global bindings apply wherever a more specific one does not.</summary>
public enum KeyContext { Global, List, Messages, Timeline, Info }

public sealed record KeyBinding(KeyContext Context, IReadOnlyList<string> Keys, Command Command, string Description);

/// <summary>
/// Every key of the browser. Key names are the runtime's chord names: a printable character
/// stands for itself ("j", "G", "/"), named keys are "Down", "PageUp", "Enter", "Esc", "Space",
/// "Tab", "BackTab", "Delete", "Home", "End", modified keys "Ctrl+D".
/// </summary>
public static class KeyMap
{
    public static readonly IReadOnlyList<KeyBinding> Bindings =
    [
        new(KeyContext.Global, ["?", "F1"], Command.Help, "show this help"),
        new(KeyContext.Global, ["q", "Ctrl+C"], Command.Quit, "quit (pick mode: cancel, exit 1)"),
        new(KeyContext.Global, ["1"], Command.ShowMessages, "Messages tab"),
        new(KeyContext.Global, ["2"], Command.ShowTimeline, "Timeline tab"),
        new(KeyContext.Global, ["3"], Command.ShowInfo, "Info tab"),
        new(KeyContext.Global, ["]"], Command.NextTab, "next tab"),
        new(KeyContext.Global, ["["], Command.PrevTab, "previous tab"),
        new(KeyContext.Global, ["/"], Command.Search, "search titles, ids, tags, dirs and messages"),
        new(KeyContext.Global, ["y"], Command.CopyId, "copy the session id (OSC 52)"),
        new(KeyContext.Global, ["u"], Command.Undo, "undo the last delete or restore"),
        new(KeyContext.Global, ["A"], Command.Stats, "statistics screen"),
        new(KeyContext.Global, ["d", "Delete"], Command.Delete, "delete (marked or selected) to the trash"),
        new(KeyContext.Global, ["r"], Command.Rename, "rename (describe) the session"),
        new(KeyContext.Global, ["t"], Command.EditTags, "edit tags (+add -remove)"),
        new(KeyContext.Global, ["e"], Command.Export, "export to a zip"),
        new(KeyContext.Global, ["Ctrl+L"], Command.Redraw, "redraw the screen"),

        new(KeyContext.List, ["j", "Down"], Command.MoveDown, "next session"),
        new(KeyContext.List, ["k", "Up"], Command.MoveUp, "previous session"),
        new(KeyContext.List, ["PageDown", "Ctrl+F"], Command.PageDown, "page down"),
        new(KeyContext.List, ["PageUp", "Ctrl+B"], Command.PageUp, "page up"),
        new(KeyContext.List, ["Ctrl+D"], Command.HalfPageDown, "half page down"),
        new(KeyContext.List, ["Ctrl+U"], Command.HalfPageUp, "half page up"),
        new(KeyContext.List, ["g", "Home"], Command.First, "first session"),
        new(KeyContext.List, ["G", "End"], Command.Last, "last session"),
        new(KeyContext.List, ["Enter"], Command.Resume, "resume the session (pick mode: print its id)"),
        new(KeyContext.List, ["l", "Right", "Tab"], Command.FocusDetail, "move into the detail pane"),
        new(KeyContext.List, ["Space"], Command.ToggleMark, "mark / unmark for bulk actions"),
        new(KeyContext.List, ["V"], Command.MarkAll, "mark all shown / clear marks"),
        new(KeyContext.List, ["n"], Command.NextMatch, "next match in the session"),
        new(KeyContext.List, ["N"], Command.PrevMatch, "previous match in the session"),
        new(KeyContext.List, ["s"], Command.CycleSort, "sort: activity, created, messages, cost, title"),
        new(KeyContext.List, ["S"], Command.ReverseSort, "reverse the sort"),
        new(KeyContext.List, ["f"], Command.CycleStatusFilter, "filter by status"),
        new(KeyContext.List, ["T"], Command.CycleTagFilter, "filter by tag"),
        new(KeyContext.List, ["w", "Ctrl+A"], Command.ToggleScope, "this work dir / all"),
        new(KeyContext.List, ["Esc"], Command.ClearFilters, "clear search, filters and marks; then quit"),

        new(KeyContext.Messages, ["j", "Down"], Command.MoveDown, "scroll down a line"),
        new(KeyContext.Messages, ["k", "Up"], Command.MoveUp, "scroll up a line"),
        new(KeyContext.Messages, ["PageDown", "Space", "Ctrl+F"], Command.PageDown, "page down"),
        new(KeyContext.Messages, ["PageUp", "Ctrl+B"], Command.PageUp, "page up"),
        new(KeyContext.Messages, ["Ctrl+D"], Command.HalfPageDown, "half page down"),
        new(KeyContext.Messages, ["Ctrl+U"], Command.HalfPageUp, "half page up"),
        new(KeyContext.Messages, ["g", "Home"], Command.First, "first message"),
        new(KeyContext.Messages, ["G", "End"], Command.Last, "last message (follows a live session)"),
        new(KeyContext.Messages, ["J", "}"], Command.NextMessage, "next message"),
        new(KeyContext.Messages, ["K", "{"], Command.PrevMessage, "previous message"),
        new(KeyContext.Messages, ["z", "Enter"], Command.ToggleCollapse, "collapse / expand the message"),
        new(KeyContext.Messages, ["Z"], Command.ToggleCollapseAll, "collapse / expand all tool messages"),
        new(KeyContext.Messages, ["n"], Command.NextMatch, "next match"),
        new(KeyContext.Messages, ["N"], Command.PrevMatch, "previous match"),
        new(KeyContext.Messages, ["o"], Command.OpenPager, "open the message in $PAGER"),
        new(KeyContext.Messages, ["h", "Left", "Esc", "Tab", "BackTab"], Command.FocusList, "back to the list"),

        new(KeyContext.Timeline, ["j", "Down", "l", "Right"], Command.MoveDown, "next snapshot"),
        new(KeyContext.Timeline, ["k", "Up", "h", "Left"], Command.MoveUp, "previous snapshot"),
        new(KeyContext.Timeline, ["PageDown", "Space"], Command.PageDown, "scroll the state down"),
        new(KeyContext.Timeline, ["PageUp"], Command.PageUp, "scroll the state up"),
        new(KeyContext.Timeline, ["g", "Home"], Command.First, "first snapshot"),
        new(KeyContext.Timeline, ["G", "End"], Command.Last, "latest snapshot"),
        new(KeyContext.Timeline, ["R"], Command.RestoreSnapshot, "restore the session to this snapshot"),
        new(KeyContext.Timeline, ["Esc", "Tab", "BackTab"], Command.FocusList, "back to the list"),

        new(KeyContext.Info, ["j", "Down"], Command.MoveDown, "scroll down"),
        new(KeyContext.Info, ["k", "Up"], Command.MoveUp, "scroll up"),
        new(KeyContext.Info, ["h", "Left", "Esc", "Tab", "BackTab"], Command.FocusList, "back to the list"),
    ];

    private static readonly Dictionary<(KeyContext, string), Command> Lookup = Build();

    private static Dictionary<(KeyContext, string), Command> Build()
    {
        var map = new Dictionary<(KeyContext, string), Command>();
        foreach (var b in Bindings)
            foreach (var key in b.Keys)
                map.TryAdd((b.Context, key), b.Command);
        return map;
    }

    /// <summary>The command for a key in a context, falling back to the global bindings.</summary>
    public static Command? Find(KeyContext context, string key) =>
        Lookup.TryGetValue((context, key), out var c) ? c
        : Lookup.TryGetValue((KeyContext.Global, key), out var g) ? g
        : null;
}
