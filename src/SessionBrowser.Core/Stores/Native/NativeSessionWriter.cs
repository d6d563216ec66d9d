using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Writes to one session while holding its .lock (<see cref="NativeStore.OpenWriter"/>), so a
/// series of writes is not interleaved with another writer's. Metadata is re-read when the
/// writer opens and saved atomically after each change. Dispose releases the lock.
/// </summary>
public sealed class NativeSessionWriter : IDisposable
{
    private readonly NativeStore _store;
    private readonly FileLock _lock;

    internal NativeSessionWriter(NativeStore store, string id, FileLock held)
    {
        _store = store;
        _lock = held;
        Id = id;
        var read = JsonFile.TryRead(store.MetadataPath(id), NativeLayout.MaxMetadataBytes);
        // Repaired text would be saved with its replacement characters: such a session is not written.
        string? problem = read.Repaired ? $"{NativeLayout.MetadataFile} {JsonTextRepair.Problem}" : read.Error;
        Metadata = (read.Ok && !read.Repaired ? NativeJson.ReadMetadata(read.Node, id, out problem) : null)
            ?? throw new SessionDamagedException(id, problem ?? "metadata.json cannot be read");
        Metadata.Id = id;
    }

    public string Id { get; }

    /// <summary>The metadata as last saved by this writer (do not keep it past Dispose).</summary>
    public SessionMetadata Metadata { get; private set; }

    public string Folder => _store.SessionDir(Id);

    /// <summary>Appends one message (timestamped now) and counts it in metadata (message_count, last_active).</summary>
    public Message Append(string role, string content, JsonObject? metadata = null) =>
        AppendMany([new Message(role, content, null, metadata)])[0];

    /// <summary>
    /// Appends messages in one write; those without a timestamp get the current time. Updates
    /// message_count and last_active once.
    /// </summary>
    public IReadOnlyList<Message> AppendMany(IEnumerable<Message> messages)
    {
        string now = Timestamps.Now(_store.Clock);
        var stamped = messages.Select(m => m.Timestamp is null ? m with { Timestamp = now } : m).ToList();
        if (stamped.Count == 0) return stamped;
        JsonLines.Append(_store.MessagesPath(Id), stamped.Select(m => PythonJson.Serialize(NativeJson.WriteMessage(m))));
        Update(m => m.MessageCount += stamped.Count);
        return stamped;
    }

    /// <summary>Saves the given metadata (touching last_active, like the reference's update_session).</summary>
    public void Save(SessionMetadata metadata, bool touch = true)
    {
        var copy = metadata.Clone();
        copy.Id = Id;
        if (touch) copy.LastActive = Timestamps.Now(_store.Clock);
        JsonFile.Write(_store.MetadataPath(Id), NativeJson.WriteMetadata(copy));
        bool indexFieldsChanged = copy.Description != Metadata.Description || !copy.Tags.SequenceEqual(Metadata.Tags);
        Metadata = copy;
        if (indexFieldsChanged) _store.Index.Add(copy);
    }

    /// <summary>Changes a copy of the metadata and saves it (touching last_active); returns the saved copy.</summary>
    public SessionMetadata Update(Action<SessionMetadata> change, bool touch = true)
    {
        var copy = Metadata.Clone();
        change(copy);
        Save(copy, touch);
        return Metadata.Clone();
    }

    /// <summary>snapshots/step_N.json with the current time; total_steps grows to N if it was lower.</summary>
    public Snapshot CreateSnapshot(int step, JsonNode? state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var snapshot = new Snapshot(step, Timestamps.Now(_store.Clock), state?.DeepClone());
        string dir = _store.SnapshotsDir(Id);
        Directory.CreateDirectory(dir);
        JsonFile.Write(Path.Combine(dir, NativeLayout.SnapshotFile(step)), NativeJson.WriteSnapshot(snapshot));
        if (Metadata.TotalSteps < step) Update(m => m.TotalSteps = step);
        return snapshot;
    }

    /// <summary>The reference's clear_messages: the file goes, message_count becomes 0.</summary>
    public void ClearMessages()
    {
        File.Delete(_store.MessagesPath(Id));
        Update(m => m.MessageCount = 0);
    }

    public void Dispose() => _lock.Dispose();
}
