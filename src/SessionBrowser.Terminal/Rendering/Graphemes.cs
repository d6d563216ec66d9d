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
        // Fast path: a common character that nothing can join, followed by another (or the end),
        // is a grapheme on its own; everything else asks the UAX #29 segmenter.
        if (IsStandalone(c) && (start + 1 == _text.Length || IsStandalone(_text[start + 1])))
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

    /// <summary>
    /// Printable ASCII and Latin, kana, CJK ideographs and Hangul syllables: characters that
    /// never combine with a neighbour into one grapheme (the ideographic tone marks and kana
    /// voicing marks, which do, are left out).
    /// </summary>
    private static bool IsStandalone(char c) => c switch
    {
        >= ' ' and < '\x7f' => true,
        >= '\xa0' and < '\u0300' => true,
        >= '\u3000' and <= '\u3029' or >= '\u3030' and <= '\u3098' or >= '\u309b' and <= '\u30ff' => true,
        >= '\u3400' and <= '\u4dbf' or >= '\u4e00' and <= '\u9fff' or >= '\uac00' and <= '\ud7a3' => true,
        _ => false,
    };

    /// <summary>The grapheme's text, shared for single characters so drawing plain text does not allocate.</summary>
    public static string Text(string source, Grapheme g) =>
        g.Length == source.Length ? source
        : g.Length == 1 ? SingleChar(source[g.Start])
        : source.Substring(g.Start, g.Length);

    private static readonly string?[] SingleChars = new string?[0x10000];

    internal static string SingleChar(char c) => SingleChars[c] ??= c.ToString();
}
