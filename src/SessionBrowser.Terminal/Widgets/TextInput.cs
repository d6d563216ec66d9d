using System.Globalization;
using System.Text;
using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>
/// A single-line text field. The cursor moves by grapheme; Ctrl+Left/Right and Alt+B/F move by
/// word; Home/End and Ctrl+A/E jump; Backspace/Delete, Ctrl+W (word back), Alt+D (word forward),
/// Ctrl+U (to start) and Ctrl+K (to end) delete. Pasted text is cleaned of control characters and
/// joined onto one line.
/// </summary>
public sealed class TextInput
{
    private int _scroll;

    public string Text { get; private set; } = "";
    /// <summary>The cursor as a char index into <see cref="Text"/>, always on a grapheme boundary.</summary>
    public int Cursor { get; private set; }
    public string Placeholder { get; init; } = "";
    public int MaxLength { get; init; } = 4096;
    public Theme Theme { get; init; } = Theme.Default;

    public void SetText(string text)
    {
        Text = Clean(text);
        Cursor = Text.Length;
    }

    /// <summary>Returns true when the text changed (the caller may re-run a search).</summary>
    public bool Handle(InputEvent e)
    {
        var before = Text;
        switch (e)
        {
            case PasteEvent paste: Insert(paste.Text); break;
            case KeyEvent k: HandleKey(k); break;
        }
        return Text != before;
    }

    private void HandleKey(KeyEvent k)
    {
        bool ctrl = k.Ctrl, alt = k.Alt;
        switch (k.Key)
        {
            case Key.Left when ctrl || alt: Cursor = WordLeft(Cursor); return;
            case Key.Right when ctrl || alt: Cursor = WordRight(Cursor); return;
            case Key.Left: Cursor = PreviousBoundary(Cursor); return;
            case Key.Right: Cursor = NextBoundary(Cursor); return;
            case Key.Home: Cursor = 0; return;
            case Key.End: Cursor = Text.Length; return;
            case Key.Backspace when ctrl || alt: DeleteRange(WordLeft(Cursor), Cursor); return;
            case Key.Backspace: DeleteRange(PreviousBoundary(Cursor), Cursor); return;
            case Key.Delete: DeleteRange(Cursor, NextBoundary(Cursor)); return;
            case Key.Char when ctrl && !alt:
                switch (k.Char.Value)
                {
                    case 'a': Cursor = 0; break;
                    case 'e': Cursor = Text.Length; break;
                    case 'b': Cursor = PreviousBoundary(Cursor); break;
                    case 'f': Cursor = NextBoundary(Cursor); break;
                    case 'w': DeleteRange(WordLeft(Cursor), Cursor); break;
                    case 'u': DeleteRange(0, Cursor); break;
                    case 'k': DeleteRange(Cursor, Text.Length); break;
                    case 'h': DeleteRange(PreviousBoundary(Cursor), Cursor); break;
                    case 'd': DeleteRange(Cursor, NextBoundary(Cursor)); break;
                }
                return;
            case Key.Char when alt:
                switch (k.Char.Value)
                {
                    case 'b': Cursor = WordLeft(Cursor); break;
                    case 'f': Cursor = WordRight(Cursor); break;
                    case 'd': DeleteRange(Cursor, WordRight(Cursor)); break;
                }
                return;
            case Key.Char:
                Insert(k.Char.ToString());
                return;
        }
    }

    private void Insert(string text)
    {
        text = Clean(text);
        int room = MaxLength - Text.Length;
        if (room <= 0 || text.Length == 0) return;
        if (text.Length > room) text = text[..room];
        Text = Text.Insert(Cursor, text);
        Cursor += text.Length;
        // A combining mark typed after a letter joins its grapheme; keep the cursor on a boundary.
        Cursor = NextBoundary(PreviousBoundary(Cursor));
    }

    private void DeleteRange(int from, int to)
    {
        if (to <= from) return;
        Text = Text.Remove(from, to - from);
        Cursor = from;
    }

    /// <summary>Newlines and tabs become spaces; other control characters and escape sequences go.</summary>
    private static string Clean(string text)
    {
        var cleaned = TextSanitizer.Clean(text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\t', ' '));
        return cleaned;
    }

    private int NextBoundary(int index)
    {
        if (index >= Text.Length) return Text.Length;
        return index + StringInfo.GetNextTextElementLength(Text.AsSpan(index));
    }

    private int PreviousBoundary(int index)
    {
        int last = 0;
        foreach (var g in Graphemes.Of(Text))
        {
            if (g.Start >= index) break;
            last = g.Start;
        }
        return Math.Min(last, index);
    }

    private int WordLeft(int index)
    {
        int i = index;
        while (i > 0 && !IsWordChar(Text[i - 1])) i--;
        while (i > 0 && IsWordChar(Text[i - 1])) i--;
        return i;
    }

    private int WordRight(int index)
    {
        int i = index;
        while (i < Text.Length && !IsWordChar(Text[i])) i++;
        while (i < Text.Length && IsWordChar(Text[i])) i++;
        return i;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || char.IsSurrogate(c);

    /// <summary>
    /// Draws the text (or the dimmed placeholder) in the first row of the area, scrolled so the
    /// cursor is visible; returns where the terminal cursor should be shown.
    /// </summary>
    public (int X, int Y) Render(Rendering.Buffer buffer, Rect area, Style? style = null)
    {
        var row = area.Row(0);
        if (row.Width <= 0) return (area.X, area.Y);
        if (Text.Length == 0)
        {
            buffer.SetStringTruncated(row, Placeholder, Theme.Dim);
            _scroll = 0;
            return (row.X, row.Y);
        }
        int cursorColumn = CellWidth.Of(Text[..Cursor]);
        if (cursorColumn < _scroll) _scroll = cursorColumn;
        if (cursorColumn >= _scroll + row.Width) _scroll = cursorColumn - row.Width + 1;
        buffer.SetString(row.X - _scroll, row.Y, Text, style ?? Theme.Text, row);
        return (row.X + cursorColumn - _scroll, row.Y);
    }

    public override string ToString() => new StringBuilder(Text).Insert(Cursor, '|').ToString();
}
