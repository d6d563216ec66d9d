using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Browser;

/// <summary>The Timeline tab: the session's snapshots, the chosen one and its loaded state.</summary>
public sealed record TimelineState
{
    public required SessionRef Ref { get; init; }
    public IReadOnlyList<SnapshotInfo> Snapshots { get; init; } = [];
    public int Selected { get; init; }
    public int? LoadedStep { get; init; }
    public JsonNode? State { get; init; }
    public string? Error { get; init; }
    public int StateTop { get; init; }
}
