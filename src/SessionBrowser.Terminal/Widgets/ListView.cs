using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

public enum ListAction { None, Moved, Marked, Activated }

/// <summary>
/// A scrolling list with a selection and optional multi-select marks. Rows are drawn on demand
/// by <see cref="RowRenderer"/> (index, width) so a list of any length costs only what is
/// visible. Keys: arrows / j k, PgUp PgDn, Home End / g G, Space marks, Enter activates; the
/// mouse selects by click (a click on the selected row activates) and scrolls by wheel.
/// </summary>
public sealed class ListView
{
    private readonly HashSet<int> _marked = [];
    private Rect _area;

    public ListView(Func<int, int, Line> rowRenderer) { RowRenderer = rowRenderer; }

    /// <summary>Draws row <c>index</c> in <c>width</c> columns (the list adds marks, selection and truncation).</summary>
    public Func<int, int, Line> RowRenderer { get; set; }

    public int Count { get; private set; }
    public int Selected { get; private set; }
    /// <summary>The first visible row.</summary>
    public int Offset { get; private set; }
    public bool MultiSelect { get; init; }
    public bool Focused { get; set; } = true;
    public Theme Theme { get; init; } = Theme.Default;
    public IReadOnlyCollection<int> Marked => _marked;

    /// <summary>Sets how many rows there are, keeping the selection in range (and marks that still exist).</summary>
    public void SetCount(int count)
    {
        Count = Math.Max(0, count);
        _marked.RemoveWhere(i => i >= Count);
        Select(Selected);
    }

    public void Select(int index)
    {
        Selected = Count == 0 ? 0 : Math.Clamp(index, 0, Count - 1);
        ScrollIntoView();
    }

    public bool IsMarked(int index) => _marked.Contains(index);

    public void ToggleMark(int index)
    {
        if (index < 0 || index >= Count) return;
        if (!_marked.Remove(index)) _marked.Add(index);
    }

    public void ClearMarks() => _marked.Clear();

    public void Render(Rendering.Buffer buffer, Rect area)
    {
        _area = area;
        ScrollIntoView();
        int markWidth = MultiSelect ? 2 : 0;
        for (int row = 0; row < area.Height; row++)
        {
            int index = Offset + row;
            if (index >= Count) break;
            var rowArea = area.Row(row);
            bool selected = index == Selected;
            if (selected) buffer.Fill(rowArea, Focused ? Theme.Selected : Theme.SelectedUnfocused);
            if (MultiSelect && _marked.Contains(index)) buffer.SetString(rowArea.X, rowArea.Y, "●", Theme.Mark, rowArea);
            var textArea = rowArea.Inset(markWidth, 0, 0, 0);
            buffer.SetLineTruncated(textArea, RowRenderer(index, textArea.Width));
        }
    }

    public ListAction Handle(InputEvent e)
    {
        int page = Math.Max(1, _area.Height - 1);
        switch (e)
        {
            case KeyEvent { Key: Key.Up } or KeyEvent { Key: Key.Char, Char.Value: 'k', Modifiers: KeyModifiers.None }:
                return Move(Selected - 1);
            case KeyEvent { Key: Key.Down } or KeyEvent { Key: Key.Char, Char.Value: 'j', Modifiers: KeyModifiers.None }:
                return Move(Selected + 1);
            case KeyEvent { Key: Key.PageUp }: return Move(Selected - page);
            case KeyEvent { Key: Key.PageDown }: return Move(Selected + page);
            case KeyEvent { Key: Key.Home } or KeyEvent { Key: Key.Char, Char.Value: 'g', Modifiers: KeyModifiers.None }:
                return Move(0);
            case KeyEvent { Key: Key.End } or KeyEvent { Key: Key.Char, Char.Value: 'G' }:
                return Move(Count - 1);
            case KeyEvent { Key: Key.Enter } when Count > 0:
                return ListAction.Activated;
            case KeyEvent { Key: Key.Char, Char.Value: ' ', Modifiers: KeyModifiers.None } when MultiSelect && Count > 0:
                ToggleMark(Selected);
                Move(Selected + 1);
                return ListAction.Marked;
            case MouseEvent { Button: MouseButton.WheelUp } m when _area.Contains(m.X, m.Y):
                return Move(Selected - 3);
            case MouseEvent { Button: MouseButton.WheelDown } m when _area.Contains(m.X, m.Y):
                return Move(Selected + 3);
            case MouseEvent { IsLeftClick: true } m when _area.Contains(m.X, m.Y):
                int index = Offset + (m.Y - _area.Y);
                if (index >= Count) return ListAction.None;
                if (index == Selected) return ListAction.Activated;
                Select(index);
                return ListAction.Moved;
        }
        return ListAction.None;
    }

    private ListAction Move(int index)
    {
        int before = Selected;
        Select(index);
        return Selected == before ? ListAction.None : ListAction.Moved;
    }

    private void ScrollIntoView()
    {
        int height = Math.Max(1, _area.Height);
        if (Selected < Offset) Offset = Selected;
        else if (Selected >= Offset + height) Offset = Selected - height + 1;
        Offset = Math.Clamp(Offset, 0, Math.Max(0, Count - height));
    }
}
