using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

/// <summary>Everything that can happen to the browser: input from the user, and answers from effects.</summary>
public abstract record Msg;

public sealed record KeyPressed(Input.Chord Key) : Msg;
public sealed record Pasted(string Text) : Msg;
public sealed record MouseClicked(int X, int Y) : Msg;
/// <summary>Delta in lines: positive scrolls down.</summary>
public sealed record MouseWheel(int X, int Y, int Delta) : Msg;
public sealed record Resized(int Width, int Height) : Msg;
public sealed record Tick(DateTimeOffset Now) : Msg;

/// <summary>
/// The list; <paramref name="Filling"/> while it is still partial, what is filling it
/// ("indexing 24%" on a first run, "loading" while the first screen shows and the rest is read).
/// </summary>
public sealed record SessionsLoaded(IReadOnlyList<SessionSummary> Sessions, string? Notice = null, string? Filling = null) : Msg;
/// <summary>The sessions a <see cref="CheckLiveness"/> looked at, as their files are now.</summary>
public sealed record LivenessChecked(IReadOnlyList<SessionSummary> Sessions) : Msg;
public sealed record InterruptedFound(IReadOnlyList<InterruptedSession> Sessions) : Msg;
/// <summary>The opened session; <paramref name="Pages"/>, the messages of its first screen laid out (null: asked for next).</summary>
public sealed record PreviewLoaded(SessionRef Ref, MessageDocument Document, IReadOnlyList<SnapshotInfo> Snapshots, MessagePages? Pages = null) : Msg;
public sealed record PreviewFailed(SessionRef Ref, string Error) : Msg;
/// <summary>A live session has more messages: the document with a fresh reader over the longer file, and the new ones laid out.</summary>
public sealed record LiveGrew(SessionRef Ref, MessageDocument Document, MessagePages? Pages = null) : Msg;
/// <summary>Messages of the opened session laid out by a <see cref="LayOutMessages"/> effect.</summary>
public sealed record MessagesLaidOut(SessionRef Ref, MessagePages Pages) : Msg;
/// <summary>The hits, best first; <paramref name="More"/> when more sessions matched than are shown.</summary>
public sealed record SearchCompleted(int Generation, IReadOnlyList<SearchHit> Hits, string? Notice = null, bool More = false) : Msg;
public sealed record MatchesFound(SessionRef Ref, string Query, IReadOnlyList<int> Messages) : Msg;
public sealed record SnapshotLoaded(SessionRef Ref, int Step, JsonNode? State, string? Error = null) : Msg;
public sealed record DeletePlanned(IReadOnlyList<DeleteItem> Items) : Msg;
/// <summary>What a restore would do, worked out by Core before anything changes.</summary>
public sealed record RestorePlanned(SessionRef Ref, string Title, RestorePlan Plan) : Msg;
public sealed record StatsLoaded(IReadOnlyList<string> Report, string PerDayTitle, IReadOnlyList<(string Label, double Value)> PerDay, IReadOnlyList<(string Label, string Value)> PerModel) : Msg;
/// <summary>An action finished; the list reloads when <paramref name="Reload"/> is set.</summary>
public sealed record ActionCompleted(string Text, UndoAction? Undo = null, bool Reload = true, bool KeepUndo = false) : Msg;
public sealed record ActionFailed(string Error) : Msg;
/// <summary>The export's file exists: the browser asks before replacing it.</summary>
public sealed record ExportTargetExists(ExportSessions Export, string FullPath) : Msg;
/// <summary>The resume command can run: the browser leaves the screen and runs it.</summary>
public sealed record ResumeReady(SessionRef Ref, Core.Stores.ResumeCommand Command) : Msg;
/// <summary>The session's work dir is gone: the browser asks before resuming in <paramref name="CurrentDir"/> instead.</summary>
public sealed record ResumeNeedsFolder(SessionRef Ref, string MissingDir, string CurrentDir) : Msg;

/// <summary>One session a delete would move, with its files, or why it cannot go.</summary>
/// <summary>A session the delete would take: its files, and <paramref name="Records"/> (rows, index entries) removed from shared files or databases.</summary>
public sealed record DeleteItem(SessionRef Ref, string Title, string Path, IReadOnlyList<string> Files, string? Refusal = null,
    IReadOnlyList<string>? Records = null);
