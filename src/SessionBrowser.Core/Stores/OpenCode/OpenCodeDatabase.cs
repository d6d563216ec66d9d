using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// Connections to opencode's <c>opencode.db</c>. Reading is read-only and never waits long: opencode
/// keeps the database in WAL mode, where its writes do not block readers, and whatever lock does
/// (a checkpoint, an exclusive transaction) is waited on for <see cref="BusySeconds"/> at most, then
/// reported as <see cref="OpenCodeBusyException"/>, so opencode is never held up by us.
/// </summary>
internal static class OpenCodeDatabase
{
    /// <summary>The longest we wait for opencode's lock before giving up with a notice or a refusal.</summary>
    public const int BusySeconds = 1;

    public static SqliteConnection OpenReadOnly(string path) => Open(path, SqliteOpenMode.ReadOnly);

    public static SqliteConnection OpenReadWrite(string path) => Open(path, SqliteOpenMode.ReadWrite);

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED: another connection (opencode) holds the lock.</summary>
    public static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6;

    /// <summary>
    /// Runs <paramref name="work"/>, turning a busy database into <see cref="OpenCodeBusyException"/> and
    /// any other SQLite error (not a database, corrupt, no permission) into <see cref="InvalidDataException"/>,
    /// so no SQLite error of opencode's file reaches the search index, which would take it for its own.
    /// </summary>
    public static T Guard<T>(string path, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (SqliteException e) when (IsBusy(e))
        {
            throw new OpenCodeBusyException(path, e);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{path} cannot be read: {e.Message}", e);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) => SqliteRows.Open(path, mode, BusySeconds);
}

/// <summary>opencode holds its database's lock longer than we wait: what the user is told, and why nothing was changed.</summary>
public sealed class OpenCodeBusyException(string path, Exception inner)
    : SessionRefusedException($"opencode's database {path} is busy (opencode is writing it); try again in a moment")
{
    /// <summary>The SQLite error behind it.</summary>
    public Exception Cause { get; } = inner;
}
