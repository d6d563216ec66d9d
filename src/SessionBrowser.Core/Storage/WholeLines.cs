namespace SessionBrowser.Core.Storage;

/// <summary>
/// The lines of a JSONL file read start to end for a summary (a first list reads 20,000 agent
/// transcripts this way): a file of up to <see cref="MaxWholeBytes"/> is read in one piece into a
/// buffer this thread keeps, instead of a stream and fresh 4 KB and 64 KB buffers per file (a
/// sixth of a cold list's CPU went to allocating, clearing and collecting those, and the path
/// readers' checks and FileStream cost ~10 system calls more per file). The lines, offsets and
/// "ended with a newline" are <see cref="JsonLines.ReadLines(string, long, CancellationToken)"/>'s;
/// anything the quick read does not take (a link, a FIFO, a larger file, a missing one, a file
/// locked exclusively, any error) is read by that reader, whose rules and errors stay the only ones.
/// </summary>
public static class WholeLines
{
    /// <summary>Larger files are streamed: the buffer kept per thread stays small.</summary>
    public const int MaxWholeBytes = 1024 * 1024;

    private const int FirstBufferSize = 64 * 1024;

    [ThreadStatic]
    private static byte[]? _spare;

    /// <summary>What was read: the file's stamp taken before reading; <paramref name="whole"/> when it was read in one piece (a regular file, not a link).</summary>
    public delegate void Stamped(FileStamp stamp, bool whole);

    /// <summary>
    /// The file's lines; <paramref name="stamped"/> is called before the first line (see <see cref="Stamped"/>;
    /// a streamed file is stamped by <see cref="FileStamp.Of(string)"/>). A line's bytes are only valid until the next line is read.
    /// </summary>
    public static IEnumerable<JsonLine> Read(string path, CancellationToken cancellationToken = default, Stamped? stamped = null)
    {
        // Taken, not shared: a second read on this thread while this one is enumerated gets its own buffer.
        byte[] buffer = _spare ?? new byte[FirstBufferSize];
        _spare = null;
        try
        {
            int length = FolderHandle.ReadFileAt(path, MaxWholeBytes, ref buffer, out var read);
            if (length < 0)
            {
                stamped?.Invoke(FileStamp.Of(path), false);
                foreach (var line in JsonLines.ReadLines(path, 0, cancellationToken)) yield return line;
                yield break;
            }
            stamped?.Invoke(read, true);
            foreach (var line in JsonLines.LinesIn(buffer.AsMemory(0, length), whole: true))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return line;
            }
        }
        finally
        {
            _spare = buffer;
        }
    }
}
