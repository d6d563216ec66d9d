using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

public static partial class App
{
    /// <summary>The edit a text-field command makes; null for other commands.</summary>
    private static TextEdit? EditOf(Command command) => command switch
    {
        Command.CursorLeft => TextEdit.Left,
        Command.CursorRight => TextEdit.Right,
        Command.WordLeft => TextEdit.WordLeft,
        Command.WordRight => TextEdit.WordRight,
        Command.LineStart => TextEdit.Start,
        Command.LineEnd => TextEdit.End,
        Command.DeleteBack => TextEdit.DeleteBack,
        Command.DeleteForward => TextEdit.DeleteForward,
        Command.DeleteWordBack => TextEdit.DeleteWordBack,
        Command.DeleteWordForward => TextEdit.DeleteWordForward,
        Command.DeleteToStart => TextEdit.DeleteToStart,
        Command.DeleteToEnd => TextEdit.DeleteToEnd,
        _ => null,
    };

    /// <summary>Gives the focused text field (an input dialog's, else the search box) its next value.</summary>
    private static (AppState, Effect[]) EditText(AppState s, Func<TextInput, TextInput> edit)
    {
        if (s.Dialog is InputDialog i) return (s with { Dialog = i with { Input = edit(i.Input) } }, []);
        var input = edit(s.Search.Input);
        return input.Text == s.Search.Query ? (s with { Search = s.Search with { Input = input } }, []) : SetQuery(s, input);
    }

    private static (AppState, Effect[]) SearchCommand(AppState s, Command command) => command switch
    {
        Command.KeepSearch when s.Options.PickMode && s.Current is not null => Resume(s),
        Command.KeepSearch when HasPendingHit(s) => (OpenHit(s), []),
        Command.KeepSearch => (s with { Search = s.Search with { Editing = false } }, []),
        Command.ClearSearch => ClearSearch(s),
        Command.MoveDown => Select(s, s.Selected + 1),
        Command.MoveUp => Select(s, s.Selected - 1),
        _ => (s, []),
    };

    private static (AppState, Effect[]) SetQuery(AppState s, TextInput input)
    {
        int generation = s.Search.Generation + 1;
        if (input.Text.Trim().Length == 0)
        {
            var cleared = s with { Search = s.Search with { Input = input, Parsed = null, Generation = generation, Hits = null, Pending = false } };
            return WithPreview(Recompute(cleared, s.Current?.Ref), force: true);
        }
        var parsed = QueryParser.Parse(input.Text, asYouType: true);
        var next = s with { Search = s.Search with { Input = input, Parsed = parsed, Generation = generation, Pending = true } };
        return (next, [new RunSearch(generation, parsed)]);
    }

    private static (AppState, Effect[]) ClearSearch(AppState s)
    {
        var next = s with { Search = new SearchState { Generation = s.Search.Generation + 1 }, OpenedHit = null };
        return WithPreview(Recompute(next, s.Current?.Ref), force: s.Search.IsActive);
    }

    private static (AppState, Effect[]) OnPaste(AppState s, string text)
    {
        if (s.Dialog is not (null or InputDialog) || (s.Dialog is null && !s.Search.Editing)) return (s, []);
        var line = Markdown.SessionText.OneLine(text);
        return EditText(s, input => input.Insert(line));
    }
}
