using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Model;

/// <summary>
/// metadata.json of the native store (FORMATS.md §1). Times are kept as the raw strings the
/// file holds so a rewrite does not change what we did not touch; <see cref="Timestamps"/>
/// parses them. <see cref="Extra"/> keeps unknown fields so a rewrite never drops them.
/// </summary>
public sealed class SessionMetadata
{
    public string Id { get; set; } = "";
    public string CreatedAt { get; set; } = "";
    public string LastActive { get; set; } = "";
    public string Status { get; set; } = SessionStatus.Active;
    public string WorkDir { get; set; } = "";
    public string Model { get; set; } = "";
    public int TotalSteps { get; set; }
    public int MessageCount { get; set; }
    public int ToolCalls { get; set; }
    public long TotalTokens { get; set; }
    public double TotalCost { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Description { get; set; }
    public string? CurrentTask { get; set; }
    public double Progress { get; set; }

    /// <summary>Fields this version does not know, in file order, written back unchanged.</summary>
    public JsonObject Extra { get; set; } = [];

    public DateTimeOffset? CreatedTime => Timestamps.Parse(CreatedAt);
    public DateTimeOffset? LastActiveTime => Timestamps.Parse(LastActive);

    public SessionMetadata Clone()
    {
        var copy = (SessionMetadata)MemberwiseClone();
        copy.Tags = [.. Tags];
        copy.Extra = (JsonObject)Extra.DeepClone();
        return copy;
    }
}
