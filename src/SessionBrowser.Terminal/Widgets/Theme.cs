using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Widgets;

/// <summary>The styles widgets draw with; one place to change the look.</summary>
public sealed record Theme
{
    public static Theme Default { get; } = new();

    public Style Text { get; init; } = Style.Plain;
    public Style Dim { get; init; } = new(Fg: Color.Gray);
    public Style Accent { get; init; } = new(Fg: Color.Cyan);
    public Style Title { get; init; } = new Style().Bold();
    public Style Border { get; init; } = new(Fg: Color.Gray);
    public Style FocusedBorder { get; init; } = new(Fg: Color.Cyan);
    /// <summary>The selected row of a list (and the chosen button, the current tab).</summary>
    public Style Selected { get; init; } = new Style(Fg: Color.Black, Bg: Color.Cyan).Bold();
    /// <summary>The selected row when the list does not have focus.</summary>
    public Style SelectedUnfocused { get; init; } = new Style().Reverse();
    public Style Mark { get; init; } = new Style(Fg: Color.Yellow).Bold();
    /// <summary>Search matches inside text.</summary>
    public Style Match { get; init; } = new Style(Fg: Color.Black, Bg: Color.Yellow).Bold();
    public Style Key { get; init; } = new Style(Fg: Color.Cyan).Bold();
    public Style Button { get; init; } = new Style().Reverse();
    public Style Danger { get; init; } = new Style(Fg: Color.Red).Bold();
}
