using System.Text;
using SessionBrowser.Shared;

namespace SessionBrowser.Core.Search;

/// <summary>
/// A one-line excerpt around the first match: whitespace runs (newlines included) become one
/// space, escape sequences and bidi controls are dropped whole, a cut is marked with "…", and the
/// match ranges are moved to the excerpt's positions.
/// </summary>
public static class Snippet
{
    public const int DefaultWidth = 160;

    public static (string Text, IReadOnlyList<TextRange> Matches) Build(string text, IReadOnlyList<TextRange> matches, int width = DefaultWidth)
    {
        int focus = matches.Count > 0 ? matches[0].Start : 0;
        // Some context before the match, the rest after it.
        int start = focus < width / 2 ? 0 : focus - width / 4;
        start = BackToWordStart(text, start, focus);
        int end = Math.Min(text.Length, start + width * 2); // room for whitespace that collapses
        var sb = new StringBuilder(width + 2);
        var map = new List<TextRange>();
        if (start > 0) sb.Append('…');
        int visible = 0;
        int i = start;
        bool lastWasSpace = start > 0;
        var offsets = new int[end - start + 1];
        for (; i < end && visible < width; i++)
        {
            offsets[i - start] = sb.Length;
            char c = text[i];
            if (EscapeSequence.Starts(c) || EscapeSequence.IsBidiControl(c))
            {
                // Dropped whole, as the terminal's sanitizer does, so no "]0;title" is left behind.
                int past = Math.Min(end, EscapeSequence.IsBidiControl(c) ? i + 1 : EscapeSequence.End(text, i));
                for (int k = i + 1; k < past; k++) offsets[k - start] = sb.Length;
                i = past - 1;
                continue;
            }
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (lastWasSpace) continue;
                sb.Append(' ');
                lastWasSpace = true;
            }
            else
            {
                sb.Append(c);
                lastWasSpace = false;
            }
            visible++;
        }
        offsets[i - start] = sb.Length;
        bool cut = i < text.Length;
        // Never end inside a surrogate pair.
        if (sb.Length > 0 && char.IsHighSurrogate(sb[^1])) { sb.Length--; offsets[i - start] = sb.Length; cut = true; }
        var trimmed = sb.ToString().TrimEnd();
        foreach (var m in matches)
        {
            if (m.End <= start || m.Start >= i) continue;
            int s = offsets[Math.Max(m.Start, start) - start];
            int e = offsets[Math.Min(m.End, i) - start];
            e = Math.Min(e, trimmed.Length);
            if (e > s) map.Add(new TextRange(s, e - s));
        }
        return (cut ? trimmed + "…" : trimmed, map);
    }

    private static int BackToWordStart(string text, int start, int limit)
    {
        // Start at a word boundary when one is near, so the excerpt does not open mid-word.
        if (start == 0) return 0;
        for (int k = start; k < limit && k < start + 15; k++)
            if (k > 0 && char.IsWhiteSpace(text[k - 1])) return k;
        return start;
    }
}
