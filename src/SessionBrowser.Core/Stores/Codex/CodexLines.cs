using SessionBrowser.Core.Storage;
using ZstdSharp;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// The lines of a rollout with their byte offsets. A <c>.jsonl.zst</c> (older archived rollouts)
/// is decompressed in memory and its offsets count decompressed bytes, so the same readers serve
/// both; a file that does not decompress is one damaged line, never an exception.
/// </summary>
internal static class CodexLines
{
    /// <summary>Decompressed rollouts larger than this are not read (shown as damaged): archived files are small.</summary>
    private const long MaxDecompressed = 512L * 1024 * 1024;

    public static IEnumerable<JsonLine> Read(string path, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        path.EndsWith(".zst", StringComparison.Ordinal) ? ReadCompressed(path, fromOffset, cancellationToken) : JsonLines.ReadLines(path, fromOffset, cancellationToken);

    /// <summary>
    /// Every line, for a summary: a plain rollout is read in one piece where it can be
    /// (<see cref="WholeLines"/>); <paramref name="stamped"/> is told the file's stamp taken before reading.
    /// </summary>
    public static IEnumerable<JsonLine> ReadWhole(string path, WholeLines.Stamped stamped, CancellationToken cancellationToken = default)
    {
        if (!path.EndsWith(".zst", StringComparison.Ordinal)) return WholeLines.Read(path, cancellationToken, stamped);
        stamped(FileStamp.Of(path), false);
        return ReadCompressed(path, 0, cancellationToken);
    }

    private static IEnumerable<JsonLine> ReadCompressed(string path, long fromOffset, CancellationToken cancellationToken)
    {
        byte[] bytes;
        string? error = null;
        try
        {
            bytes = Decompress(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ZstdException or InvalidDataException)
        {
            // One unreadable "line" (not JSON) stands for the file, so the session shows as damaged.
            bytes = [];
            error = "zstd: " + e.Message;
        }
        if (error is not null)
        {
            if (fromOffset == 0) yield return new JsonLine(0, System.Text.Encoding.UTF8.GetBytes(error), false);
            yield break;
        }
        int start = (int)Math.Min(fromOffset, bytes.Length);
        while (start < bytes.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            int end = newline < 0 ? bytes.Length : newline;
            if (end > start && !bytes.AsSpan(start, end - start).Trim(" \t\r"u8).IsEmpty)
                yield return new JsonLine(start, bytes.AsMemory(start, end - start), newline >= 0);
            start = end + 1;
        }
    }

    private static byte[] Decompress(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var zstd = new DecompressionStream(file);
        using var output = new MemoryStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = zstd.Read(buffer)) > 0)
        {
            if (output.Length + read > MaxDecompressed) throw new InvalidDataException("decompressed rollout is larger than 512 MB");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}
