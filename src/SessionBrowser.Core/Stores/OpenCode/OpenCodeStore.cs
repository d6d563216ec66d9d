using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// opencode's sessions (AGENT-FORMATS.md, opencode): the SQLite database
/// <c>${XDG_DATA_HOME:-~/.local/share}/opencode/opencode.db</c>, opened read-only for reading.
/// Top-level sessions are listed (a subagent's child session is part of its parent, as in
/// opencode's own list); archived ones show as "archived". What was read is kept while the
/// database and its WAL file are unchanged, so a browser refresh costs two stats. When opencode
/// holds the database longer than <see cref="OpenCodeDatabase.BusySeconds"/>, the list shows one
/// damaged row saying so instead of waiting (the other sources list as usual).
/// </summary>
public sealed partial class OpenCodeStore : ISessionStore, IStampedStore, IProjectSessions
{
    public const string SourceName = "opencode";
    public const string ArchivedStatus = "archived";
    public const string DatabaseName = "opencode.db";

    /// <summary>Where opencode keeps its data folder (XDG Base Directory).</summary>
    public const string DataHomeVariable = "XDG_DATA_HOME";

    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private (FileStamp Database, FileStamp Wal, IReadOnlyList<SessionSummary> Sessions)? _listed;
    private (FileStamp Database, FileStamp Wal, IReadOnlyList<SessionStamp> Stamps)? _stamped;

    /// <summary><paramref name="folder"/>: opencode's data folder (…/share/opencode), which holds opencode.db.</summary>
    public OpenCodeStore(string folder, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(folder);
        Database = Path.Combine(Root, DatabaseName);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>$XDG_DATA_HOME/opencode, else ~/.local/share/opencode (opencode's Global.Path.data).</summary>
    public static string DefaultFolder(Func<string, string?> environment, string userHome) =>
        Path.Combine(environment(DataHomeVariable) is { Length: > 0 } data ? data : Path.Combine(userHome, ".local", "share"), "opencode");

    /// <summary>The store at the default folder; null when opencode has no database here.</summary>
    public static OpenCodeStore? OpenDefault(Func<string, string?> environment, string userHome, TimeProvider? clock = null)
    {
        var store = new OpenCodeStore(DefaultFolder(environment, userHome), clock);
        return File.Exists(store.Database) && !FileTree.IsLink(store.Database) ? store : null;
    }

    public string Source => SourceName;
    public string Root { get; }

    /// <summary>The database file.</summary>
    public string Database { get; }

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default)
    {
        var (database, wal) = FileStamps();
        lock (_gate)
        {
            if (_listed is { } known && known.Database == database && known.Wal == wal) return known.Sessions;
        }
        IReadOnlyList<SessionSummary> sessions;
        try
        {
            sessions = Read(connection => OpenCodeRows.All(connection, cancellationToken)).Select(Summary).ToList();
        }
        catch (OpenCodeBusyException e)
        {
            return [Unreadable(e.Message)];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return [Unreadable(Why(e))];
        }
        lock (_gate) _listed = (database, wal, sessions);
        return sessions;
    }

    public SessionSummary? Find(string id)
    {
        if (string.IsNullOrEmpty(id) || !File.Exists(Database)) return null;
        try
        {
            return Read(connection => OpenCodeRows.One(connection, id)) is { } row ? Summary(row) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // Only the row that stands for an unreadable database is found then (the index asks for it by its stamp).
            return id == DatabaseName ? Unreadable(Why(e)) : null;
        }
    }

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default)
    {
        // The row that stands for an unreadable database has no messages.
        if (!File.Exists(Database) || id == DatabaseName) yield break;
        using var connection = OpenCodeDatabase.Guard(Database, () => OpenCodeDatabase.OpenReadOnly(Database));
        using var records = OpenCodeDatabase.Guard(Database, () => OpenCodeMessages.Read(connection, id, cancellationToken).GetEnumerator());
        while (OpenCodeDatabase.Guard(Database, records.MoveNext)) yield return records.Current;
    }

    /// <summary>
    /// opencode's project rule (<see cref="OpenCodeProjects"/>): inside a git repository opencode
    /// knows, its sessions; elsewhere, or when the database cannot be read now, those started in the folder.
    /// </summary>
    public Func<SessionSummary, bool> ProjectFilter(string projectDir)
    {
        string dir = ProjectFolder.NormalizeDir(projectDir);
        var sameFolder = ProjectFolder.StartedIn(dir);
        if (!File.Exists(Database)) return sameFolder;
        HashSet<string>? ids;
        try
        {
            ids = Read(connection => OpenCodeProjects.ProjectOf(connection, dir) is { } project ? OpenCodeProjects.SessionsOf(connection, project) : null);
        }
        catch (Exception e) when (e is OpenCodeBusyException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            ids = null;
        }
        return ids is null ? sameFolder : session => ids.Contains(session.Id);
    }

    public ResumeCommand? ResumeCommandFor(string id)
    {
        if (Find(id) is not { } session) return null;
        string? dir = session.WorkDir is { Length: > 0 } workDir && Directory.Exists(workDir) ? workDir : null;
        return new ResumeCommand(dir is null ? ["opencode", "-s", id] : ["opencode", dir, "-s", id], dir);
    }

    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default)
    {
        var (database, wal) = FileStamps();
        lock (_gate)
        {
            if (_stamped is { } known && known.Database == database && known.Wal == wal) return known.Stamps;
        }
        if (database == FileStamp.Missing) return [];
        // Busy: thrown as SQLite's own busy error, which the index answers by listing directly.
        IReadOnlyList<SessionStamp> stamps;
        try
        {
            stamps = Read(connection => OpenCodeRows.Stamps(connection, cancellationToken)
                .Select(s => new SessionStamp(s.Id, s.Stamp, s.Stamp)).ToList());
        }
        catch (OpenCodeBusyException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.Cause);
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // The damaged row List shows, stamped by the database file.
            stamps = [new SessionStamp(DatabaseName, database, database)];
        }
        lock (_gate) _stamped = (database, wal, stamps);
        return stamps;
    }

    public SessionStamp? StampOf(string id) => Stamps().FirstOrDefault(stamp => stamp.Id == id);

    private (FileStamp Database, FileStamp Wal) FileStamps() => (FileStamp.Of(Database), FileStamp.Of(Database + "-wal"));

    private T Read<T>(Func<Microsoft.Data.Sqlite.SqliteConnection, T> read) => OpenCodeDatabase.Guard(Database, () =>
    {
        using var connection = OpenCodeDatabase.OpenReadOnly(Database);
        return read(connection);
    });

    private SessionSummary Summary(OpenCodeRow row) => new()
    {
        Ref = new SessionRef(SourceName, row.Id),
        Title = string.IsNullOrWhiteSpace(row.Title) ? "(untitled)" : row.Title,
        Status = row.Archived is null ? SessionStatus.Paused : ArchivedStatus,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(row.Created, 0, 253402300799999)),
        LastActive = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(row.Updated, 0, 253402300799999)),
        MessageCount = row.Messages,
        TotalTokens = row.Tokens,
        TotalCost = row.Cost,
        Model = row.Model,
        WorkDir = row.Directory.Length > 0 ? row.Directory : null,
        Description = string.IsNullOrWhiteSpace(row.Title) ? null : row.Title,
        Damaged = row.BadRows switch
        {
            0 => null,
            1 => $"{row.FirstBadRow}: its data is not JSON (skipped)",
            _ => $"{row.BadRows} message or part rows are not JSON (skipped; first: {row.FirstBadRow})",
        },
        Path = Database,
    };

    private string Why(Exception e) => e is InvalidDataException ? e.Message : $"{Database} cannot be read: {e.Message}";

    /// <summary>The one row shown when the database cannot be read now: why, in words.</summary>
    private SessionSummary Unreadable(string why) => new()
    {
        Ref = new SessionRef(SourceName, DatabaseName),
        Title = "opencode's sessions (not readable now)",
        Damaged = why,
        LastActive = _clock.GetUtcNow(),
        Path = Database,
    };
}
