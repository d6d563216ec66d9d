using System.Collections.Immutable;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

/// <summary>The opened session's messages and where the reader is.</summary>
public sealed record DetailState
{
    public required SessionRef Ref { get; init; }
    /// <summary>The reader, handed to the effects that lay messages out; Update reads only its Count.</summary>
    public MessageDocument? Document { get; init; }
    public int Count => Document?.Count ?? 0;
    /// <summary>The messages laid out at the pane's width, around the top (filled by effects).</summary>
    public MessagePages Pages { get; init; } = MessagePages.None;
    /// <summary>The layout asked for last (pane width and message range), so a key press does not ask again.</summary>
    public (int Width, int First, int Last)? Requested { get; init; }
    /// <summary>A message to bring to the top and open (a search match) once it is laid out.</summary>
    public int? Reveal { get; init; }
    public string? Error { get; init; }
    public MessagePosition Top { get; init; }
    public int SelectedMessage { get; init; }
    /// <summary>Messages whose collapsed/expanded default the user flipped.</summary>
    public ImmutableHashSet<int> Toggled { get; init; } = [];
    public bool ExpandAll { get; init; }
    /// <summary>Columns the code lines are shifted sideways by (Shift+←/→): long lines are cut, not wrapped.</summary>
    public int Shift { get; init; }
    /// <summary>Stays at the bottom as a live session grows.</summary>
    public bool Follow { get; init; }
    public string? Highlight { get; init; }
    /// <summary>The words of <see cref="Highlight"/>, parsed once when the session opens.</summary>
    public IReadOnlyList<SearchTerm> HighlightTerms { get; init; } = [];
    /// <summary>Message indexes that contain <see cref="Highlight"/>, ascending; null while being found.</summary>
    public IReadOnlyList<int>? Matches { get; init; }
    public int MatchCursor { get; init; } = -1;
    /// <summary>Jump to this message once the document arrives (a search hit).</summary>
    public int? JumpTo { get; init; }
}

/// <summary>A line position in the virtual message list: a message and a line inside its layout.</summary>
public readonly record struct MessagePosition(int Message, int Line);
