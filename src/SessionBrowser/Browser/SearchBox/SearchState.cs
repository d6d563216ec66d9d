using SessionBrowser.Browser.Input;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Browser;

/// <summary>What the user is searching for and what the one Core search call answered.</summary>
public sealed record SearchState
{
    public bool Editing { get; init; }
    public TextInput Input { get; init; } = new();
    public string Query => Input.Text;
    /// <summary>The query parsed once per change (never per frame); null while it is blank.</summary>
    public SearchQuery? Parsed { get; init; }
    /// <summary>Bumped per query; results of an older query are dropped.</summary>
    public int Generation { get; init; }
    public bool Pending { get; init; }
    /// <summary>Hits by session (one each), best first; null while no query is active.</summary>
    public IReadOnlyList<SearchHit>? Hits { get; init; }
    /// <summary>More sessions matched than <see cref="Hits"/> holds (the best are shown).</summary>
    public bool More { get; init; }
    /// <summary>What the search said about itself ("more than 2,000 messages match"); it goes with the search.</summary>
    public string? Notice { get; init; }
    public bool IsActive => Query.Length > 0 && Hits is not null;
}
