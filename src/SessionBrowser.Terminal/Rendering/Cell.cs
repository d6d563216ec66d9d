namespace SessionBrowser.Terminal.Rendering;

/// <summary>
/// One screen cell: a grapheme (one or two columns wide), its style and an optional hyperlink.
/// The column right of a wide grapheme holds <see cref="Continuation"/> so that nothing is ever
/// drawn over half of it.
/// </summary>
public readonly record struct Cell(string Symbol, Style Style = default, string? Link = null)
{
    public static Cell Blank { get; } = new(" ");

    /// <summary>The filler that stands in the second column of a wide grapheme.</summary>
    public static Cell Continuation(Style style, string? link = null) => new("", style, link);

    public bool IsContinuation => Symbol.Length == 0;

    public bool Equals(Cell other) =>
        string.Equals(Symbol, other.Symbol, StringComparison.Ordinal)
        && Style == other.Style
        && string.Equals(Link, other.Link, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Symbol, Style, Link);
}
