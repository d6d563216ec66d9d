namespace SessionBrowser.Core.Lifecycle;

/// <summary>What a new recorded session is about, and how the recorder behaves.</summary>
public sealed record RecorderOptions
{
    public required string WorkDir { get; init; }
    public required string Model { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>A snapshot is written when the step count reaches a multiple of this; 0 = only on request.</summary>
    public int SnapshotEvery { get; init; } = 10;

    /// <summary>Save state and pause the session on SIGINT/SIGTERM before the process ends.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>How long to wait for the session's lock (the store's default: 5 s).</summary>
    public TimeSpan? LockTimeout { get; init; }
}
