using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Model;

/// <summary>snapshots/step_N.json: {"step": N, "timestamp": iso, "state": {...}}.</summary>
public sealed record Snapshot(int Step, string Timestamp, JsonNode? State)
{
    public DateTimeOffset? Time => Timestamps.Parse(Timestamp);
}

/// <summary>A snapshot (or a source's checkpoint) as listed on a timeline, without its state.</summary>
public sealed record SnapshotInfo(int Step, string Timestamp, string Path, string? Label = null)
{
    public DateTimeOffset? Time => Timestamps.Parse(Timestamp);
}
