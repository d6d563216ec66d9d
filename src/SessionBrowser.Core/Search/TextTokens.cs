using System.Globalization;
using System.Buffers;
using System.Text;

namespace SessionBrowser.Core.Search;

/// <summary>One word of a text: where it is (UTF-16 start and length) and its folded form.</summary>
public readonly record struct Token(int Start, int Length, string Folded);

/// <summary>
/// The one word-splitting rule shared by the SQLite index and the plain scan, so both find the
/// same things. It follows FTS5's unicode61 tokenizer (letters, digits and marks make words;
/// case and common Latin accents are folded) and adds one thing unicode61 lacks: every CJK
/// character is a word of its own, so "日本" is found inside "日本語" (searched as the phrase
/// "日 本"). In the index the CJK split is made visible to SQLite by <see cref="IndexSeparator"/>.
/// </summary>
public static class TextTokens
{
    /// <summary>INVISIBLE SEPARATOR, declared a separator to the FTS5 tokenizer and put between CJK characters.</summary>
    public const char IndexSeparator = '\u2063';

    /// <summary>The FTS5 tokenizer definition that matches <see cref="Tokenize"/>.</summary>
    public const string Fts5Tokenizer = "unicode61 remove_diacritics 2 separators '\u2063'";

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            var rune = RuneAt(text, i);
            if (IsCjk(rune.Value))
            {
                tokens.Add(new Token(i, rune.Utf16SequenceLength, Fold(text.AsSpan(i, rune.Utf16SequenceLength))));
                i += rune.Utf16SequenceLength;
                continue;
            }
            if (!IsWordChar(rune)) { i += rune.Utf16SequenceLength; continue; }
            int start = i;
            while (i < text.Length)
            {
                var r = RuneAt(text, i);
                if (!IsWordChar(r) || IsCjk(r.Value)) break;
                i += r.Utf16SequenceLength;
            }
            var folded = Fold(text.AsSpan(start, i - start));
            if (folded.Length > 0) tokens.Add(new Token(start, i - start, folded));
        }
        return tokens;
    }

    /// <summary>The text as stored in the FTS5 table: CJK characters set apart by <see cref="IndexSeparator"/>.</summary>
    public static string ForIndex(string text)
    {
        StringBuilder? sb = null;
        bool previousCjk = false;
        for (int i = 0; i < text.Length;)
        {
            var rune = RuneAt(text, i);
            bool cjk = IsCjk(rune.Value);
            if (cjk && previousCjk)
            {
                sb ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
                sb.Append(IndexSeparator);
            }
            sb?.Append(text, i, rune.Utf16SequenceLength);
            previousCjk = cjk;
            i += rune.Utf16SequenceLength;
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>The most bytes <see cref="AppendForIndex"/> writes for <paramref name="utf8Length"/> bytes of text (a separator per CJK character at most).</summary>
    public static int MaxForIndexLength(int utf8Length) => utf8Length * 2;

    /// <summary>
    /// <see cref="ForIndex"/> on UTF-8, for the indexer's hot path (no string): writes the text
    /// into <paramref name="into"/> (at least <see cref="MaxForIndexLength"/> long) with
    /// <see cref="IndexSeparator"/> between CJK characters; returns the bytes written. Runs of
    /// ASCII, which hold no CJK, are copied whole.
    /// </summary>
    public static int AppendForIndex(ReadOnlySpan<byte> utf8, Span<byte> into)
    {
        ReadOnlySpan<byte> separator = "\u2063"u8;
        int written = 0;
        bool previousCjk = false;
        while (utf8.Length > 0)
        {
            int ascii = utf8.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (ascii != 0)
            {
                int run = ascii < 0 ? utf8.Length : ascii;
                utf8[..run].CopyTo(into[written..]);
                written += run;
                utf8 = utf8[run..];
                previousCjk = false;
                continue;
            }
            // Invalid UTF-8 decodes as U+FFFD (not CJK), as ForIndex treats a lone surrogate.
            Rune.DecodeFromUtf8(utf8, out var rune, out int consumed);
            bool cjk = IsCjk(rune.Value);
            if (cjk && previousCjk)
            {
                separator.CopyTo(into[written..]);
                written += separator.Length;
            }
            utf8[..consumed].CopyTo(into[written..]);
            written += consumed;
            utf8 = utf8[consumed..];
            previousCjk = cjk;
        }
        return written;
    }

    /// <summary>Lower case, Latin accents removed (what unicode61 with remove_diacritics does for them).</summary>
    public static string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        int n = 0;
        foreach (char c in word)
        {
            if (char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark) continue;
            char lower = char.ToLowerInvariant(c);
            buffer[n++] = lower is >= '\u00C0' and <= '\u017F' ? LatinBase(lower) : lower;
        }
        return new string(buffer[..n]);
    }

    public static bool IsCjk(int codePoint) =>
        codePoint is >= 0x3040 and <= 0x30FF      // Hiragana, Katakana
            or >= 0x3400 and <= 0x4DBF            // CJK extension A
            or >= 0x4E00 and <= 0x9FFF            // CJK unified ideographs
            or >= 0xAC00 and <= 0xD7AF            // Hangul syllables
            or >= 0xF900 and <= 0xFAFF            // CJK compatibility ideographs
            or >= 0x20000 and <= 0x2FA1F;         // CJK extensions B and later

    private static bool IsWordChar(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    private static Rune RuneAt(string text, int index) =>
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _) == OperationStatus.Done ? rune : Rune.ReplacementChar;

    // Folding table for U+00C0–U+017F (lower case): the base letter where the character is a
    // letter plus an accent, the character itself where it is a letter of its own (æ, ø, ß, đ, ł …).
    private const string LatinFolds =
        "aaaaaaæceeeeiiii" + "ðnooooo×øuuuuyþß" +   // U+00C0–U+00DF
        "aaaaaaæceeeeiiii" + "ðnooooo÷øuuuuyþy" +   // U+00E0–U+00FF
        "aaaaaaccccccccdd" + "đđeeeeeeeeeegggg" +   // U+0100–U+011F
        "gggghhħħiiiiiiii" + "iıĳĳjjkkĸllllllŀ" +   // U+0120–U+013F
        "ŀłłnnnnnnŉŋŋoooo" + "ooœœrrrrrrssssss" +   // U+0140–U+015F
        "ssttttŧŧuuuuuuuu" + "uuuuwwyyyzzzzzzſ";    // U+0160–U+017F

    private static char LatinBase(char c) => LatinFolds[c - '\u00C0'];
}
