using System.Text;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// Replaces a file so that readers see the old or the new content, never a mix: the bytes go
/// to a temporary file in the same folder (same file system, so the rename is atomic), are
/// flushed to disk, and the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void WriteAllText(string path, string content, bool flush = true) => WriteAllBytes(path, Utf8NoBom.GetBytes(content), flush);

    /// <param name="path">The file to replace.</param>
    /// <param name="content">Its new bytes.</param>
    /// <param name="flush">False when the caller makes a batch of files durable at once (<see cref="DiskSync"/>).</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content, bool flush = true)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        // A leading dot keeps the temporary file out of every listing of the folder.
        string temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: flush);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
