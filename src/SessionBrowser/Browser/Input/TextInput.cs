using System.Globalization;

namespace SessionBrowser.Browser.Input;

/// <summary>What a key does to a text field; the keys are in <see cref="KeyMap"/>'s text-field context.</summary>
public enum TextEdit
{
    Left, Right, WordLeft, WordRight, Start, End,
    DeleteBack, DeleteForward, DeleteWordBack, DeleteWordForward, DeleteToStart, DeleteToEnd,
}

/// <summary>
/// The one text field of the browser (search box and every input dialog): immutable text and a
/// cursor at a grapheme boundary. Words are runs of non-spaces, as in a shell.
/// </summary>
public sealed record TextInput(string Text = "", int Cursor = 0)
{
    public static TextInput At(string text) => new(text, text.Length);

    /// <summary>The edit a text-field command makes; null for other commands.</summary>
    public static TextEdit? EditOf(Command command) => command switch
    {
        Command.CursorLeft => TextEdit.Left,
        Command.CursorRight => TextEdit.Right,
        Command.WordLeft => TextEdit.WordLeft,
        Command.WordRight => TextEdit.WordRight,
        Command.LineStart => TextEdit.Start,
        Command.LineEnd => TextEdit.End,
        Command.DeleteBack => TextEdit.DeleteBack,
        Command.DeleteForward => TextEdit.DeleteForward,
        Command.DeleteWordBack => TextEdit.DeleteWordBack,
        Command.DeleteWordForward => TextEdit.DeleteWordForward,
        Command.DeleteToStart => TextEdit.DeleteToStart,
        Command.DeleteToEnd => TextEdit.DeleteToEnd,
        _ => null,
    };

    public string BeforeCursor => Text[..Math.Clamp(Cursor, 0, Text.Length)];

    public TextInput Insert(string typed) => this with { Text = Text.Insert(Cursor, typed), Cursor = Cursor + typed.Length };

    public TextInput Apply(TextEdit edit) => edit switch
    {
        TextEdit.Left => this with { Cursor = PrevGrapheme(Text, Cursor) },
        TextEdit.Right => this with { Cursor = NextGrapheme(Text, Cursor) },
        TextEdit.WordLeft => this with { Cursor = WordStart(Text, Cursor) },
        TextEdit.WordRight => this with { Cursor = WordEnd(Text, Cursor) },
        TextEdit.Start => this with { Cursor = 0 },
        TextEdit.End => this with { Cursor = Text.Length },
        TextEdit.DeleteBack => Cut(PrevGrapheme(Text, Cursor), Cursor),
        TextEdit.DeleteForward => Cut(Cursor, NextGrapheme(Text, Cursor)),
        TextEdit.DeleteWordBack => Cut(WordStart(Text, Cursor), Cursor),
        TextEdit.DeleteWordForward => Cut(Cursor, WordEnd(Text, Cursor)),
        TextEdit.DeleteToStart => Cut(0, Cursor),
        TextEdit.DeleteToEnd => Cut(Cursor, Text.Length),
        _ => this,
    };

    private TextInput Cut(int from, int to) =>
        from >= to ? this : new TextInput(Text.Remove(from, to - from), from);

    private static int WordStart(string text, int at)
    {
        while (at > 0 && text[at - 1] == ' ') at--;
        while (at > 0 && text[at - 1] != ' ') at--;
        return at;
    }

    private static int WordEnd(string text, int at)
    {
        while (at < text.Length && text[at] == ' ') at++;
        while (at < text.Length && text[at] != ' ') at++;
        return at;
    }

    private static int PrevGrapheme(string text, int at)
    {
        if (at <= 0) return 0;
        int prev = 0;
        foreach (int start in StringInfo.ParseCombiningCharacters(text))
        {
            if (start >= at) break;
            prev = start;
        }
        return prev;
    }

    private static int NextGrapheme(string text, int at)
    {
        if (at >= text.Length) return text.Length;
        foreach (int start in StringInfo.ParseCombiningCharacters(text))
            if (start > at) return start;
        return text.Length;
    }
}
