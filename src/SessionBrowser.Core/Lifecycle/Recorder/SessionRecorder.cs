using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// What an agent calls to record a session safely. <see cref="Start"/> creates the session and
/// holds its lock for the recorder's whole life, so the session shows as live. Every call is
/// written at once (messages appended, metadata saved atomically with counters in step with
/// the files), so a crash loses at most the call in flight.
/// <list type="bullet">
/// <item><see cref="Complete"/> or <see cref="Pause"/> end the session; <see cref="Dispose"/> without
/// either pauses it.</item>
/// <item>A crash (the process killed) leaves status <c>active</c> with the lock released by the
/// kernel: exactly what recovery lists as interrupted.</item>
/// <item>SIGINT/SIGTERM write a snapshot of the latest state, pause the session and release the
/// lock before the process ends.</item>
/// </list>
/// Thread-safe: calls are serialised, and a signal arriving mid-call waits for it to finish.
/// </summary>
public sealed class SessionRecorder : IDisposable
{
    private readonly object _gate = new();
    private readonly RecorderOptions _options;
    private readonly List<PosixSignalRegistration> _signals = [];
    private NativeSessionWriter? _writer;
    private JsonNode? _state;
    private int _lastSnapshotStep = -1;

    private SessionRecorder(NativeSessionWriter writer, RecorderOptions options)
    {
        _writer = writer;
        _options = options;
        Id = writer.Id;
        if (options.HandleSignals && !OperatingSystem.IsWindows() && !OperatingSystem.IsBrowser())
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }
    }

    /// <summary>Creates a session (status active) and takes its lock.</summary>
    public static SessionRecorder Start(NativeStore store, RecorderOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.SnapshotEvery);
        var created = store.Create(options.WorkDir, options.Model, options.Description, options.Tags);
        return new SessionRecorder(store.OpenWriter(created.Id, options.LockTimeout), options);
    }

    /// <summary>
    /// Continues an existing session (after the recovery prompt, or a paused one): takes its lock,
    /// marks it active again and carries on from its step count.
    /// </summary>
    public static SessionRecorder Resume(NativeStore store, string id, RecorderOptions options)
    {
        var writer = store.OpenWriter(id, options.LockTimeout);
        try
        {
            writer.Update(m => m.Status = SessionStatus.Active);
            return new SessionRecorder(writer, options) { _lastSnapshotStep = writer.Metadata.TotalSteps };
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    public string Id { get; }

    /// <summary>True once the session was completed, paused, disposed or saved on a signal.</summary>
    public bool IsFinished
    {
        get { lock (_gate) return _writer is null; }
    }

    /// <summary>A copy of the metadata as last saved.</summary>
    public SessionMetadata Metadata
    {
        get { lock (_gate) return Writer.Metadata.Clone(); }
    }

    /// <summary>Appends a message; message_count and last_active follow.</summary>
    public Message AppendMessage(string role, string content, JsonObject? metadata = null)
    {
        lock (_gate) return Writer.Append(role, content, metadata);
    }

    /// <summary>
    /// Records a tool call as a <c>tool</c> message (its name and arguments in the message metadata)
    /// and counts it in tool_calls.
    /// </summary>
    public Message RecordToolCall(string name, string result, JsonObject? arguments = null)
    {
        var metadata = new JsonObject { ["tool"] = name };
        if (arguments is not null) metadata["arguments"] = arguments.DeepClone();
        lock (_gate)
        {
            var message = Writer.Append(Roles.Tool, result, metadata);
            Writer.Update(m => m.ToolCalls++);
            return message;
        }
    }

    /// <summary>Adds token and cost usage (e.g. one model response's) to total_tokens and total_cost.</summary>
    public void AddUsage(long tokens, double cost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        ArgumentOutOfRangeException.ThrowIfNegative(cost);
        lock (_gate) Writer.Update(m =>
        {
            m.TotalTokens += tokens;
            m.TotalCost += cost;
        });
    }

    /// <summary>Sets what the agent works on now and how far along it is (0.0 – 1.0, clamped).</summary>
    public void SetTask(string? currentTask, double? progress = null)
    {
        lock (_gate) Writer.Update(m =>
        {
            m.CurrentTask = currentTask;
            if (progress is double p) m.Progress = Math.Clamp(p, 0.0, 1.0);
        });
    }

    /// <summary>
    /// Ends a step: total_steps grows by one, <paramref name="state"/> becomes the state a snapshot
    /// saves, and every <see cref="RecorderOptions.SnapshotEvery"/> steps a snapshot is written.
    /// Returns the new step number.
    /// </summary>
    public int Step(JsonNode? state = null)
    {
        lock (_gate)
        {
            var saved = Writer.Update(m => m.TotalSteps++);
            if (state is not null) _state = state.DeepClone();
            if (_options.SnapshotEvery > 0 && saved.TotalSteps % _options.SnapshotEvery == 0) SnapshotLocked();
            return saved.TotalSteps;
        }
    }

    /// <summary>Writes a snapshot of the latest state at the current step now.</summary>
    public Snapshot Snapshot(JsonNode? state = null)
    {
        lock (_gate)
        {
            if (state is not null) _state = state.DeepClone();
            return SnapshotLocked();
        }
    }

    /// <summary>Marks the session completed (progress 1.0) and releases it.</summary>
    public void Complete() => Finish(SessionStatus.Completed);

    /// <summary>Marks the session paused (resumable) and releases it.</summary>
    public void Pause() => Finish(SessionStatus.Paused);

    /// <summary>Pauses the session unless it was completed or paused already.</summary>
    public void Dispose() => Finish(SessionStatus.Paused);

    private NativeSessionWriter Writer => _writer ?? throw new ObjectDisposedException(nameof(SessionRecorder), $"session {Id} is no longer being recorded");

    private Snapshot SnapshotLocked()
    {
        int step = Writer.Metadata.TotalSteps;
        var snapshot = Writer.CreateSnapshot(step, _state ?? new JsonObject());
        _lastSnapshotStep = step;
        return snapshot;
    }

    private void Finish(string status)
    {
        lock (_gate)
        {
            if (_writer is null) return;
            try
            {
                _writer.Update(m =>
                {
                    m.Status = status;
                    if (status == SessionStatus.Completed) m.Progress = 1.0;
                });
            }
            finally
            {
                _writer.Dispose();
                _writer = null;
                foreach (var registration in _signals) registration.Dispose();
                _signals.Clear();
            }
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Runs on another thread while the process is about to end: save what a resume needs,
        // then let the default action (termination) happen.
        lock (_gate)
        {
            if (_writer is null) return;
            try
            {
                if (_state is not null && _lastSnapshotStep != _writer.Metadata.TotalSteps) SnapshotLocked();
            }
            finally
            {
                Finish(SessionStatus.Paused);
            }
        }
    }
}
