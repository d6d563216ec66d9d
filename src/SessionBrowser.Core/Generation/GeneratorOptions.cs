namespace SessionBrowser.Core.Generation;

/// <summary>What <see cref="StoreGenerator"/> makes.</summary>
public sealed record GeneratorOptions
{
    /// <summary>How many sessions (besides the optional large one and the fault fixtures).</summary>
    public int Sessions { get; init; } = 100;

    /// <summary>Messages per session on average; each session has between half and one and a half times this.</summary>
    public int Messages { get; init; } = 40;

    /// <summary>The same seed gives the same bytes, on any machine and time zone.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>When above 0, one extra session with exactly this many messages (for benchmarks).</summary>
    public int LargeSessionMessages { get; init; }

    /// <summary>Adds the faults a real store shows: corrupt and missing metadata, a torn last line, a legacy flat session, a Kimi CLI folder.</summary>
    public bool IncludeFaults { get; init; }

    public void Validate()
    {
        if (Sessions < 0) throw new ArgumentOutOfRangeException(nameof(Sessions), Sessions, "sessions must be 0 or more");
        if (Messages < 1) throw new ArgumentOutOfRangeException(nameof(Messages), Messages, "messages must be 1 or more");
        if (LargeSessionMessages < 0) throw new ArgumentOutOfRangeException(nameof(LargeSessionMessages), LargeSessionMessages, "large session messages must be 0 or more");
    }
}

/// <summary>What was written.</summary>
public sealed record GeneratorResult(int Sessions, long Messages, long Snapshots, long Bytes, string? LargeSessionId);
