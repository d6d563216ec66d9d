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
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[dll, "--store", store, .. arguments]) start.ArgumentList.Add(argument);
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

    /// <summary>Waits for a line starting with <paramref name="prefix"/>; returns it.</summary>
    public string WaitFor(string prefix, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        lock (_gate)
        {
            while (true)
            {
                var line = _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (line is not null) return line;
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _process.HasExited && !Monitor.Wait(_gate, 200))
                    throw new TimeoutException($"no '{prefix}' from the example; it printed: {string.Join(" | ", _lines)}; stderr: {StandardError()}");
                Monitor.Wait(_gate, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }
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
