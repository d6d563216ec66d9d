using System.Collections.Immutable;
using System.Text.Json.Nodes;
using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

public enum Focus { List, Detail }
public enum DetailTab { Messages, Timeline, Info }
public enum SortKey { Activity, Created, Messages, Cost, Title }

/// <summary>Sessions of one work dir: <paramref name="Subfolders"/> for a folder and everything below (w), else exactly one project (P).</summary>
public sealed record DirFilter(string Path, bool Subfolders);

/// <summary>Fixed for a run: how the browser was started.</summary>
public sealed record BrowserOptions
{
    /// <summary>Pick mode: Enter prints the id and exits 0, Esc exits 1.</summary>
    public bool PickMode { get; init; }
    /// <summary>Shown in the header: the store folder(s).</summary>
    public string StoreLabel { get; init; } = "";
    /// <summary>Shown in the header: the source(s) listed.</summary>
    public string SourceLabel { get; init; } = "native";
    /// <summary>The work dir that "this work dir" scope means.</summary>
    public string CurrentDirectory { get; init; } = "";
    /// <summary>Optional note shown at start (for example "showing the demo store").</summary>
    public string? Notice { get; init; }
    /// <summary>Where `e` proposes to write (~/Downloads when it exists, else the current folder).</summary>
    public string ExportDirectory { get; init; } = "";
    /// <summary>Whether to ask about interrupted sessions at start-up.</summary>
    public bool AskAboutInterrupted { get; init; } = true;
}

/// <summary>
/// Everything the screen shows, immutable. <see cref="Update"/> makes the next state;
/// <see cref="View"/> draws it. Nothing here touches the disk.
/// </summary>
public sealed record AppState
{
    public required BrowserOptions Options { get; init; }
    public int Width { get; init; } = 120;
    public int Height { get; init; } = 40;
    /// <summary>The clock the relative ages are computed from; moved by Tick messages.</summary>
    public DateTimeOffset Now { get; init; }

    public bool Loading { get; init; } = true;
    /// <summary>While the list is still partial, what is filling it ("indexing 24%", "loading"); null once complete.</summary>
    public string? Filling { get; init; }
    public IReadOnlyList<SessionSummary> Sessions { get; init; } = [];
    /// <summary>Indexes into <see cref="Sessions"/> in display order, after sort, filter, scope and search.</summary>
    public IReadOnlyList<int> Rows { get; init; } = [];
    public int Selected { get; init; }
    public int ListTop { get; init; }
    public ImmutableHashSet<SessionRef> Marks { get; init; } = [];

    public SortKey Sort { get; init; } = SortKey.Activity;
    public bool Reverse { get; init; }
    public string? StatusFilter { get; init; }
    public string? TagFilter { get; init; }
    public DirFilter? Dir { get; init; }
    public SearchState Search { get; init; } = new();

    public Focus Focus { get; init; } = Focus.List;
    /// <summary>The list's share of the width and whether the preview shows.</summary>
    public PaneSplit Split { get; init; } = new();
    public DetailTab Tab { get; init; } = DetailTab.Messages;
    public DetailState? Detail { get; init; }
    public TimelineState? Timeline { get; init; }
    public int InfoTop { get; init; }

    public Dialog? Dialog { get; init; }
    /// <summary>Interrupted sessions found at start-up; a banner offers them (R), never a prompt that takes typed keys.</summary>
    public IReadOnlyList<InterruptedSession> Interrupted { get; init; } = [];
    /// <summary>The session whose search hit Enter last opened: the next Enter on it resumes.</summary>
    public SessionRef? OpenedHit { get; init; }
    public StatusLine? Status { get; init; }
    public UndoAction? Undo { get; init; }

    /// <summary>Set when the browser is done; the runtime leaves the screen and acts on it.</summary>
    public BrowserOutcome? Outcome { get; init; }

    public SessionSummary? Current =>
        Selected >= 0 && Selected < Rows.Count ? Sessions[Rows[Selected]] : null;
}


/// <summary>What `u` undoes.</summary>
public abstract record UndoAction(string Description);
public sealed record UndoDelete(IReadOnlyList<TrashedSession> Trashed) : UndoAction($"restore {Trashed.Count} deleted session(s)");
/// <summary>A snapshot restore; <paramref name="Backup"/> names the folder that holds what it cut.</summary>
public sealed record UndoRestore(SessionRef Ref, string Backup, string Label) : UndoAction($"undo the restore of {Label}");

/// <summary>A session moved to the trash, enough to put it back.</summary>
public sealed record TrashedSession(SessionRef Ref, string Title, string TrashId);

/// <summary>How the browser ended.</summary>
public abstract record BrowserOutcome;
public sealed record QuitOutcome : BrowserOutcome;
public sealed record CancelOutcome : BrowserOutcome;
public sealed record PickedOutcome(SessionRef Ref) : BrowserOutcome;
/// <summary>Resume the session with a command already checked to run (its work dir exists, its program is installed).</summary>
public sealed record ResumeOutcome(SessionRef Ref, Core.Stores.ResumeCommand Command) : BrowserOutcome;
