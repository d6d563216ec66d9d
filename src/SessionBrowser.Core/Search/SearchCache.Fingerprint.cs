using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// The quick "nothing changed" answer: a hash of every stamp a reconcile looked at, kept per
/// scope. The next reconcile that takes the same stamps skips reading 10,000 rows and comparing
/// them; any new, removed, grown or touched file changes the hash, so it is never stale.
/// </summary>
public sealed partial class SearchCache
{
    private const string TitleFromMessagesKey = "title-from-messages";

    // A new value whenever a reconcile (of this process or another) changes any session's row.
    private const string RowsVersionKey = "rows-version";

    /// <summary>
    /// Changes whenever any session's row changes (a rebuild included): a list read from the index
    /// while this stayed the same is still what the index holds, and need not be read again.
    /// </summary>
    public string RowsVersion => Guarded(connection => ReadState(connection, RowsVersionKey) ?? "");

    private static string FingerprintKey(ReconcileScope scope) =>
        scope == ReconcileScope.Everything ? "messages-fingerprint" : "summaries-fingerprint";

    /// <summary>
    /// A hash of the set of stamps: each stamp (id included) hashed on its own, then summed and
    /// xor-ed, so the order of the listing does not matter and nothing needs sorting. Not a
    /// cryptographic hash on purpose: loading the crypto library alone costs a list 10 ms.
    /// </summary>
    private static string Fingerprint(IEnumerable<SessionStamp> stamps)
    {
        ulong sum = 0, xor = 0, count = 0;
        foreach (var stamp in stamps)
        {
            ulong h = 14695981039346656037;
            foreach (char c in stamp.Id) h = (h ^ c) * 1099511628211;
            var messages = stamp.Messages ?? FileStamp.Missing;
            h = Mix(h ^ (ulong)stamp.Head.Length);
            h = Mix(h ^ (ulong)stamp.Head.LastWriteTicks);
            h = Mix(h ^ (ulong)(stamp.Messages is null ? -3 : messages.Length));
            h = Mix(h ^ (ulong)messages.LastWriteTicks);
            sum += h;
            xor ^= Mix(h + 0x9E3779B97F4A7C15);
            count++;
        }
        return $"{count:x}-{sum:x16}-{xor:x16}";
    }

    /// <summary>The splitmix64 finalizer: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// The sessions whose summary took its title from the messages file (their rows keep its
    /// stamp), kept as one state value by every reconcile that changes rows.
    /// </summary>
    private static HashSet<string> TitleFromMessages(SqliteConnection connection) => TitleFromMessages(ReadState(connection, TitleFromMessagesKey));

    /// <summary>The set from the state value as stored.</summary>
    private static HashSet<string> TitleFromMessages(string? stored) =>
        stored is { Length: > 0 } ids
            ? ids.Split('\n').ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private static string? ReadState(SqliteConnection connection, string key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM state WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Sets a state value; null removes it.</summary>
    private static void WriteState(SqliteConnection connection, string key, string? value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = value is null
            ? "DELETE FROM state WHERE key = $key"
            : "INSERT OR REPLACE INTO state(key, value) VALUES ($key, $value)";
        command.Parameters.AddWithValue("$key", key);
        if (value is not null) command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }
}
