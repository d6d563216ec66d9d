namespace SessionBrowser.Core.Storage;

/// <summary>Finds where the last lines of a file start by reading backwards, so "last N" costs what N lines cost.</summary>
public static class JsonLinesTail
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// The offset of a line start at or before the last <paramref name="count"/> lines (a few spare
    /// lines are included so damaged or blank lines do not leave the caller short). 0 for a short
    /// or missing file.
    /// </summary>
    public static long OffsetOfLastLines(string path, int count)
    {
        int wanted = count + 8;
        FileStream stream;
        try
        {
            stream = RegularFile.OpenRead(path, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return 0;
        }
        using (stream)
        {
            long position = stream.Length;
            byte[] chunk = new byte[ChunkSize];
            int newlines = 0;
            bool first = true;
            while (position > 0)
            {
                int size = (int)Math.Min(ChunkSize, position);
                position -= size;
                stream.Seek(position, SeekOrigin.Begin);
                stream.ReadExactly(chunk, 0, size);
                for (int i = size - 1; i >= 0; i--)
                {
                    if (chunk[i] != (byte)'\n') continue;
                    // The newline that ends the file closes the last line; it does not start one.
                    if (first && position + i == stream.Length - 1) { first = false; continue; }
                    first = false;
                    if (++newlines >= wanted) return position + i + 1;
                }
                first = false;
            }
            return 0;
        }
    }
}
