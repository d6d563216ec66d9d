using System.Globalization;

namespace SessionBrowser.Terminal.Rendering;

/// <summary>One grapheme cluster inside a string: where it is and how many columns it takes.</summary>
public readonly record struct Grapheme(int Start, int Length, int Width, bool IsTab)
{
    /// <summary>Zero-width graphemes (control characters, a stray combining mark) are never drawn.</summary>
    public bool IsDrawable => Width > 0;
}

/// <summary>Enumerates the grapheme clusters of a string without allocating.</summary>
public ref struct Graphemes
{
    private readonly string _text;
    private int _next;

    private Graphemes(string text) { _text = text; _next = 0; Current = default; }

    public static Graphemes Of(string text) => new(text);

    public readonly Graphemes GetEnumerator() => this;

    public Grapheme Current { get; private set; }

    public bool MoveNext()
    {
        if (_next >= _text.Length) return false;
        int start = _next;
        char c = _text[start];
        int length;
        // Fast path: printable ASCII followed by ASCII (or the end) is a grapheme on its own.
        if (c is >= ' ' and < '\x7f' && (start + 1 == _text.Length || _text[start + 1] < 0x7f))
            length = 1;
        else
            length = StringInfo.GetNextTextElementLength(_text.AsSpan(start));
        if (length <= 0) length = 1;
        _next = start + length;
        bool isTab = c == '\t';
        int width = isTab ? 0 : length == 1 ? CellWidth.OfRune(c) : CellWidth.OfGrapheme(_text.AsSpan(start, length));
        Current = new Grapheme(start, length, width, isTab);
        return true;
    }

    /// <summary>The grapheme's text, shared for single characters so drawing plain text does not allocate.</summary>
    public static string Text(string source, Grapheme g) =>
        g.Length == source.Length ? source
        : g.Length == 1 ? SingleChar(source[g.Start])
        : source.Substring(g.Start, g.Length);

    private static readonly string?[] SingleChars = new string?[0x10000];

    internal static string SingleChar(char c) => SingleChars[c] ??= c.ToString();
}
