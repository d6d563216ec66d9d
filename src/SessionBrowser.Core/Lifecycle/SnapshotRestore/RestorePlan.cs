using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// What restoring a session to snapshot <see cref="Step"/> would do, for a confirmation to show
/// before anything changes (<see cref="SnapshotRestorer.Plan"/>), and what
/// <see cref="SnapshotRestorer.Apply"/> then does exactly (it refuses if the session changed since).
/// </summary>
public sealed record RestorePlan
{
    public required string SessionId { get; init; }
    public required int Step { get; init; }
    public required string SnapshotTimestamp { get; init; }

    /// <summary>Byte offset in messages.jsonl where the cut starts; everything from here to the end goes.</summary>
    public required long CutOffset { get; init; }

    /// <summary>Length of messages.jsonl when planned (0 when there is none).</summary>
    public required long MessagesLength { get; init; }

    public required int KeptMessages { get; init; }
    public required int CutMessages { get; init; }

    /// <summary>Unreadable lines inside the cut part (they are kept in the backup like the rest).</summary>
    public required int CutDamagedLines { get; init; }

    /// <summary>The first message that would be cut, for the confirmation; null when nothing is cut.</summary>
    public Message? FirstCutMessage { get; init; }

    public required IReadOnlyList<int> RemovedSnapshotSteps { get; init; }

    /// <summary>The folder inside the session where everything cut will be kept.</summary>
    public required string BackupFolder { get; init; }

    public required SessionMetadata MetadataBefore { get; init; }

    /// <summary>The metadata after the restore (last_active is set to the time of the restore when applied).</summary>
    public required SessionMetadata MetadataAfter { get; init; }

    internal byte[] MetadataBytes { get; init; } = [];

    public long CutBytes => MessagesLength - CutOffset;

    public bool ChangesNothing => CutBytes == 0 && RemovedSnapshotSteps.Count == 0;

    /// <summary>One sentence for a confirmation dialog or prompt.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (CutMessages + CutDamagedLines > 0)
        {
            string first = FirstCutMessage is { } m ? $" (from {m.Timestamp}, {m.Role}: \"{Shorten(m.Content)}\")" : "";
            parts.Add($"cuts {CutMessages} message(s){(CutDamagedLines > 0 ? $" and {CutDamagedLines} unreadable line(s)" : "")}{first}, keeping {KeptMessages}");
        }
        else
        {
            parts.Add($"cuts no messages (all {KeptMessages} are from before the snapshot)");
        }
        if (RemovedSnapshotSteps.Count > 0) parts.Add($"removes snapshot(s) {string.Join(", ", RemovedSnapshotSteps)}");
        return $"Restore session {SessionId} to step {Step} ({SnapshotTimestamp}): {string.Join("; ", parts)}. Everything removed is kept in {BackupFolder} and the restore can be undone.";
    }

    private static string Shorten(string text)
    {
        string line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= 60 ? line : line[..59] + "…";
    }
}

/// <summary>A restore that can be undone: its folder inside the session and what it removed.</summary>
public sealed record RestoreBackup(
    string SessionId,
    string Folder,
    int Step,
    string RestoredAt,
    long CutOffset,
    long CutBytes,
    IReadOnlyList<int> RemovedSnapshotSteps)
{
    public string Name => Path.GetFileName(Folder);
}
