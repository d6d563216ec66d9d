using System.Globalization;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// Rewinds a native session to one of its snapshots, keeping everything it removes so the
/// restore can be undone exactly.
/// <para>Semantics (restore to step N, snapshot time T):</para>
/// <list type="bullet">
/// <item>messages.jsonl is cut at the first line, in file order, that is a message whose timestamp
/// parses and is later than T; that line and every line after it go (whatever their timestamps),
/// so the cut is always a tail of the file. Lines before it stay, including messages without a
/// readable timestamp and damaged lines: those keep the place their position gives them. A
/// message stamped exactly T stays. The snapshot itself must have a readable timestamp.</item>
/// <item>Snapshots with a step above N are removed.</item>
/// <item>Metadata: message_count = the readable messages kept, total_steps = N, last_active = now,
/// progress and current_task from the snapshot's state when it has them (a number and a
/// string), status completed becomes paused (the session is no longer finished). Token, cost
/// and tool-call counters are left alone: that usage happened.</item>
/// <item>Everything removed goes to <c>&lt;session&gt;/.restore-&lt;UTC time&gt;/</c>: messages.tail.jsonl (the exact
/// bytes cut), metadata.json (the exact bytes before), snapshots/ (the removed files) and
/// restore.json (what was done). <see cref="Undo"/> puts them back byte for byte, refusing when
/// messages were appended or snapshots re-created since.</item>
/// <item>A live session (lock held by another process) is refused; apply holds the lock throughout.</item>
/// </list>
/// </summary>
public sealed class SnapshotRestorer(NativeStore store, TimeProvider? clock = null)
{
    public const string BackupPrefix = ".restore-";
    private const string TailFile = "messages.tail.jsonl";
    private const string RecordFile = "restore.json";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Works out what restoring to <paramref name="step"/> does; changes nothing.</summary>
    public RestorePlan Plan(string id, int step)
    {
        var session = store.Find(id) ?? throw new KeyNotFoundException($"no native session {id}");
        if (session.Damaged is not null) throw new SessionDamagedException(id, session.Damaged);
        var snapshot = store.GetSnapshot(id, step);
        if (snapshot is null)
        {
            string have = string.Join(", ", store.ListSnapshots(id).Select(s => s.Step));
            throw new KeyNotFoundException($"session {id} has no snapshot {step} (it has: {(have.Length == 0 ? "none" : have)})");
        }
        var time = snapshot.Time ?? throw new InvalidDataException(
            $"snapshot {step} of session {id} has no readable timestamp (\"{snapshot.Timestamp}\"), so what comes after it cannot be told");

        string messagesPath = store.MessagesPath(id);
        long length = File.Exists(messagesPath) ? new FileInfo(messagesPath).Length : 0;
        long cut = length;
        int kept = 0, cutMessages = 0, cutDamaged = 0;
        Message? firstCut = null;
        foreach (var record in store.ReadMessages(id))
        {
            bool cutting = cut < length;
            if (!cutting && record.Message?.Time is { } t && t > time)
            {
                cut = record.Offset;
                firstCut = record.Message;
                cutting = true;
            }
            if (!cutting) { if (record.Message is not null) kept++; }
            else if (record.Message is not null) cutMessages++;
            else cutDamaged++;
        }

        byte[] metadataBytes = File.ReadAllBytes(store.MetadataPath(id));
        var before = session.Metadata!.Clone();
        var after = before.Clone();
        after.MessageCount = kept;
        after.TotalSteps = step;
        if (snapshot.State is JsonObject state)
        {
            if (state["progress"] is JsonValue p && p.TryGetValue(out double progress)) after.Progress = progress;
            if (state["current_task"] is JsonValue c && c.TryGetValue(out string? task)) after.CurrentTask = task;
        }
        if (after.Status == SessionStatus.Completed) after.Status = SessionStatus.Paused;

        return new RestorePlan
        {
            SessionId = id,
            Step = step,
            SnapshotTimestamp = snapshot.Timestamp,
            CutOffset = cut,
            MessagesLength = length,
            KeptMessages = kept,
            CutMessages = cutMessages,
            CutDamagedLines = cutDamaged,
            FirstCutMessage = firstCut,
            RemovedSnapshotSteps = store.ListSnapshots(id).Where(s => s.Step > step).Select(s => s.Step).ToList(),
            BackupFolder = NewBackupFolder(id),
            MetadataBefore = before,
            MetadataAfter = after,
            MetadataBytes = metadataBytes,
        };
    }

    /// <summary>Does what the plan says, under the session lock. Refuses if the session changed since it was planned.</summary>
    public RestoreBackup Apply(RestorePlan plan)
    {
        string id = plan.SessionId;
        using var writer = store.TryOpenWriter(id) ?? throw SessionTrash.Live(store.Find(id)!, store.ProbeLock(id).LastHolder);
        string messagesPath = store.MessagesPath(id);
        long length = File.Exists(messagesPath) ? new FileInfo(messagesPath).Length : 0;
        if (length != plan.MessagesLength || !File.ReadAllBytes(store.MetadataPath(id)).AsSpan().SequenceEqual(plan.MetadataBytes))
            throw new InvalidOperationException($"session {id} changed since the restore was planned; plan it again");

        string backup = Directory.Exists(plan.BackupFolder) ? NewBackupFolder(id) : plan.BackupFolder;
        string restoredAt = Timestamps.Now(_clock);
        Directory.CreateDirectory(Path.Combine(backup, NativeLayout.SnapshotsFolder));
        // The backup is complete before anything in the session changes.
        JsonFile.Write(Path.Combine(backup, RecordFile), new JsonObject
        {
            ["version"] = 1,
            ["step"] = plan.Step,
            ["snapshot_timestamp"] = plan.SnapshotTimestamp,
            ["restored_at"] = restoredAt,
            ["messages_length_before"] = plan.MessagesLength,
            ["cut_offset"] = plan.CutOffset,
            ["kept_messages"] = plan.KeptMessages,
            ["cut_messages"] = plan.CutMessages,
            ["removed_snapshots"] = new JsonArray(plan.RemovedSnapshotSteps.Select(s => (JsonNode)s).ToArray()),
        });
        AtomicFile.WriteAllBytes(Path.Combine(backup, NativeLayout.MetadataFile), plan.MetadataBytes);
        CopyTail(messagesPath, plan.CutOffset, Path.Combine(backup, TailFile));
        foreach (int step in plan.RemovedSnapshotSteps)
        {
            string name = NativeLayout.SnapshotFile(step);
            FileTree.Move(Path.Combine(store.SnapshotsDir(id), name), Path.Combine(backup, NativeLayout.SnapshotsFolder, name));
        }
        if (plan.CutOffset < length)
        {
            using var messages = new FileStream(messagesPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            messages.SetLength(plan.CutOffset);
            messages.Flush(flushToDisk: true);
        }
        writer.Save(plan.MetadataAfter, touch: true);
        return new RestoreBackup(id, backup, plan.Step, restoredAt, plan.CutOffset, plan.CutBytes, plan.RemovedSnapshotSteps);
    }

    /// <summary>The restores of a session that can be undone, newest first.</summary>
    public IReadOnlyList<RestoreBackup> ListBackups(string id)
    {
        string dir = store.SessionDir(id);
        if (!Directory.Exists(dir)) return [];
        var list = new List<RestoreBackup>();
        foreach (string folder in Directory.EnumerateDirectories(dir, BackupPrefix + "*"))
        {
            if (JsonFile.TryRead(Path.Combine(folder, RecordFile)).Node is not JsonObject record) continue;
            long tail = File.Exists(Path.Combine(folder, TailFile)) ? new FileInfo(Path.Combine(folder, TailFile)).Length : 0;
            var removed = (record["removed_snapshots"] as JsonArray ?? [])
                .Select(n => n is JsonValue v && v.TryGetValue(out int s) ? s : -1).Where(s => s >= 0).ToList();
            list.Add(new RestoreBackup(id, folder, (int)NativeJson.Integer(record, "step"), NativeJson.String(record, "restored_at") ?? "",
                NativeJson.Integer(record, "cut_offset"), tail, removed));
        }
        return list.OrderByDescending(b => b.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Undoes the newest restore of the session: the cut messages, the removed snapshots and the
    /// metadata come back byte for byte, and the backup folder goes. Repeat to undo older ones.
    /// <para>Restartable: the backup's restore.json, written before the restore changed anything,
    /// is the journal of both directions. After a kill (of the restore or of an earlier undo)
    /// messages.jsonl may already hold part or all of the cut tail: those bytes are compared with
    /// the kept tail and only the rest is written; snapshots already back are left; the metadata is
    /// written again. restore.json goes first at the end, so a kill then leaves a folder doctor removes.</para>
    /// </summary>
    public RestoreBackup Undo(string id)
    {
        using var writer = store.TryOpenWriter(id) ?? throw SessionTrash.Live(store.Find(id)!, store.ProbeLock(id).LastHolder);
        var backup = ListBackups(id).FirstOrDefault() ?? throw new InvalidOperationException($"session {id} has no restore to undo");
        string messagesPath = store.MessagesPath(id);
        string tail = Path.Combine(backup.Folder, TailFile);
        long lengthBefore = NativeJson.Integer(JsonFile.TryRead(Path.Combine(backup.Folder, RecordFile)).Node as JsonObject ?? [], "messages_length_before");
        long tailLength = File.Exists(tail) ? new FileInfo(tail).Length : 0;
        long length = File.Exists(messagesPath) ? new FileInfo(messagesPath).Length : 0;
        if (length < backup.CutOffset || length > Math.Max(lengthBefore, backup.CutOffset + tailLength)
            || !TailAlreadyBack(messagesPath, backup.CutOffset, length, tail, tailLength))
            throw new InvalidOperationException(
                $"session {id} changed after the restore (messages.jsonl is {length} bytes, the restore left {backup.CutOffset}); undoing would lose that, so nothing was changed");
        long missing = backup.CutOffset + tailLength - length;
        if (missing > 0 && lengthBefore > 0 && backup.CutOffset + tailLength < lengthBefore)
            throw new InvalidDataException($"the backup of session {id}'s restore ({backup.Name}) holds only {tailLength} of the {lengthBefore - backup.CutOffset} bytes cut; nothing was changed");
        var taken = backup.RemovedSnapshotSteps
            .Where(s => File.Exists(Path.Combine(backup.Folder, NativeLayout.SnapshotsFolder, NativeLayout.SnapshotFile(s))))
            .Select(s => Path.Combine(store.SnapshotsDir(id), NativeLayout.SnapshotFile(s))).Where(FileTree.Exists).ToList();
        if (taken.Count > 0) throw new RestoreConflictException(taken);

        if (missing > 0)
        {
            using var messages = new FileStream(messagesPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            messages.Seek(length, SeekOrigin.Begin);
            using (var source = File.OpenRead(tail))
            {
                source.Seek(length - backup.CutOffset, SeekOrigin.Begin);
                source.CopyTo(messages);
            }
            messages.Flush(flushToDisk: true);
        }
        foreach (int step in backup.RemovedSnapshotSteps)
        {
            string name = NativeLayout.SnapshotFile(step);
            string stored = Path.Combine(backup.Folder, NativeLayout.SnapshotsFolder, name);
            if (File.Exists(stored)) FileTree.Move(stored, Path.Combine(store.SnapshotsDir(id), name));
        }
        // Absent when the restore was killed before it kept the metadata: it never changed it either.
        string keptMetadata = Path.Combine(backup.Folder, NativeLayout.MetadataFile);
        if (File.Exists(keptMetadata)) AtomicFile.WriteAllBytes(store.MetadataPath(id), File.ReadAllBytes(keptMetadata));
        File.Delete(Path.Combine(backup.Folder, RecordFile));
        FileTree.Remove(backup.Folder);
        if (store.Find(id)?.Metadata is { } restored) store.Index.Add(restored);
        return backup;
    }

    /// <summary>Whether the bytes of messages.jsonl after the cut (if any) are the kept tail's own: a restore or an undo stopped midway, not new messages.</summary>
    private static bool TailAlreadyBack(string messagesPath, long cut, long length, string tail, long tailLength)
    {
        long compare = Math.Min(length - cut, tailLength);
        if (compare <= 0) return true;
        using var messages = new FileStream(messagesPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var kept = File.OpenRead(tail);
        messages.Seek(cut, SeekOrigin.Begin);
        var a = new byte[1 << 16];
        var b = new byte[1 << 16];
        for (long done = 0; done < compare;)
        {
            int n = (int)Math.Min(a.Length, compare - done);
            messages.ReadExactly(a, 0, n);
            kept.ReadExactly(b, 0, n);
            if (!a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, n))) return false;
            done += n;
        }
        return true;
    }

    /// <summary>
    /// What killed restores left, for <c>doctor</c>: backup folders without a record (the restore
    /// was killed before it changed anything, or an undo after it put everything back) are removed
    /// on repair, under the session lock; a restore killed midway is named, with the command that finishes undoing it.
    /// </summary>
    public IReadOnlyList<StoreProblem> CheckBackups(bool repair)
    {
        var problems = new List<StoreProblem>();
        foreach (var session in store.List().Where(s => Directory.Exists(s.Path)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            List<string> folders;
            try
            {
                folders = [.. Directory.EnumerateDirectories(session.Path, BackupPrefix + "*").Where(f => !FileTree.IsLink(f)).Order(StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                continue; // a session folder we may not read is reported as damaged by the store's own check
            }
            if (folders.Count == 0) continue;
            using var writer = store.TryOpenWriter(session.Id);
            foreach (string folder in folders)
            {
                string name = Path.GetFileName(folder);
                if (!File.Exists(Path.Combine(folder, RecordFile)))
                {
                    bool removed = repair && writer is not null;
                    long bytes = FileTree.Size(folder);
                    if (removed) FileTree.Remove(folder);
                    problems.Add(new StoreProblem(session.Id, $"left-over {name} folder of an interrupted restore or undo ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)"
                        + (writer is null ? "; the session is live, so it was left" : ""), removed));
                }
                else if (!File.Exists(Path.Combine(folder, NativeLayout.MetadataFile))
                         || File.ReadAllBytes(Path.Combine(folder, NativeLayout.MetadataFile)).AsSpan().SequenceEqual(ReadOrEmpty(store.MetadataPath(session.Id))))
                {
                    problems.Add(new StoreProblem(session.Id, $"the restore kept in {name} was interrupted; 'restore {session.Id} --undo' puts the session back as it was", false));
                }
            }
        }
        return problems;
    }

    private static byte[] ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllBytes(path) : [];

    private static void CopyTail(string messagesPath, long offset, string destination)
    {
        using var target = new FileStream(destination, FileMode.CreateNew, FileAccess.Write);
        if (File.Exists(messagesPath))
        {
            using var source = new FileStream(messagesPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            source.Seek(offset, SeekOrigin.Begin);
            source.CopyTo(target);
        }
        target.Flush(flushToDisk: true);
    }

    private string NewBackupFolder(string id)
    {
        string stamp = _clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        string folder = Path.Combine(store.SessionDir(id), BackupPrefix + stamp);
        for (int n = 2; Directory.Exists(folder); n++) folder = Path.Combine(store.SessionDir(id), $"{BackupPrefix}{stamp}-{n}");
        return folder;
    }
}
