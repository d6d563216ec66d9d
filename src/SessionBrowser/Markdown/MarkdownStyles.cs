using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Markdown;

/// <summary>How Markdown looks in the terminal. Colours degrade with the terminal (and vanish under NO_COLOR).</summary>
public static class MarkdownStyles
{
    public static readonly Style Heading1 = new(Color.BrightMagenta, default, Modifiers.Bold);
    public static readonly Style Heading2 = new(Color.BrightBlue, default, Modifiers.Bold);
    public static readonly Style Heading3 = new(Color.Cyan, default, Modifiers.Bold);
    public static readonly Style HeadingMarker = new(Color.Gray);
    public static readonly Style InlineCode = new(Color.Indexed(215), Color.Indexed(236));
    public static readonly Style CodeText = new(Color.Default, Color.Indexed(235));
    public static readonly Style CodeBorder = new(Color.Gray);
    public static readonly Style CodeLabel = new(Color.Yellow, default, Modifiers.Bold);
    public static readonly Style Link = new(Color.BrightBlue, default, Modifiers.Underline);
    public static readonly Style LinkUrl = new(Color.Gray);
    public static readonly Style Bullet = new(Color.Cyan);
    public static readonly Style TaskDone = new(Color.Green, default, Modifiers.Bold);
    public static readonly Style TaskOpen = new(Color.Gray);
    public static readonly Style QuoteBar = new(Color.Gray);
    public static readonly Style Quote = new(Color.Default, default, Modifiers.Italic);
    public static readonly Style Rule = new(Color.Gray);
    public static readonly Style TableBorder = new(Color.Gray);
    public static readonly Style TableHeader = new(Color.Default, default, Modifiers.Bold);
    public static readonly Style Html = new(Color.Gray);
    public static readonly Style Clipped = new(Color.Gray);

    public static Style Heading(int level) => level switch { 1 => Heading1, 2 => Heading2, _ => Heading3 };
}
