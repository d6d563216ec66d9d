using System.Globalization;
using System.Text;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

/// <summary>
/// Reads the search syntax:
/// <list type="bullet">
/// <item><c>word</c> — a word; <c>word*</c> — any word starting so; all words must match.</item>
/// <item><c>"two words"</c> — a phrase.</item>
/// <item><c>status:</c>, <c>tag:</c>, <c>role:</c>, <c>model:</c>, <c>source:</c> — filters; a value may
/// be quoted; repeat the filter or separate values by commas for "any of".</item>
/// <item><c>after:</c>/<c>before:</c> — <c>2025-01-15</c>, <c>2025-01-15T10:30</c>, <c>today</c>,
/// <c>yesterday</c>, or an age like <c>7d</c>, <c>12h</c>, <c>2w</c>, <c>6m</c> (30-day months).</item>
/// </list>
/// With <c>asYouType</c>, the last word (while no space follows it) matches as a prefix once it
/// has <see cref="MinimumTypedPrefix"/> characters.
/// </summary>
public static class QueryParser
{
    /// <summary>
    /// A word being typed matches as a prefix from its third character on; until then it is a
    /// word ("go", "js"). One or two letters cover a large share of all words: without prefix
    /// lists in the index (they were half its size) a two-letter prefix reads the lists of every
    /// word it covers, 0.1-0.4 s per keystroke over a million messages, against ~30 ms for three.
    /// </summary>
    public const int MinimumTypedPrefix = 3;

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM"];

    public static SearchQuery Parse(string text, bool asYouType = false, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var terms = new List<SearchTerm>();
        var statuses = new List<string>();
        var tags = new List<string>();
        var roles = new List<string>();
        var models = new List<string>();
        var sources = new List<string>();
        var problems = new List<string>();
        DateTimeOffset? after = null, before = null;

        var parts = Split(text);
        for (int p = 0; p < parts.Count; p++)
        {
            var part = parts[p];
            bool typing = asYouType && p == parts.Count - 1 && !part.Finished;
            if (part.Key is null)
            {
                AddTerm(terms, part.Value, part.Quoted, typing);
                continue;
            }
            var values = part.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (values.Length == 0)
            {
                if (!typing) problems.Add($"'{part.Key}:' needs a value");
                continue;
            }
            switch (part.Key)
            {
                case "status":
                    statuses.AddRange(values.Select(v => v.ToLowerInvariant()));
                    if (!typing && values.FirstOrDefault(v => !SessionStatus.Searchable.Contains(v.ToLowerInvariant())) is { } unknown)
                        problems.Add($"unknown status '{unknown}' (use {string.Join(", ", SessionStatus.Searchable)})");
                    break;
                case "tag": tags.AddRange(values); break;
                case "role": roles.AddRange(values.Select(v => v.ToLowerInvariant())); break;
                case "model": models.AddRange(values); break;
                case "source": sources.AddRange(values.Select(v => v.ToLowerInvariant())); break;
                case "after":
                case "before":
                    var time = ParseTime(part.Value, clock);
                    if (time is null) { if (!typing) problems.Add($"'{part.Key}:{part.Value}' is not a date (use 2025-01-15, today, yesterday, or an age like 7d, 12h, 2w, 6m)"); }
                    else if (part.Key == "after") after = time;
                    else before = time;
                    break;
            }
        }
        return new SearchQuery
        {
            Text = text, Terms = terms, Statuses = statuses, Tags = tags, Roles = roles, Models = models,
            Sources = sources, After = after, Before = before, Problems = problems,
        };
    }

    /// <summary>An absolute date or time (local unless it says otherwise), or an age before now.</summary>
    public static DateTimeOffset? ParseTime(string value, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var now = clock.GetLocalNow();
        var today = new DateTimeOffset(now.Date, now.Offset);
        switch (value.ToLowerInvariant())
        {
            case "today": return today;
            case "yesterday": return today.AddDays(-1);
            case "now": return now;
        }
        if (value.Length >= 2 && char.IsAsciiDigit(value[0]) && "hdwm".Contains(char.ToLowerInvariant(value[^1]), StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int amount) && amount > 0)
        {
            return char.ToLowerInvariant(value[^1]) switch
            {
                'h' => now.AddHours(-amount),
                'd' => now.AddDays(-amount),
                'w' => now.AddDays(-7.0 * amount),
                _ => now.AddDays(-30.0 * amount),
            };
        }
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
            return new DateTimeOffset(local);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var any))
            return any;
        return null;
    }

    private static void AddTerm(List<SearchTerm> terms, string raw, bool quoted, bool typing)
    {
        var text = raw;
        bool explicitPrefix = !quoted && text.EndsWith('*');
        if (explicitPrefix) text = text.TrimEnd('*');
        var tokens = TextTokens.Tokenize(text);
        if (tokens.Count == 0) return;
        bool prefix = explicitPrefix || typing && tokens[^1].Folded.Length >= MinimumTypedPrefix;
        // A CJK character is a whole word: "as you type" cannot make it a prefix of more.
        bool lastIsCjk = TextTokens.IsCjk(char.ConvertToUtf32(text, tokens[^1].Start));
        terms.Add(new SearchTerm(raw, tokens.Select(t => t.Folded).ToArray(), prefix && !lastIsCjk));
    }

    private sealed record Part(string? Key, string Value, bool Quoted, bool Finished);

    private static readonly HashSet<string> FilterKeys = ["status", "tag", "role", "model", "source", "after", "before"];

    /// <summary>Splits on spaces outside quotes; an unclosed quote runs to the end (it is being typed).</summary>
    private static List<Part> Split(string text)
    {
        var parts = new List<Part>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length) break;
            string? key = null;
            int colon = FilterKeyEnd(text, i);
            if (colon > 0)
            {
                key = text[i..colon].ToLowerInvariant();
                i = colon + 1;
            }
            var value = new StringBuilder();
            bool quoted = false, closed = false;
            if (i < text.Length && text[i] == '"')
            {
                quoted = true;
                int close = text.IndexOf('"', i + 1);
                int end = close < 0 ? text.Length : close;
                value.Append(text, i + 1, end - i - 1);
                i = close < 0 ? text.Length : close + 1;
                closed = close >= 0;
            }
            else
            {
                while (i < text.Length && !char.IsWhiteSpace(text[i])) value.Append(text[i++]);
            }
            // A closed quote is finished even with nothing after it; a bare word only once a space follows.
            bool finished = closed || i < text.Length && char.IsWhiteSpace(text[i]);
            parts.Add(new Part(key, value.ToString(), quoted, finished));
        }
        return parts;
    }

    /// <summary>The index of the ':' when a filter name starts at <paramref name="start"/>, else -1.</summary>
    private static int FilterKeyEnd(string text, int start)
    {
        int colon = text.IndexOf(':', start);
        if (colon <= start) return -1;
        var name = text.AsSpan(start, colon - start);
        foreach (char c in name) if (!char.IsAsciiLetter(c)) return -1;
        return FilterKeys.Contains(name.ToString().ToLowerInvariant()) ? colon : -1;
    }
}
