using System.Globalization;

namespace SessionBrowser.Browser;

public static partial class App
{
    /// <summary>A key that types text (a character, or Space) rather than a named key.</summary>
    public static string? TextOf(string key)
    {
        if (key == "Space") return " ";
        if (key.Length == 0) return null;
        if (key.Length == 1) return char.IsControl(key[0]) ? null : key;
        // Named keys are ASCII words ("Enter", "Ctrl+D", "F1"); anything else is a typed grapheme.
        return key.All(c => char.IsAsciiLetterOrDigit(c) || c == '+') ? null : key;
    }

    private static (AppState, Effect[]) SearchKey(AppState s, string key)
    {
        var q = s.Search;
        switch (key)
        {
            case "Esc": return ClearSearch(s);
            case "Enter":
                return (s with { Search = q with { Editing = false } }, []);
            case "Down": case "Ctrl+N": return Select(s, s.Selected + 1);
            case "Up": case "Ctrl+P": return Select(s, s.Selected - 1);
            case "Left": return (s with { Search = q with { Cursor = PrevGrapheme(q.Query, q.Cursor) } }, []);
            case "Right": return (s with { Search = q with { Cursor = NextGrapheme(q.Query, q.Cursor) } }, []);
            case "Home": case "Ctrl+A": return (s with { Search = q with { Cursor = 0 } }, []);
            case "End": case "Ctrl+E": return (s with { Search = q with { Cursor = q.Query.Length } }, []);
            case "Backspace":
                {
                    if (q.Cursor == 0) return (s, []);
                    int from = PrevGrapheme(q.Query, q.Cursor);
                    return SetQuery(s, q.Query.Remove(from, q.Cursor - from), from);
                }
            case "Delete":
                {
                    if (q.Cursor >= q.Query.Length) return (s, []);
                    int to = NextGrapheme(q.Query, q.Cursor);
                    return SetQuery(s, q.Query.Remove(q.Cursor, to - q.Cursor), q.Cursor);
                }
            case "Ctrl+U": return SetQuery(s, q.Query[q.Cursor..], 0);
            case "Ctrl+W":
                {
                    int from = q.Cursor;
                    while (from > 0 && q.Query[from - 1] == ' ') from--;
                    while (from > 0 && q.Query[from - 1] != ' ') from--;
                    return SetQuery(s, q.Query.Remove(from, q.Cursor - from), from);
                }
            case "Ctrl+C": return Quit(s);
        }
        return TextOf(key) is { } text ? SetQuery(s, q.Query.Insert(q.Cursor, text), q.Cursor + text.Length) : (s, []);
    }

    private static (AppState, Effect[]) SetQuery(AppState s, string query, int cursor)
    {
        int generation = s.Search.Generation + 1;
        if (query.Trim().Length == 0)
        {
            var cleared = s with { Search = s.Search with { Query = query, Cursor = cursor, Generation = generation, Hits = null, Pending = false } };
            return WithPreview(Recompute(cleared, s.Current?.Ref), force: true);
        }
        var next = s with { Search = s.Search with { Query = query, Cursor = cursor, Generation = generation, Pending = true } };
        return (next, [new RunSearch(generation, query)]);
    }

    private static (AppState, Effect[]) ClearSearch(AppState s)
    {
        var next = s with { Search = new SearchState { Generation = s.Search.Generation + 1 } };
        return WithPreview(Recompute(next, s.Current?.Ref), force: s.Search.IsActive);
    }

    private static (AppState, Effect[]) OnPaste(AppState s, string text)
    {
        var line = Markdown.SessionText.OneLine(text);
        if (s.Dialog is InputDialog input)
            return (s with { Dialog = input with { Text = input.Text.Insert(input.Cursor, line), Cursor = input.Cursor + line.Length } }, []);
        if (s.Search.Editing)
            return SetQuery(s, s.Search.Query.Insert(s.Search.Cursor, line), s.Search.Cursor + line.Length);
        return (s, []);
    }

    private static int PrevGrapheme(string text, int at)
    {
        if (at <= 0) return 0;
        int prev = 0;
        foreach (int start in StringInfo.ParseCombiningCharacters(text))
        {
            if (start >= at) break;
            prev = start;
        }
        return prev;
    }

    private static int NextGrapheme(string text, int at)
    {
        if (at >= text.Length) return text.Length;
        foreach (int start in StringInfo.ParseCombiningCharacters(text))
            if (start > at) return start;
        return text.Length;
    }
}
