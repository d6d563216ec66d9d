namespace SessionBrowser.Terminal.Rendering;

/// <summary>A run of text in one style. <see cref="Link"/> carries a URL for OSC 8 hyperlinks.</summary>
public readonly record struct Span(string Text, Style Style = default, string? Link = null);

/// <summary>One line of styled text, as widgets draw it and the Markdown renderer makes it.</summary>
public sealed record Line(IReadOnlyList<Span> Spans)
{
    public static Line Empty { get; } = new([]);

    public static Line Of(string text, Style style = default) => new([new Span(text, style)]);

    public string PlainText => string.Concat(Spans.Select(s => s.Text));
}
