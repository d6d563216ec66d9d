using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

/// <summary>
/// Work <see cref="Update"/> asks for and the runtime does off the UI thread; the answer comes
/// back as a <see cref="Msg"/>. Effects marked latest-only replace a pending one of the same kind.
/// </summary>
public abstract record Effect;

/// <summary>Lists the sessions; <paramref name="FromIndexFirst"/> shows the index's copy before the files are checked (start-up).</summary>
public sealed record LoadSessions(bool FromIndexFirst = false) : Effect;
public sealed record CheckInterrupted : Effect;
/// <summary>Latest-only: looks again at the sessions shown as live (their writer may have exited since the list was read).</summary>
public sealed record CheckLiveness(IReadOnlyList<SessionRef> Refs) : Effect;
/// <summary>
/// Latest-only: opening a session while scrolling fast never queues stale work. The screenful of
/// messages at <paramref name="At"/> (else at the end when <paramref name="AtEnd"/>, else at the
/// start) comes laid out at the pane's <paramref name="Width"/>, so the first frame shows them.
/// </summary>
public sealed record LoadPreview(SessionRef Ref, int Width, int Height, int? At = null, bool AtEnd = false) : Effect;
/// <summary>Latest-only: reads and lays out messages of the opened session (nearest the screen first).</summary>
public sealed record LayOutMessages(SessionRef Ref, MessageDocument Document, int Width, IReadOnlyList<int> Indexes) : Effect;
/// <summary>The query as parsed when it was typed (Update parses once per change).</summary>
public sealed record RunSearch(int Generation, SearchQuery Query) : Effect;
public sealed record FindMatches(SessionRef Ref, MessageDocument Document, string Query) : Effect;
public sealed record LoadSnapshot(SessionRef Ref, int Step) : Effect;
/// <summary>Latest-only: looks for new messages of a live session; they come laid out at <paramref name="Width"/>.</summary>
public sealed record PollLive(SessionRef Ref, MessageDocument Document, int Width) : Effect;

public sealed record PlanDelete(IReadOnlyList<SessionRef> Refs) : Effect;
public sealed record DeleteSessions(IReadOnlyList<SessionRef> Refs) : Effect;
public sealed record RestoreFromTrash(IReadOnlyList<TrashedSession> Trashed) : Effect;
public sealed record PlanRestore(SessionRef Ref, int Step) : Effect;
/// <summary>Applies exactly the plan the user confirmed (Core refuses if the session changed since).</summary>
public sealed record RestoreSnapshot(SessionRef Ref, RestorePlan Plan) : Effect;
/// <summary>Undoes the restore whose backup folder is <paramref name="Backup"/> (refused if a newer one exists).</summary>
public sealed record UndoSnapshotRestore(SessionRef Ref, string Backup) : Effect;
public sealed record MarkCrashed(IReadOnlyList<SessionRef> Refs) : Effect;
/// <summary>"Don't ask again" for an interrupted session (kept by Core per store).</summary>
public sealed record IgnoreInterrupted(SessionRef Ref) : Effect;
public sealed record RenameSession(SessionRef Ref, string Description) : Effect;
/// <summary>Tag changes as typed ("+a -b c"); Core parses and validates them.</summary>
public sealed record ChangeTags(SessionRef Ref, string Changes) : Effect;
/// <summary>Writes the export to <paramref name="Path"/> as typed ("~/" is the home); an existing file is replaced only with <paramref name="Replace"/>.</summary>
public sealed record ExportSessions(IReadOnlyList<SessionRef> Refs, ExportFormat Format, string Path, bool Replace = false) : Effect;
public sealed record LoadStats : Effect;

/// <summary>Works out the resume command and checks it can run (work dir, program) before the screen is left.</summary>
public sealed record PrepareResume(SessionRef Ref, bool InCurrentFolder = false) : Effect;

public sealed record OpenPager(string Title, string Text) : Effect;
/// <summary>OSC 52 from the host, then the first clipboard program that fits (see <see cref="Runtime.Clipboard"/>).</summary>
public sealed record CopyToClipboard(string Text) : Effect;
public sealed record RedrawAll : Effect;
