namespace SessionBrowser.Terminal.Rendering;

/// <summary>One cell that differs from the previous frame.</summary>
public readonly record struct CellChange(int X, int Y, Cell Cell);

/// <summary>Finds the cells that changed between two frames of the same size.</summary>
public static class BufferDiff
{
    /// <summary>
    /// The changed cells in screen order. The second column of a wide grapheme is never reported:
    /// printing the grapheme fills it. Buffers of different sizes compare as entirely changed.
    /// </summary>
    public static List<CellChange> Compute(Buffer previous, Buffer next)
    {
        var changes = new List<CellChange>();
        Compute(previous, next, changes);
        return changes;
    }

    /// <summary>Like <see cref="Compute(Buffer, Buffer)"/>, into a list the caller reuses from frame to frame.</summary>
    public static void Compute(Buffer previous, Buffer next, List<CellChange> changes)
    {
        changes.Clear();
        bool sameSize = previous.Width == next.Width && previous.Height == next.Height;
        for (int y = 0; y < next.Height; y++)
        {
            var nextRow = next.Row(y);
            var prevRow = sameSize ? previous.Row(y) : default;
            for (int x = 0; x < nextRow.Length; x++)
            {
                var cell = nextRow[x];
                if (cell.IsContinuation) continue;
                if (sameSize && cell.Equals(prevRow[x])) continue;
                changes.Add(new CellChange(x, y, cell));
            }
        }
    }
}
