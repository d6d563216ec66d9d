using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>
/// The pickers: a tag (`T`), a work dir (`w`: the shell's folder or the selected session's) and
/// the Projects view (`P`: sessions grouped by work dir, newest first). Each lists its choices
/// with counts; typing filters, Enter applies, Esc closes.
/// </summary>
internal static class PickerUpdate
{
    public static (AppState, Effect[]) OpenTags(AppState s)
    {
        var tags = s.Sessions.SelectMany(x => x.Tags.Distinct()).CountBy(t => t)
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        if (tags.Count == 0) return (App.Say(s, "No session has tags"), []);
        List<PickerItem> items = [new(null, "every tag", Format.Count(s.Sessions.Count, "session")),
                                  .. tags.Select(t => new PickerItem(t.Key, "#" + t.Key, Format.Count(t.Value, "session")))];
        return Open(s, PickerPurpose.Tag, "Filter by tag", items, s.TagFilter);
    }

    public static (AppState, Effect[]) OpenWorkDirs(AppState s)
    {
        var items = new List<PickerItem>();
        void Offer(string? dir, string what)
        {
            if (string.IsNullOrEmpty(dir) || items.Any(i => i.Value == dir)) return;
            items.Add(new PickerItem(dir, dir, $"{what} · {Format.Count(s.Sessions.Count(x => SessionRows.InDirectory(x.WorkDir, dir)), "session")}"));
        }
        Offer(s.Options.CurrentDirectory, "the shell's folder");
        Offer(s.Current?.WorkDir, "this session's work dir");
        items.Add(new PickerItem(null, "every work dir", Format.Count(s.Sessions.Count, "session")));
        // With a folder filter on, Enter alone goes back to every work dir (w, Enter toggles as `w` did).
        return Open(s, PickerPurpose.WorkDir, "Sessions in a work dir (and below)", items, s.Dir is null ? items[0].Value : null);
    }

    public static (AppState, Effect[]) OpenProjects(AppState s)
    {
        var projects = s.Sessions.GroupBy(x => x.WorkDir ?? "")
            .Select(g => (Dir: g.Key, Count: g.Count(), Last: g.Max(x => x.LastActive)))
            .OrderByDescending(p => p.Last ?? DateTimeOffset.MinValue).ThenBy(p => p.Dir, StringComparer.Ordinal).ToList();
        List<PickerItem> items = [new(null, "every project", Format.Count(s.Sessions.Count, "session")),
            .. projects.Select(p => new PickerItem(p.Dir, p.Dir.Length == 0 ? "(no work dir)" : p.Dir, $"{Format.Count(p.Count, "session")} · {Format.Age(p.Last, s.Now)}"))];
        return Open(s, PickerPurpose.Project, $"Projects ({projects.Count})", items, s.Dir is { Subfolders: false } d ? d.Path : null);
    }

    private static (AppState, Effect[]) Open(AppState s, PickerPurpose purpose, string title, IReadOnlyList<PickerItem> items, string? current)
    {
        int selected = Math.Max(0, items.ToList().FindIndex(i => i.Value == current));
        return (s with { Dialog = new PickerDialog(purpose, title, items, new TextInput(), selected) }, []);
    }

    public static (AppState, Effect[]) OnCommand(AppState s, PickerDialog p, Command command)
    {
        int shown = p.Shown.Count, page = Math.Max(1, DialogGeometry.PickerRows(s, p));
        return command switch
        {
            Command.MoveDown => (s with { Dialog = p with { Selected = Math.Min(shown - 1, p.Selected + 1) } }, []),
            Command.MoveUp => (s with { Dialog = p with { Selected = Math.Max(0, p.Selected - 1) } }, []),
            Command.PageDown => (s with { Dialog = p with { Selected = Math.Max(0, Math.Min(shown - 1, p.Selected + page)) } }, []),
            Command.PageUp => (s with { Dialog = p with { Selected = Math.Max(0, p.Selected - page) } }, []),
            Command.Confirm => Apply(s with { Dialog = null }, p),
            Command.Cancel => (s with { Dialog = null }, []),
            _ when TextInput.EditOf(command) is { } edit => App.EditText(s, input => input.Apply(edit)),
            _ => (s, []),
        };
    }

    /// <summary>Enter: the chosen tag, work dir or project filters the list.</summary>
    private static (AppState, Effect[]) Apply(AppState s, PickerDialog p)
    {
        if (p.Shown.Count == 0) return (App.Say(s with { Dialog = p }, "Nothing matches what you typed", StatusKind.Error), []);
        var value = p.Shown[Math.Clamp(p.Selected, 0, p.Shown.Count - 1)].Value;
        return p.Purpose switch
        {
            PickerPurpose.Tag => SessionListUpdate.Reorder(s with { TagFilter = value }, value is null ? "Showing every tag" : $"Showing tag #{value}"),
            PickerPurpose.WorkDir => SessionListUpdate.Reorder(s with { Dir = value is null ? null : new DirFilter(value, Subfolders: true) },
                value is null ? "Showing every work dir" : $"Showing sessions in {value} and below"),
            _ => SessionListUpdate.Reorder(s with { Dir = value is null ? null : new DirFilter(value, Subfolders: false) },
                value is null ? "Showing every project" : $"Showing the project {(value.Length == 0 ? "(no work dir)" : value)}"),
        };
    }
}
