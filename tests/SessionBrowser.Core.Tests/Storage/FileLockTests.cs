using System.Diagnostics;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

public class FileLockTests
{
    [Fact]
    public void Lock_records_pid_and_host_and_the_record_stays_after_release()
    {
        using var dir = new TempDirectory("native-lock");
        string path = dir.Combine(".lock");
        using (var held = FileLock.Acquire(path))
        {
            Assert.True(FileLock.Probe(path).Held);
            Assert.True(FileLock.IsHeld(path));
            Assert.Null(FileLock.TryAcquire(path));
        }
        var probe = FileLock.Probe(path);
        Assert.False(probe.Held);
        Assert.False(FileLock.IsHeld(path));
        Assert.Equal(Environment.ProcessId, probe.LastHolder!.Pid);
        Assert.Equal(Environment.MachineName, probe.LastHolder.Host);
        Assert.NotNull(FileLock.TryAcquire(path));
    }

    [Fact]
    public void Probe_never_creates_the_file()
    {
        using var dir = new TempDirectory("native-lock");
        Assert.False(FileLock.Probe(dir.Combine(".lock")).Held);
        Assert.False(FileLock.IsHeld(dir.Combine(".lock")));
        Assert.False(File.Exists(dir.Combine(".lock")));
    }

    [Fact]
    public void Timeout_gives_a_clear_error_after_retrying()
    {
        using var dir = new TempDirectory("native-lock");
        string path = dir.Combine(".lock");
        using var held = FileLock.Acquire(path);
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<LockTimeoutException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(350)));
        Assert.InRange(watch.ElapsedMilliseconds, 300, 5000);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        Assert.Contains("gave up after", error.Message);
    }

    [Fact]
    public void A_lock_held_by_python_flock_is_seen_and_waited_for()
    {
        using var dir = new TempDirectory("native-lock");
        Directory.CreateDirectory(dir.Combine("s1"));
        string path = dir.Combine("s1", ".lock");
        using var python = Python.StartAndWaitFor("locked", "hold", dir.Path, "s1", "1.0");
        Assert.True(FileLock.Probe(path).Held);
        Assert.True(FileLock.IsHeld(path));
        Assert.Null(FileLock.TryAcquire(path));
        // Python releases after a second; Acquire's 0.1 s retries then get it.
        using var taken = FileLock.Acquire(path, TimeSpan.FromSeconds(10));
        python.WaitForExit();
    }

    [Fact]
    public void Python_flock_sees_our_lock()
    {
        using var dir = new TempDirectory("native-lock");
        Directory.CreateDirectory(dir.Combine("s1"));
        string path = dir.Combine("s1", ".lock");
        using (FileLock.Acquire(path))
            Assert.Equal("held", Python.Run("try-lock", dir.Path, "s1").Trim());
        Assert.Equal("free", Python.Run("try-lock", dir.Path, "s1").Trim());
    }

    [Theory]
    [InlineData("{\"pid\": 42, \"host\": \"box\", \"acquired_at\": \"2025-01-01T00:00:00\"}", 42, "box")]
    [InlineData("4242 otherhost\n", 4242, "otherhost")]
    [InlineData("", null, null)]
    [InlineData("garbage", null, null)]
    public void Holder_content_is_read_tolerantly(string content, int? pid, string? host)
    {
        var holder = FileLock.ParseHolder(System.Text.Encoding.UTF8.GetBytes(content));
        Assert.Equal(pid, holder?.Pid);
        Assert.Equal(host, holder?.Host);
    }
}
