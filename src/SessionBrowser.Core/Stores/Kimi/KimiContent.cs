using System.Text;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>Kimi CLI's message content (a string, or parts <c>text</c>, <c>think</c>, <c>image_url</c>, …) and its title rule.</summary>
internal static class KimiContent
{
    public const string Untitled = "Untitled";
    private const int TitleWidth = 50;
    private const string Placeholder = "…";

    /// <summary>The text parts joined by <paramref name="separator"/> (Kimi's <c>extract_text</c>); think and media parts left out.</summary>
    public static string Text(JsonElement content, string separator)
    {
        if (content.ValueKind == JsonValueKind.String) return content.GetString() ?? "";
        if (content.ValueKind != JsonValueKind.Array) return "";
        var texts = new List<string>();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.String) texts.Add(part.GetString() ?? "");
            else if (Field(part, "type") == "text" && Field(part, "text") is { } text) texts.Add(text);
        }
        return string.Join(separator, texts);
    }

    /// <summary>Kimi's title: custom_title, else the first TurnBegin text shortened to 50 characters, else "Untitled".</summary>
    public static string Title(string? customTitle, string? firstInput)
    {
        if (!string.IsNullOrEmpty(customTitle)) return customTitle;
        return firstInput is null ? Untitled : Shorten(firstInput, TitleWidth);
    }

    /// <summary>
    /// Kimi CLI's <c>shorten</c>: white space collapsed; when longer than <paramref name="width"/>
    /// (in code points, as Python counts), cut at the last space before the limit (or hard, for
    /// text without spaces such as CJK) and end with "…".
    /// </summary>
    public static string Shorten(string text, int width)
    {
        string collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var runes = collapsed.EnumerateRunes().ToArray();
        if (runes.Length <= width) return collapsed;
        int cut = width - Placeholder.Length;
        int space = Array.FindLastIndex(runes, cut, cut + 1, r => r.Value == ' ');
        if (space > 0) cut = space;
        var kept = new StringBuilder();
        foreach (var rune in runes.AsSpan(0, cut)) kept.Append(rune.ToString());
        return kept.ToString().TrimEnd() + Placeholder;
    }

    public static string? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
