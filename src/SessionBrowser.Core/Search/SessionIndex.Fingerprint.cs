using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Search;

/// <summary>
/// The quick "nothing changed" answer: a hash of every stamp a reconcile looked at, kept per
/// scope. The next reconcile that takes the same stamps skips reading 10,000 rows and comparing
/// them; any new, removed, grown or touched file changes the hash, so it is never stale.
/// </summary>
public sealed partial class SessionIndex
{
    private const string TitleFromMessagesKey = "title-from-messages";

    private static string FingerprintKey(ReconcileScope scope) =>
        scope == ReconcileScope.Everything ? "messages-fingerprint" : "summaries-fingerprint";

    /// <summary>
    /// Two FNV-1a hashes (different starting points) over every id and stamp in id order. Not
    /// a cryptographic hash on purpose: loading the crypto library alone costs a list 10 ms.
    /// </summary>
    private static string Fingerprint(IEnumerable<SessionStamp> stamps)
    {
        var hash = new Fnv();
        var ordered = stamps.ToArray();
        Array.Sort(ordered, static (x, y) => string.CompareOrdinal(x.Id, y.Id));
        foreach (var stamp in ordered)
        {
            foreach (char c in stamp.Id) hash.Add(c);
            hash.Add('\n');
            var messages = stamp.Messages ?? FileStamp.Missing;
            hash.Add(stamp.Head.Length);
            hash.Add(stamp.Head.LastWriteTicks);
            hash.Add(stamp.Messages is null ? -3 : messages.Length);
            hash.Add(messages.LastWriteTicks);
        }
        return hash.ToString();
    }

    private struct Fnv
    {
        private const ulong Prime = 1099511628211;
        private ulong _a = 14695981039346656037, _b = 0x84222325CBF29CE4;

        public Fnv() { }

        public void Add(long value)
        {
            for (int i = 0; i < 8; i++, value >>= 8) Add((byte)value);
        }

        public void Add(char c)
        {
            Add((byte)c);
            Add((byte)(c >> 8));
        }

        private void Add(byte b)
        {
            _a = (_a ^ b) * Prime;
            _b = (_b ^ b) * Prime;
        }

        public override readonly string ToString() => $"{_a:x16}{_b:x16}";
    }

    /// <summary>
    /// The sessions whose summary took its title from the messages file (their rows keep its
    /// stamp), kept as one state value by every reconcile that changes rows.
    /// </summary>
    private static HashSet<string> TitleFromMessages(SqliteConnection connection) =>
        ReadState(connection, TitleFromMessagesKey) is { Length: > 0 } ids
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
