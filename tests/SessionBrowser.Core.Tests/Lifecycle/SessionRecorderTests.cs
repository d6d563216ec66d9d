using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Lifecycle;

public sealed class SessionRecorderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lifecycle-recorder-").FullName;
    private readonly NativeStore _store;

    public SessionRecorderTests() => _store = new NativeStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RecorderOptions Options(int snapshotEvery = 2) => new()
    {
        WorkDir = "/w/app",
        Model = "kimi-k2",
        Description = "Refactor user.py",
        Tags = ["refactor"],
        SnapshotEvery = snapshotEvery,
        HandleSignals = false,
    };

    private int LinesOf(string id) => File.ReadAllLines(_store.MessagesPath(id)).Length;

    [Fact]
    public void Records_messages_tools_usage_and_steps_with_counters_in_step_with_the_files()
    {
        using var recorder = SessionRecorder.Start(_store, Options(snapshotEvery: 2));
        recorder.AppendMessage(Roles.User, "Refactor user.py");
        recorder.RecordToolCall("read_file", "def user(): ...", new JsonObject { ["path"] = "user.py" });
        recorder.AppendMessage(Roles.Assistant, "Done with the first function.");
        recorder.AddUsage(1200, 0.012);
        recorder.AddUsage(800, 0.008);
        recorder.SetTask("update tests", 0.5);
        Assert.Equal(1, recorder.Step(new JsonObject { ["done"] = 1 }));
        Assert.Equal(2, recorder.Step(new JsonObject { ["done"] = 2 }));
        Assert.Equal(3, recorder.Step());

        var meta = _store.Get(recorder.Id)!;
        Assert.Equal(3, meta.MessageCount);
        Assert.Equal(LinesOf(recorder.Id), meta.MessageCount);
        Assert.Equal(1, meta.ToolCalls);
        Assert.Equal(2000, meta.TotalTokens);
        Assert.Equal(0.02, meta.TotalCost, 10);
        Assert.Equal(3, meta.TotalSteps);
        Assert.Equal("update tests", meta.CurrentTask);
        Assert.Equal(0.5, meta.Progress);
        Assert.Equal(SessionStatus.Active, meta.Status);
        Assert.Equal(["refactor"], meta.Tags);

        var tool = _store.ReadMessages(recorder.Id).Select(r => r.Message!).Single(m => m.Role == Roles.Tool);
        Assert.Equal("read_file", tool.Metadata!["tool"]!.GetValue<string>());

        var snapshot = Assert.Single(_store.ListSnapshots(recorder.Id));
        Assert.Equal(2, snapshot.Step);
        Assert.Equal(2, _store.GetSnapshot(recorder.Id, 2)!.State!["done"]!.GetValue<int>());
    }

    [Fact]
    public void The_session_is_live_while_recording()
    {
        using var recorder = SessionRecorder.Start(_store, Options());
        Assert.True(_store.ProbeLock(recorder.Id).Held);
        Assert.Equal(Liveness.Live, _store.Find(recorder.Id)!.Liveness);
        Assert.Equal(Environment.ProcessId, _store.ProbeLock(recorder.Id).LastHolder?.Pid ?? Environment.ProcessId);
    }

    [Fact]
    public void Dispose_pauses_and_releases()
    {
        string id;
        using (var recorder = SessionRecorder.Start(_store, Options()))
        {
            id = recorder.Id;
            recorder.AppendMessage(Roles.User, "hi");
        }
        Assert.Equal(SessionStatus.Paused, _store.Get(id)!.Status);
        Assert.False(_store.ProbeLock(id).Held);
        Assert.Equal(Liveness.Idle, _store.Find(id)!.Liveness);
    }

    [Fact]
    public void Complete_marks_completed_with_full_progress_and_later_calls_fail()
    {
        var recorder = SessionRecorder.Start(_store, Options());
        recorder.SetTask("last", 0.3);
        recorder.Complete();
        recorder.Dispose();
        var meta = _store.Get(recorder.Id)!;
        Assert.Equal(SessionStatus.Completed, meta.Status);
        Assert.Equal(1.0, meta.Progress);
        Assert.True(recorder.IsFinished);
        Assert.Throws<ObjectDisposedException>(() => recorder.AppendMessage(Roles.User, "late"));
    }

    [Fact]
    public void Resume_continues_a_paused_session_from_its_step()
    {
        string id;
        using (var first = SessionRecorder.Start(_store, Options(snapshotEvery: 3)))
        {
            id = first.Id;
            first.Step();
            first.Step();
        }
        using (var again = SessionRecorder.Resume(_store, id, Options(snapshotEvery: 3)))
        {
            Assert.Equal(SessionStatus.Active, _store.Get(id)!.Status);
            Assert.Equal(3, again.Step(new JsonObject { ["resumed"] = true }));
        }
        Assert.Equal([3], _store.ListSnapshots(id).Select(s => s.Step));
        Assert.Equal(SessionStatus.Paused, _store.Get(id)!.Status);
    }

    [Fact]
    public void A_second_recorder_cannot_take_a_live_session()
    {
        using var recorder = SessionRecorder.Start(_store, Options());
        Assert.ThrowsAny<TimeoutException>(() => SessionRecorder.Resume(_store, recorder.Id, Options() with { LockTimeout = TimeSpan.FromMilliseconds(300) }));
    }

    [Fact]
    public void A_killed_agent_leaves_an_interrupted_session_that_recovery_finds()
    {
        using var agent = new RecorderExampleProcess(_root, "--steps", "1000", "--delay-ms", "20", "--snapshot-every", "2");
        string id = agent.SessionId;
        agent.WaitFor("step 5");
        Assert.Equal(Liveness.Live, _store.Find(id)!.Liveness);
        agent.Kill();
        agent.WaitForExit();

        var session = _store.Find(id)!;
        Assert.Equal(SessionStatus.Active, session.Status);
        Assert.Equal(Liveness.Interrupted, session.Liveness);
        Assert.Null(session.Damaged);
        // Every message the counters claim is in the file (a kill can only leave the file ahead by the write in flight).
        int lines = _store.ReadMessages(id).Count(r => r.Message is not null);
        Assert.InRange(lines - session.MessageCount, 0, 1);
        Assert.True(session.TotalSteps >= 5);
        Assert.NotNull(_store.LatestSnapshot(id));
        Assert.Equal(agent.Pid, _store.ProbeLock(id).LastHolder?.Pid);

        var found = Assert.Single(new SessionRecovery(_store).FindInterrupted());
        Assert.Equal(id, found.Id);
        Assert.Equal("Recorder example: process some files", found.Description);
        Assert.StartsWith("processing src/file_", found.CurrentTask);
        Assert.Equal(agent.Pid, found.LastHolder?.Pid);
        Assert.True(found.LatestSnapshotStep >= 4);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_saves_state_and_pauses_before_exit(string signal)
    {
        using var agent = new RecorderExampleProcess(_root, "--steps", "1000", "--delay-ms", "20", "--snapshot-every", "1000");
        string id = agent.SessionId;
        agent.WaitFor("step 3");
        agent.Signal(signal);
        agent.WaitForExit();

        var meta = _store.Get(id)!;
        Assert.Equal(SessionStatus.Paused, meta.Status);
        Assert.False(_store.ProbeLock(id).Held);
        Assert.Equal(_store.ReadMessages(id).Count(r => r.Message is not null), meta.MessageCount);
        // No step reached the snapshot interval, so the snapshot is the one the signal wrote.
        var snapshot = _store.LatestSnapshot(id)!;
        Assert.Equal(meta.TotalSteps, snapshot.Step);
        Assert.Equal(meta.TotalSteps, snapshot.State!["files_done"]!.GetValue<int>());
    }

    [Fact]
    public void The_example_runs_to_completion()
    {
        using var agent = new RecorderExampleProcess(_root, "--steps", "4", "--snapshot-every", "2");
        string id = agent.SessionId;
        Assert.Equal(0, agent.WaitForExit());
        var meta = _store.Get(id)!;
        Assert.Equal(SessionStatus.Completed, meta.Status);
        Assert.Equal(12, meta.MessageCount);
        Assert.Equal(4, meta.ToolCalls);
        Assert.Equal(4, meta.TotalSteps);
        Assert.Equal(101 + 102 + 103 + 104, meta.TotalTokens);
        Assert.Equal([2, 4], _store.ListSnapshots(id).Select(s => s.Step));
    }
}
