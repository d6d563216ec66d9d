using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

public enum DialogResult { None, Chosen, Cancelled }

/// <summary>
/// A modal box with a title, a wrapped message and a row of buttons, centred over whatever is
/// behind it. Left/Right/Tab move between buttons, Enter chooses, Esc cancels, a button's first
/// letter chooses it, and a click on a button chooses it.
/// </summary>
public sealed class Dialog
{
    private readonly List<Rect> _buttonRects = [];

    public Dialog(string title, string message, params string[] buttons)
    {
        Title = title;
        Message = message;
        Buttons = buttons.Length > 0 ? buttons : ["OK"];
    }

    public string Title { get; }
    public string Message { get; }
    public IReadOnlyList<string> Buttons { get; }
    /// <summary>The focused button; after <see cref="DialogResult.Chosen"/>, the one chosen.</summary>
    public int Selected { get; set; }
    /// <summary>Draws the title in the danger style (for confirmations that delete or overwrite).</summary>
    public bool Danger { get; init; }
    public int MaxWidth { get; init; } = 70;
    public Theme Theme { get; init; } = Theme.Default;

    /// <summary>Where the dialog was drawn last.</summary>
    public Rect Area { get; private set; }

    public void Render(Rendering.Buffer buffer, Rect screen)
    {
        int buttonsWidth = Buttons.Sum(b => CellWidth.Of(b) + 4) + (Buttons.Count - 1);
        int width = Math.Min(screen.Width, Math.Max(Math.Max(buttonsWidth, CellWidth.Of(Title) + 6) + 4, Math.Min(MaxWidth, CellWidth.Of(Message) + 4)));
        var lines = TextLayout.Wrap(Message, Math.Max(1, width - 4));
        int height = Math.Min(screen.Height, lines.Count + 5);
        Area = new Rect(screen.X + (screen.Width - width) / 2, screen.Y + (screen.Height - height) / 2, width, height);

        buffer.Fill(Area, Cell.Blank);
        var inner = Border.Draw(buffer, Area, Title, Danger ? Theme.Danger : Theme.FocusedBorder, Danger ? Theme.Danger : Theme.Title);
        var textArea = inner.Inset(1, 0, 1, 0);
        for (int i = 0; i < lines.Count && i < textArea.Height - 2; i++)
            buffer.SetString(textArea.X, textArea.Y + i, lines[i], Theme.Text, textArea);

        _buttonRects.Clear();
        int x = inner.X + Math.Max(0, (inner.Width - buttonsWidth) / 2);
        int y = inner.Bottom - 1;
        for (int i = 0; i < Buttons.Count; i++)
        {
            var label = $"[ {Buttons[i]} ]";
            var rect = new Rect(x, y, CellWidth.Of(label), 1).Intersect(inner);
            _buttonRects.Add(rect);
            buffer.SetString(x, y, label, i == Selected ? Theme.Selected : Theme.Text, inner);
            x += rect.Width + 1;
        }
    }

    public DialogResult Handle(InputEvent e)
    {
        switch (e)
        {
            case KeyEvent { Key: Key.Escape }: return DialogResult.Cancelled;
            case KeyEvent { Key: Key.Enter }: return DialogResult.Chosen;
            case KeyEvent { Key: Key.Left } or KeyEvent { Key: Key.Tab, Shift: true } or KeyEvent { Key: Key.Char, Char.Value: 'h', Modifiers: KeyModifiers.None }:
                Selected = (Selected + Buttons.Count - 1) % Buttons.Count;
                return DialogResult.None;
            case KeyEvent { Key: Key.Right } or KeyEvent { Key: Key.Tab } or KeyEvent { Key: Key.Char, Char.Value: 'l', Modifiers: KeyModifiers.None }:
                Selected = (Selected + 1) % Buttons.Count;
                return DialogResult.None;
            case KeyEvent { Key: Key.Char, Modifiers: KeyModifiers.None or KeyModifiers.Shift } k:
                int hot = HotkeyIndex(k.Char.ToString());
                if (hot < 0) return DialogResult.None;
                Selected = hot;
                return DialogResult.Chosen;
            case MouseEvent { IsLeftClick: true } m:
                int hit = HitTest(m.X, m.Y);
                if (hit < 0) return DialogResult.None;
                Selected = hit;
                return DialogResult.Chosen;
        }
        return DialogResult.None;
    }

    /// <summary>The button at a screen position, or -1.</summary>
    public int HitTest(int x, int y) => _buttonRects.FindIndex(r => r.Contains(x, y));

    /// <summary>The button whose label starts with the letter, when exactly one does.</summary>
    private int HotkeyIndex(string letter)
    {
        var matches = Enumerable.Range(0, Buttons.Count)
            .Where(i => Buttons[i].StartsWith(letter, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1 ? matches[0] : -1;
    }
}
