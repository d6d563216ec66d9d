using SessionBrowser.Core.Stores;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class SessionRecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new("native-recovery");
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly NativeStore _store;
    private readonly SessionRecovery _recovery;

    public SessionRecoveryTests()
    {
        _store = new NativeStore(_dir.Path, _clock);
        _recovery = new SessionRecovery(_store);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Finds_active_unlocked_sessions_with_what_the_prompt_needs()
    {
        var interrupted = _store.Create("/w", "m", "long task");
        using (var writer = _store.OpenWriter(interrupted.Id))
        {
            writer.Append(Roles.User, "go");
            writer.CreateSnapshot(5, new JsonObject { ["progress"] = 0.25 });
            writer.CreateSnapshot(10, new JsonObject { ["progress"] = 0.5 });
            writer.Update(m => { m.Progress = 0.5; m.CurrentTask = "step 10 of 20"; });
        } // the writer "dies" here: status still active, lock free, pid recorded
        var done = _store.Create("/w", "m");
        _store.MarkCompleted(done.Id);

        var found = Assert.Single(_recovery.FindInterrupted());
        Assert.Equal(interrupted.Id, found.Id);
        Assert.Equal("long task", found.Title);
        Assert.Equal(0.5, found.Progress);
        Assert.Equal("step 10 of 20", found.CurrentTask);
        Assert.Equal(10, found.LatestSnapshotStep);
        Assert.NotNull(found.LastActive);
        Assert.Equal(Environment.ProcessId, found.LastHolder!.Pid);
        Assert.Equal(Environment.MachineName, found.LastHolder.Host);
    }

    [Fact]
    public void A_live_session_is_not_interrupted()
    {
        var meta = _store.Create("/w", "m");
        using var python = Python.StartAndWaitFor("locked", "hold", _dir.Path, meta.Id, "30");
        try
        {
            Assert.Empty(_recovery.FindInterrupted());
            Assert.Throws<LiveSessionException>(() => _recovery.MarkCrashed(meta.Id));
        }
        finally
        {
            python.Kill();
            python.WaitForExit();
        }
        Assert.Single(_recovery.FindInterrupted());
    }

    [Fact]
    public void Resume_returns_the_latest_snapshot_and_the_command()
    {
        var meta = _store.Create("/home/ada/api", "m");
        _store.CreateSnapshot(meta.Id, 9, new JsonObject { ["x"] = 9 });
        _store.CreateSnapshot(meta.Id, 10, new JsonObject { ["x"] = 10 });
        var info = _recovery.Resume(meta.Id);
        Assert.Equal(10, info.LatestSnapshot!.Step);
        Assert.Equal(["kimi", "--session", meta.Id], info.Command!.Arguments);
        Assert.Equal("/home/ada/api", info.Command.WorkingDirectory);
        Assert.Equal(SessionStatus.Active, _store.Get(meta.Id)!.Status);
        Assert.Throws<KeyNotFoundException>(() => _recovery.Resume("nothere1"));
    }

    [Fact]
    public void Mark_crashed_stops_the_prompt_and_keeps_last_active()
    {
        var meta = _store.Create("/w", "m");
        string lastActive = _store.Get(meta.Id)!.LastActive;
        _recovery.MarkCrashed(meta.Id);
        Assert.Empty(_recovery.FindInterrupted());
        Assert.Equal((SessionStatus.Crashed, lastActive), (_store.Get(meta.Id)!.Status, _store.Get(meta.Id)!.LastActive));
    }

    [Fact]
    public void Ignore_is_remembered_until_the_session_has_new_activity()
    {
        var meta = _store.Create("/w", "m");
        _recovery.Ignore(meta.Id);
        Assert.Empty(new SessionRecovery(_store).FindInterrupted());
        Assert.Single(_recovery.FindInterrupted(includeIgnored: true));
        Assert.Equal([meta.Id], _recovery.Ignored());
        Assert.True(File.Exists(_dir.Combine(SessionRecovery.IgnoreFile)));
        Assert.Single(_store.List()); // the ignore file is not a session

        _clock.Advance(TimeSpan.FromSeconds(1)); // a new last_active
        _store.AppendMessage(meta.Id, Roles.User, "resumed, then died again");
        Assert.Single(_recovery.FindInterrupted());

        _recovery.Ignore(meta.Id);
        _recovery.Unignore(meta.Id);
        Assert.Single(_recovery.FindInterrupted());
    }
}
