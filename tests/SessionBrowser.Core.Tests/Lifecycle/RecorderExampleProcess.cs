using System.Diagnostics;

namespace SessionBrowser.Core.Tests.Lifecycle;

/// <summary>
/// The RecorderExample agent run as a child process, with its output read line by line so a test
/// can act at a known point ("step 3") instead of sleeping.
/// </summary>
internal sealed class RecorderExampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly object _gate = new();

    public RecorderExampleProcess(string store, params string[] arguments)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "SessionBrowser.RecorderExample.dll");
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // Tests started in the background of a shell without job control (`cmd &`) inherit SIGINT
        // ignored, and a child with SIGINT ignored rightly keeps ignoring it: env (which then
        // execs, keeping the pid) gives the agent the default disposition a terminal would.
        string[] command = SigIntIgnored() ? ["env", "--default-signal=INT", host, dll] : [host, dll];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[.. command[1..], "--store", store, .. arguments]) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_gate)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_gate);
            }
        };
        _process.BeginOutputReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>Whether this process ignores SIGINT (bit 2 of the SigIgn mask in /proc/self/status).</summary>
    private static bool SigIntIgnored()
    {
        string? line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }

    /// <summary>Waits for a line starting with <paramref name="prefix"/>; returns it.</summary>
    public string WaitFor(string prefix, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (Find(prefix) is { } line) return line;
            if (_process.HasExited)
            {
                // The output events can still be on their way after the exit: WaitForExit() without
                // a timeout returns only once the redirected output has been read to its end.
                _process.WaitForExit();
                return Find(prefix) ?? throw NotSeen(prefix);
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw NotSeen(prefix);
            lock (_gate) Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    private string? Find(string prefix)
    {
        lock (_gate) return _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
    }

    private TimeoutException NotSeen(string prefix)
    {
        string printed;
        lock (_gate) printed = string.Join(" | ", _lines);
        return new TimeoutException($"no '{prefix}' from the example; it printed: {printed}; stderr: {StandardError()}");
    }

    public string SessionId => WaitFor("session ")["session ".Length..];

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a POSIX signal (INT, TERM) the way a terminal or a service manager would.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(TimeSpan.FromSeconds(60)), "the example did not exit");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private string StandardError() => _process.HasExited ? _process.StandardError.ReadToEnd() : "(still running)";

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
