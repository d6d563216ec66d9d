using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Storage;

/// <summary>Who took a lock (from the lock file's content): process id, host, and when.</summary>
public sealed record LockHolder(int? Pid, string? Host, string? Since)
{
    public override string ToString() =>
        Pid is null && Host is null ? "unknown" : $"pid {Pid?.ToString(CultureInfo.InvariantCulture) ?? "?"} on {Host ?? "?"}";
}

/// <summary>
/// A look at a lock without holding it: whether another open file holds it now, and who
/// took it last (the content stays after release, so after a crash it names the dead writer).
/// </summary>
public sealed record LockProbe(bool Held, LockHolder? LastHolder);

/// <summary>The lock could not be taken in time.</summary>
public sealed class LockTimeoutException(string message) : TimeoutException(message);

/// <summary>
/// An exclusive advisory lock on a file, the reference's <c>SessionLock</c>. On Linux and macOS
/// .NET opens a <see cref="FileShare.None"/> stream with <c>flock(LOCK_EX|LOCK_NB)</c>, the same
/// lock Python's <c>fcntl.flock</c> takes, so this interoperates with the reference's writers
/// (a test proves it); on Windows it is an exclusive share mode. Every other .NET open of the file
/// takes <c>LOCK_SH</c>, which is what <see cref="Probe"/> uses to ask without blocking a writer
/// for more than an instant. (Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns all of this off.)
/// </summary>
public sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private FileStream? _stream;

    private FileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Takes the lock, retrying every 0.1 s; throws <see cref="LockTimeoutException"/> after the timeout (5 s).</summary>
    public static FileLock Acquire(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = DateTime.UtcNow;
        while (true)
        {
            if (TryAcquire(path) is { } taken) return taken;
            if (DateTime.UtcNow - started >= limit)
            {
                var holder = Probe(path).LastHolder;
                string who = holder is null || holder.Pid is null ? "another process" : holder.ToString();
                throw new LockTimeoutException(
                    $"{path} is locked by {who}; gave up after {limit.TotalSeconds:0.#} s");
            }
            cancellationToken.WaitHandle.WaitOne(RetryInterval);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Takes the lock if nobody holds it, else returns null at once. <paramref name="recordHolder"/>
    /// false leaves the holder record as it was: an edit (rename, tags, a restore) is no writer, and
    /// recovery must still name the agent that held the session last.
    /// </summary>
    public static FileLock? TryAcquire(string path, bool recordHolder = true)
    {
        // A FIFO as .lock would block the open: that is no lock, and no contention either.
        RegularFile.Check(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
        {
            // Held by someone else, or not writable at all (a read-only file system): only the
            // first is contention. The second must say what it is, never "live".
            if (IsHeld(path)) return null;
            throw new IOException($"cannot take the lock {path}: {e.Message}", e);
        }
        if (!recordHolder) return new FileLock(path, stream);
        try
        {
            // Only the holder writes, so the content always names the current (or last) holder.
            var record = new JsonObject
            {
                ["pid"] = Environment.ProcessId,
                ["host"] = Environment.MachineName,
                ["acquired_at"] = Timestamps.Now(),
            };
            byte[] bytes = Encoding.UTF8.GetBytes(PythonJson.Serialize(record) + "\n");
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush();
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        return new FileLock(path, stream);
    }

    /// <summary>Only whether the lock is held now (no holder record read): what a list of 10,000 asks per session.</summary>
    public static bool IsHeld(string path)
    {
        // One stat: missing (most sessions are not live) or a FIFO (which would block the open) is not held.
        if (FileStat.KindOf(path) != FileKind.File) return false;
        try
        {
            // The shared lock .NET takes for this share mode fails exactly when an exclusive one is held.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Whether someone else holds the lock now, and who took it (last). Never creates the file.</summary>
    public static LockProbe Probe(string path)
    {
        // Most lock files exist; checking first avoids an exception per session for the rest.
        if (FileStat.KindOf(path) != FileKind.File) return new LockProbe(false, null);
        try
        {
            // A shared lock, held only while the few bytes are read: it fails exactly when an
            // exclusive lock is held, and never conflicts with another reader.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            byte[] buffer = new byte[Math.Min(4096, Math.Max(0, (int)Math.Min(int.MaxValue, stream.Length)))];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return new LockProbe(false, ParseHolder(buffer.AsSpan(0, read)));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return new LockProbe(false, null);
        }
        catch (IOException)
        {
            var content = UnlockedRead.ReadPrefix(path, 4096);
            return new LockProbe(true, content is null ? null : ParseHolder(content));
        }
    }

    /// <summary>Accepts our JSON record, or "pid host" text from other tools; empty (Python's writer truncates) is unknown.</summary>
    internal static LockHolder? ParseHolder(ReadOnlySpan<byte> content)
    {
        var parsed = JsonFile.Parse(content, ".lock");
        if (parsed.Node is JsonObject obj)
        {
            int? pid = obj["pid"] is JsonValue p && p.TryGetValue(out int n) ? n : null;
            string? host = obj["host"] is JsonValue h && h.TryGetValue(out string? s) ? s : null;
            string? since = obj["acquired_at"] is JsonValue a && a.TryGetValue(out string? t) ? t : null;
            return pid is null && host is null ? null : new LockHolder(pid, host, since);
        }
        string[] words = Encoding.UTF8.GetString(content).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0 && int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out int plainPid))
            return new LockHolder(plainPid, words.Length > 1 ? words[1] : null, null);
        return null;
    }

    public void Dispose()
    {
        // The content stays: after a crash it names the process that held the lock.
        Interlocked.Exchange(ref _stream, null)?.Dispose();
    }
}
