using System.Text;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Commands.Output;

/// <summary>A column of a <see cref="TextTable"/>. The one flexible column gives up width when the screen is narrow.</summary>
internal sealed record TextColumn(string Header, bool AlignRight = false, bool Flexible = false, int MinimumWidth = 8);

/// <summary>
/// A plain-text table sized to the screen: columns as wide as their widest cell, and when the
/// row does not fit, the flexible column (the title) is cut with an ellipsis. Widths are in
/// terminal cells, so CJK and emoji line up.
/// </summary>
internal sealed class TextTable(params TextColumn[] columns)
{
    private const string Gap = "  ";
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != columns.Length) throw new ArgumentException($"expected {columns.Length} cells, got {cells.Length}");
        _rows.Add([.. cells.Select(SessionWording.OneLine)]);
    }

    public void Write(TextWriter output, int width)
    {
        int[] widths = [.. columns.Select((column, i) => Math.Max(CellWidth.Of(column.Header), _rows.Count == 0 ? 0 : _rows.Max(row => CellWidth.Of(row[i]))))];
        int flexible = Array.FindIndex(columns, column => column.Flexible);
        int total = widths.Sum() + Gap.Length * (columns.Length - 1);
        if (flexible >= 0 && total > width)
            widths[flexible] = Math.Max(columns[flexible].MinimumWidth, widths[flexible] - (total - width));

        WriteRow(output, [.. columns.Select(column => column.Header)], widths);
        foreach (var row in _rows) WriteRow(output, row, widths);
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            string text = TextLayout.Truncate(cells[i], widths[i]);
            string padding = new(' ', widths[i] - CellWidth.Of(text));
            bool last = i == cells.Length - 1;
            if (columns[i].AlignRight) line.Append(padding).Append(text);
            else line.Append(text).Append(last ? "" : padding);
            if (!last) line.Append(Gap);
        }
        output.WriteLine(line.ToString().TrimEnd());
    }
}
