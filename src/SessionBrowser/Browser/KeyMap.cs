using SessionBrowser.Browser.Input;
using static SessionBrowser.Browser.Input.Chord;

namespace SessionBrowser.Browser;

/// <summary>What a key does. Update handles commands, never raw keys, so the help overlay,
/// the key-hint bar and the tests all read the same table.</summary>
public enum Command
{
    MoveDown, MoveUp, PageDown, PageUp, HalfPageDown, HalfPageUp, First, Last,
    FocusDetail, FocusList, NextTab, PrevTab, ShowMessages, ShowTimeline, ShowInfo,
    Resume, ToggleMark, MarkAll, Delete, Undo,
    Search, NextMatch, PrevMatch,
    CycleSort, ReverseSort, CycleStatusFilter, PickTag, PickWorkDir, PickProject, ClearFilters,
    Rename, EditTags, Export, Stats, ReviewInterrupted,
    NextMessage, PrevMessage, ScrollLeft, ScrollRight, ToggleCollapse, ToggleCollapseAll, OpenPager, CopyId,
    RestoreSnapshot, Help, Quit, Redraw, NarrowList, WidenList, TogglePreview,
    // Search box and dialogs.
    KeepSearch, ClearSearch, Confirm, Cancel, PressButton, NextButton, PrevButton, ToggleDontAsk, CycleAge, Close,
    // Text fields (search box, input dialogs): the edits of TextInput.
    CursorLeft, CursorRight, WordLeft, WordRight, LineStart, LineEnd,
    DeleteBack, DeleteForward, DeleteWordBack, DeleteWordForward, DeleteToStart, DeleteToEnd,
}

/// <summary>
/// Where a binding applies. A context falls back to the next in <see cref="KeyMap.Chain"/>:
/// panes to Global, text fields to TextField, and everything to Always.
/// </summary>
public enum KeyContext
{
    Always, Global, List, Messages, Timeline, Info,
    Search, InputDialog, Export, Picker, TextField, Confirm, Recovery, Help, Stats, TooSmall,
}

public sealed record KeyBinding(KeyContext Context, IReadOnlyList<Chord> Keys, Command Command, string Description);

/// <summary>
/// Every key of the browser, dialogs, search box and the too-small screen included. A text
/// field also takes every typed character (a chord with <see cref="Chord.Text"/>).
/// </summary>
public static class KeyMap
{
    public static readonly IReadOnlyList<KeyBinding> Bindings =
    [
        new(KeyContext.Always, [Ctrl('c')], Command.Quit, "quit (pick mode: cancel, exit 1)"),
        new(KeyContext.Always, [Ctrl('l')], Command.Redraw, "redraw the screen"),

        new(KeyContext.Global, [Of('?'), Named(Terminal.Input.Key.F1)], Command.Help, "show this help"),
        new(KeyContext.Global, [Of('q')], Command.Quit, "quit (pick mode: cancel, exit 1)"),
        new(KeyContext.Global, [Of('1')], Command.ShowMessages, "Messages tab"),
        new(KeyContext.Global, [Of('2')], Command.ShowTimeline, "Timeline tab"),
        new(KeyContext.Global, [Of('3')], Command.ShowInfo, "Info tab"),
        new(KeyContext.Global, [Of(']')], Command.NextTab, "next tab"),
        new(KeyContext.Global, [Of('[')], Command.PrevTab, "previous tab"),
        new(KeyContext.Global, [Of('/')], Command.Search, "search titles, ids, tags, dirs and messages"),
        new(KeyContext.Global, [Of('y')], Command.CopyId, "copy the session id (OSC 52, tmux, wl-copy, xclip, pbcopy)"),
        new(KeyContext.Global, [Of('u')], Command.Undo, "undo the last delete or restore"),
        new(KeyContext.Global, [Of('A')], Command.Stats, "statistics screen"),
        new(KeyContext.Global, [Of('d'), Delete], Command.Delete, "delete (marked or selected) to the trash"),
        new(KeyContext.Global, [Of('r')], Command.Rename, "rename (describe) the session"),
        new(KeyContext.Global, [Of('t')], Command.EditTags, "edit tags (+add -remove)"),
        new(KeyContext.Global, [Of('e')], Command.Export, "export: zip, Markdown or HTML, to a file you choose"),
        new(KeyContext.Global, [Of('<')], Command.NarrowList, "narrower list, wider preview"),
        new(KeyContext.Global, [Of('>')], Command.WidenList, "wider list, narrower preview"),
        new(KeyContext.Global, [Of('p')], Command.TogglePreview, "hide / show the preview (one pane: Tab moves between them)"),

        new(KeyContext.List, [Of('j'), Down], Command.MoveDown, "next session"),
        new(KeyContext.List, [Of('k'), Up], Command.MoveUp, "previous session"),
        new(KeyContext.List, [PageDown, Ctrl('f')], Command.PageDown, "page down"),
        new(KeyContext.List, [PageUp, Ctrl('b')], Command.PageUp, "page up"),
        new(KeyContext.List, [Ctrl('d')], Command.HalfPageDown, "half page down"),
        new(KeyContext.List, [Ctrl('u')], Command.HalfPageUp, "half page up"),
        new(KeyContext.List, [Of('g'), Home], Command.First, "first session"),
        new(KeyContext.List, [Of('G'), End], Command.Last, "last session"),
        new(KeyContext.List, [Enter], Command.Resume, "resume; a hit or one pane shows the messages first (pick: id)"),
        new(KeyContext.List, [Of('l'), Right, Tab], Command.FocusDetail, "move into the detail pane"),
        new(KeyContext.List, [Space], Command.ToggleMark, "mark / unmark for bulk actions"),
        new(KeyContext.List, [Of('V')], Command.MarkAll, "mark all shown / clear marks"),
        new(KeyContext.List, [Of('n')], Command.NextMatch, "next match in the session"),
        new(KeyContext.List, [Of('N')], Command.PrevMatch, "previous match in the session"),
        new(KeyContext.List, [Of('s')], Command.CycleSort, "sort: activity, created, messages, cost, title"),
        new(KeyContext.List, [Of('S')], Command.ReverseSort, "reverse the sort"),
        new(KeyContext.List, [Of('f')], Command.CycleStatusFilter, "filter by status"),
        new(KeyContext.List, [Of('T')], Command.PickTag, "filter by a tag (a list with counts)"),
        new(KeyContext.List, [Of('w'), Ctrl('a')], Command.PickWorkDir, "filter by the shell's folder or this session's work dir"),
        new(KeyContext.List, [Of('P')], Command.PickProject, "projects: sessions grouped by work dir"),
        new(KeyContext.List, [Of('R')], Command.ReviewInterrupted, "review interrupted sessions"),
        new(KeyContext.List, [Esc], Command.ClearFilters, "clear search, filters and marks (never quits)"),

        new(KeyContext.Messages, [Of('j'), Down], Command.MoveDown, "scroll down a line"),
        new(KeyContext.Messages, [Of('k'), Up], Command.MoveUp, "scroll up a line"),
        new(KeyContext.Messages, [PageDown, Space, Ctrl('f')], Command.PageDown, "page down"),
        new(KeyContext.Messages, [PageUp, Ctrl('b')], Command.PageUp, "page up"),
        new(KeyContext.Messages, [Ctrl('d')], Command.HalfPageDown, "half page down"),
        new(KeyContext.Messages, [Ctrl('u')], Command.HalfPageUp, "half page up"),
        new(KeyContext.Messages, [Of('g'), Home], Command.First, "first message"),
        new(KeyContext.Messages, [Of('G'), End], Command.Last, "last message (follows a live session)"),
        new(KeyContext.Messages, [Of('J'), Of('}')], Command.NextMessage, "next message"),
        new(KeyContext.Messages, [Of('K'), Of('{')], Command.PrevMessage, "previous message"),
        new(KeyContext.Messages, [Enter], Command.Resume, "resume the session (pick: print id)"),
        new(KeyContext.Messages, [Named(Terminal.Input.Key.Right, Terminal.Input.KeyModifiers.Shift), Of('L')], Command.ScrollRight, "long code lines: show more to the right"),
        new(KeyContext.Messages, [Named(Terminal.Input.Key.Left, Terminal.Input.KeyModifiers.Shift), Of('H')], Command.ScrollLeft, "long code lines: back to the left"),
        new(KeyContext.Messages, [Of('z')], Command.ToggleCollapse, "collapse / expand the message"),
        new(KeyContext.Messages, [Of('Z')], Command.ToggleCollapseAll, "collapse / expand all tool messages"),
        new(KeyContext.Messages, [Of('n')], Command.NextMatch, "next match"),
        new(KeyContext.Messages, [Of('N')], Command.PrevMatch, "previous match"),
        new(KeyContext.Messages, [Of('o')], Command.OpenPager, "open the message in $PAGER"),
        new(KeyContext.Messages, [Of('h'), Left, Esc, Tab, BackTab], Command.FocusList, "back to the list"),

        new(KeyContext.Timeline, [Of('j'), Down, Of('l'), Right], Command.MoveDown, "next snapshot"),
        new(KeyContext.Timeline, [Of('k'), Up, Of('h'), Left], Command.MoveUp, "previous snapshot"),
        new(KeyContext.Timeline, [PageDown, Space], Command.PageDown, "scroll the state down"),
        new(KeyContext.Timeline, [PageUp], Command.PageUp, "scroll the state up"),
        new(KeyContext.Timeline, [Of('g'), Home], Command.First, "first snapshot"),
        new(KeyContext.Timeline, [Of('G'), End], Command.Last, "latest snapshot"),
        new(KeyContext.Timeline, [Of('R')], Command.RestoreSnapshot, "restore the session to this snapshot"),
        new(KeyContext.Timeline, [Esc, Tab, BackTab], Command.FocusList, "back to the list"),

        new(KeyContext.Info, [Of('j'), Down], Command.MoveDown, "scroll down"),
        new(KeyContext.Info, [Of('k'), Up], Command.MoveUp, "scroll up"),
        new(KeyContext.Info, [Of('h'), Left, Esc, Tab, BackTab], Command.FocusList, "back to the list"),

        new(KeyContext.Search, [Enter], Command.KeepSearch, "keep the query and go to the list (pick mode: pick)"),
        new(KeyContext.Search, [Esc], Command.ClearSearch, "clear the search"),
        new(KeyContext.Search, [Down, Ctrl('n')], Command.MoveDown, "next session"),
        new(KeyContext.Search, [Up, Ctrl('p')], Command.MoveUp, "previous session"),

        new(KeyContext.InputDialog, [Enter], Command.Confirm, "save"),
        new(KeyContext.InputDialog, [Esc], Command.Cancel, "cancel; nothing changes"),

        new(KeyContext.Export, [Enter], Command.Confirm, "export to the file shown (asks before replacing one)"),
        new(KeyContext.Export, [Tab], Command.NextButton, "next format: zip, Markdown, HTML"),
        new(KeyContext.Export, [BackTab], Command.PrevButton, "previous format"),
        new(KeyContext.Export, [Esc], Command.Cancel, "cancel; nothing is written"),

        new(KeyContext.Picker, [Down, Ctrl('n')], Command.MoveDown, "next choice"),
        new(KeyContext.Picker, [Up, Ctrl('p')], Command.MoveUp, "previous choice"),
        new(KeyContext.Picker, [PageDown], Command.PageDown, "page down"),
        new(KeyContext.Picker, [PageUp], Command.PageUp, "page up"),
        new(KeyContext.Picker, [Enter], Command.Confirm, "apply the chosen filter"),
        new(KeyContext.Picker, [Esc], Command.Cancel, "close; the list stays as it was"),

        new(KeyContext.TextField, [Left], Command.CursorLeft, "cursor left"),
        new(KeyContext.TextField, [Right], Command.CursorRight, "cursor right"),
        new(KeyContext.TextField, [Named(Terminal.Input.Key.Left, Terminal.Input.KeyModifiers.Ctrl), Alt('b')], Command.WordLeft, "a word left"),
        new(KeyContext.TextField, [Named(Terminal.Input.Key.Right, Terminal.Input.KeyModifiers.Ctrl), Alt('f')], Command.WordRight, "a word right"),
        new(KeyContext.TextField, [Home, Ctrl('a')], Command.LineStart, "start of the line"),
        new(KeyContext.TextField, [End, Ctrl('e')], Command.LineEnd, "end of the line"),
        new(KeyContext.TextField, [Backspace, Ctrl('h')], Command.DeleteBack, "delete the character before the cursor"),
        new(KeyContext.TextField, [Delete], Command.DeleteForward, "delete the character under the cursor"),
        new(KeyContext.TextField, [Ctrl('w'), Named(Terminal.Input.Key.Backspace, Terminal.Input.KeyModifiers.Alt)], Command.DeleteWordBack, "delete the word before the cursor"),
        new(KeyContext.TextField, [Alt('d')], Command.DeleteWordForward, "delete the word after the cursor"),
        new(KeyContext.TextField, [Ctrl('u')], Command.DeleteToStart, "delete to the start of the line"),
        new(KeyContext.TextField, [Ctrl('k')], Command.DeleteToEnd, "delete to the end of the line"),

        new(KeyContext.Confirm, [Left, Of('h'), Right, Of('l'), Tab, BackTab], Command.NextButton, "choose the other button"),
        new(KeyContext.Confirm, [Enter], Command.PressButton, "press the chosen button"),
        new(KeyContext.Confirm, [Of('y'), Of('Y')], Command.Confirm, "confirm"),
        new(KeyContext.Confirm, [Of('n'), Of('N'), Esc, Of('q')], Command.Cancel, "cancel; nothing changes"),
        new(KeyContext.Confirm, [Of('j'), Down], Command.MoveDown, "scroll down"),
        new(KeyContext.Confirm, [Of('k'), Up], Command.MoveUp, "scroll up"),

        new(KeyContext.Recovery, [Right, Of('l'), Tab], Command.NextButton, "next button"),
        new(KeyContext.Recovery, [Left, Of('h'), BackTab], Command.PrevButton, "previous button"),
        new(KeyContext.Recovery, [Enter], Command.PressButton, "press the chosen button (all crashed asks first)"),
        new(KeyContext.Recovery, [Space], Command.ToggleDontAsk, "don't ask again for this session"),
        new(KeyContext.Recovery, [Of('o')], Command.CycleAge, "only those older than 1 / 7 / 30 days, or any age"),
        new(KeyContext.Recovery, [Esc, Of('q')], Command.Cancel, "later: leave the sessions as they are"),

        new(KeyContext.Help, [Of('j'), Down], Command.MoveDown, "scroll down"),
        new(KeyContext.Help, [Of('k'), Up], Command.MoveUp, "scroll up"),
        new(KeyContext.Help, [PageDown, Space], Command.PageDown, "page down"),
        new(KeyContext.Help, [PageUp], Command.PageUp, "page up"),
        new(KeyContext.Help, [Esc, Of('q'), Of('?'), Enter], Command.Close, "close the help (so does any other key)"),

        new(KeyContext.Stats, [Esc, Of('q'), Of('A'), Enter], Command.Close, "close the statistics"),

        new(KeyContext.TooSmall, [Of('q')], Command.Quit, "quit"),
    ];

    /// <summary>Where a context looks when it has no binding of its own for a chord.</summary>
    public static KeyContext? Fallback(KeyContext context) => context switch
    {
        KeyContext.List or KeyContext.Messages or KeyContext.Timeline or KeyContext.Info => KeyContext.Global,
        KeyContext.Search or KeyContext.InputDialog or KeyContext.Export or KeyContext.Picker => KeyContext.TextField,
        KeyContext.Always => null,
        _ => KeyContext.Always,
    };

    /// <summary>The context and those it falls back to, most specific first.</summary>
    public static IEnumerable<KeyContext> Chain(KeyContext context)
    {
        for (KeyContext? c = context; c is { } at; c = Fallback(at)) yield return at;
    }

    /// <summary>Whether a typed character goes into a text field in this context.</summary>
    public static bool Types(KeyContext context) => context is KeyContext.Search or KeyContext.InputDialog or KeyContext.Export or KeyContext.Picker;

    private static readonly Dictionary<(KeyContext, Chord), Command> Lookup = Build();

    private static Dictionary<(KeyContext, Chord), Command> Build()
    {
        var map = new Dictionary<(KeyContext, Chord), Command>();
        foreach (var b in Bindings)
            foreach (var key in b.Keys)
                if (!map.TryAdd((b.Context, key), b.Command))
                    throw new InvalidOperationException($"{key} is bound twice in {b.Context}");
        return map;
    }

    /// <summary>The command for a chord in a context, following the fallback chain.</summary>
    public static Command? Find(KeyContext context, Chord key)
    {
        foreach (var c in Chain(context))
            if (Lookup.TryGetValue((c, key), out var command)) return command;
        return null;
    }
}
