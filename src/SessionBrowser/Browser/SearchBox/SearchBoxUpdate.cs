using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

/// <summary>The search box: typing runs the query (parsed once per change), Enter keeps or opens the hit, Esc clears.</summary>
internal static class SearchBoxUpdate
{
    public static (AppState, Effect[]) Open(AppState s) =>
        (s with { Focus = Focus.List, Search = s.Search with { Editing = true, Input = TextInput.At(s.Search.Query) } }, []);

    public static (AppState, Effect[]) OnCommand(AppState s, Command command) => command switch
    {
        Command.KeepSearch when s.Options.PickMode && s.Current is not null => SessionListUpdate.Resume(s),
        Command.KeepSearch when SessionListUpdate.HasPendingHit(s) => (SessionListUpdate.OpenHit(s), []),
        Command.KeepSearch => (s with { Search = s.Search with { Editing = false } }, []),
        Command.ClearSearch => Clear(s),
        Command.MoveDown => SessionListUpdate.Select(s, s.Selected + 1),
        Command.MoveUp => SessionListUpdate.Select(s, s.Selected - 1),
        _ => (s, []),
    };

    /// <summary>The search box's text after an edit: a changed query runs again.</summary>
    public static (AppState, Effect[]) Edit(AppState s, TextInput input) =>
        input.Text == s.Search.Query ? (s with { Search = s.Search with { Input = input } }, []) : SetQuery(s, input);

    private static (AppState, Effect[]) SetQuery(AppState s, TextInput input)
    {
        int generation = s.Search.Generation + 1;
        if (input.Text.Trim().Length == 0)
        {
            var cleared = s with { Search = s.Search with { Input = input, Parsed = null, Generation = generation, Hits = null, Pending = false } };
            return SessionListUpdate.WithPreview(SessionListUpdate.Recompute(cleared, s.Current?.Ref), force: true);
        }
        var parsed = QueryParser.Parse(input.Text, asYouType: true);
        var next = s with { Search = s.Search with { Input = input, Parsed = parsed, Generation = generation, Pending = true } };
        return (next, [new RunSearch(generation, parsed)]);
    }

    public static (AppState, Effect[]) Clear(AppState s)
    {
        var next = s with { Search = new SearchState { Generation = s.Search.Generation + 1 }, OpenedHit = null };
        return SessionListUpdate.WithPreview(SessionListUpdate.Recompute(next, s.Current?.Ref), force: s.Search.IsActive);
    }

    public static (AppState, Effect[]) OnCompleted(AppState s, SearchCompleted c)
    {
        if (c.Generation != s.Search.Generation || s.Search.Query.Length == 0) return (s, []);
        var next = s with
        {
            // The notice belongs to this search: shown in the search bar, gone when the search is cleared.
            Search = s.Search with { Hits = c.Hits, Pending = false, More = c.More, Notice = c.Notice },
        };
        next = SessionListUpdate.Recompute(next, null) with { Selected = 0, ListTop = 0 };
        return SessionListUpdate.WithPreview(next, force: true);
    }
}
