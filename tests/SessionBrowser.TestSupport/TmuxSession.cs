using System.Diagnostics;
using System.Text;

namespace SessionBrowser.TestSupport;

/// <summary>
/// Runs a program in a detached tmux session for end-to-end tests: send keys, text and mouse
/// clicks, wait until text appears, capture the screen, resize, and after exit check that the
/// terminal left the alternate screen with the cursor visible. Each session gets its own tmux
/// server (a private socket), so tests never touch anyone's tmux; Dispose kills that server.
/// A small shell wrapper runs the program and, when it ends, prints "[exited N]" and keeps the
/// pane open: tmux hides the cursor of a dead pane, so the terminal state the program left behind
/// can only be checked in a pane that is still alive.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _socket;
    private readonly string _config;
    private bool _disposed;

    private TmuxSession(string socket, string config, string name)
    {
        _socket = socket;
        _config = config;
        Name = name;
    }

    public string Name { get; }

    public static bool IsAvailable
    {
        get
        {
            try { return Run(["-V"], check: false).ExitCode == 0; }
            catch (System.ComponentModel.Win32Exception) { return false; }
        }
    }

    /// <summary>Starts <paramref name="command"/> (program and arguments) in a new width x height session.</summary>
    public static TmuxSession Start(IReadOnlyList<string> command, int width = 120, int height = 40,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var socket = "sbtest-" + id;
        // No status line, so the pane is the whole window.
        var config = Path.Combine(Path.GetTempPath(), $"sbtest-{id}.tmux.conf");
        File.WriteAllText(config, "set -g status off\nset -g default-terminal tmux-256color\n");
        var session = new TmuxSession(socket, config, "sbtest" + id);
        var args = new List<string> { "new-session", "-d", "-s", session.Name, "-x", width.ToString(), "-y", height.ToString() };
        if (workingDirectory is not null) args.AddRange(["-c", workingDirectory]);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) args.AddRange(["-e", $"{key}={value}"]);
        args.Add("exec sh -c '\"$@\"; s=$?; printf \"\\n[exited %d]\\n\" \"$s\"; exec sleep 86400' sh " + string.Join(' ', command.Select(ShellQuote)));
        try
        {
            session.Tmux(args.ToArray());
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return session;
    }

    /// <summary>Sends tmux key names: "j", "Enter", "Escape", "C-c", "Up", "PageDown", "F5".</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Name, .. keys]);

    /// <summary>Sends text exactly as typed (escape sequences included).</summary>
    public void SendText(string text) => Tmux(["send-keys", "-t", Name, "-l", text]);

    /// <summary>A left click (press and release) at a zero-based cell, as SGR mouse reports it.</summary>
    public void Click(int x, int y) => SendText($"\e[<0;{x + 1};{y + 1}M\e[<0;{x + 1};{y + 1}m");

    public void Wheel(int x, int y, bool down) => SendText($"\e[<{(down ? 65 : 64)};{x + 1};{y + 1}M");

    /// <summary>Pastes text the way a terminal does (bracketed when the program asked for it).</summary>
    public void Paste(string text)
    {
        Tmux(["set-buffer", "-b", "sbtest", "--", text]);
        Tmux(["paste-buffer", "-p", "-d", "-b", "sbtest", "-t", Name]);
    }

    /// <summary>The newest paste buffer of this tmux server (what a program's `tmux load-buffer` left there).</summary>
    public string ShowBuffer() => Tmux(["show-buffer"]);

    /// <summary>The visible screen as text, one line per row.</summary>
    public string Capture() => Tmux(["capture-pane", "-p", "-t", Name]);

    /// <summary>The screen with its colours and attributes as SGR escape sequences (tmux's -e).</summary>
    public string CaptureStyled() => Tmux(["capture-pane", "-p", "-e", "-t", Name]);

    /// <summary>Waits until the screen contains <paramref name="text"/>; returns the screen, or throws with it.</summary>
    public string WaitForText(string text, TimeSpan? timeout = null) =>
        WaitUntil(screen => screen.Contains(text, StringComparison.Ordinal), $"text \"{text}\"", timeout);

    public string WaitUntil(Func<string, bool> condition, string description, TimeSpan? timeout = null)
    {
        var limit = Stopwatch.StartNew();
        var wait = timeout ?? TimeSpan.FromSeconds(15);
        string screen = "";
        while (true)
        {
            screen = Capture();
            if (condition(screen)) return screen;
            if (limit.Elapsed > wait)
                throw new TimeoutException($"waited {wait.TotalSeconds:0.#} s for {description}; the screen was:\n{screen}");
            Thread.Sleep(50);
        }
    }

    /// <summary>Waits until the program has exited; returns its exit status.</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        var screen = WaitUntil(s => ExitPattern.IsMatch(s), "the program to exit", timeout);
        return int.Parse(ExitPattern.Matches(screen)[^1].Groups[1].Value);
    }

    private static readonly System.Text.RegularExpressions.Regex ExitPattern = new(@"\[exited (\d+)\]");

    public void Resize(int width, int height) => Tmux(["resize-window", "-t", Name, "-x", width.ToString(), "-y", height.ToString()]);

    public bool AlternateScreen => Query("#{alternate_on}") == "1";
    public bool CursorVisible => Query("#{cursor_flag}") == "1";
    public bool Exited => ExitPattern.IsMatch(Capture());

    /// <summary>Whether the pane is in application cursor mode (<c>\e[?1h</c>) or application keypad mode (<c>\e=</c>).</summary>
    public bool ApplicationKeys => Query("#{keypad_cursor_flag}") == "1" || Query("#{keypad_flag}") == "1";

    /// <summary>From now on, appends every byte the program writes to the pane to <paramref name="file"/> (tmux pipe-pane).</summary>
    public void RecordOutput(string file) => Tmux(["pipe-pane", "-o", "-t", Name, "cat >> " + ShellQuote(file)]);

    /// <summary>The program's process id: the child of the pane's wrapper shell.</summary>
    public int ProcessId
    {
        get
        {
            var shell = Query("#{pane_pid}");
            var children = File.ReadAllText($"/proc/{shell}/task/{shell}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 ? int.Parse(children[0]) : throw new InvalidOperationException("the program is not running");
        }
    }

    /// <summary>Sends a signal (e.g. "TERM", "HUP") to the program.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, ProcessId.ToString()]) { UseShellExecute = false });
        kill?.WaitForExit();
    }

    public string Query(string format) => Tmux(["display-message", "-p", "-t", Name, format]).Trim();

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            // tmux leaves the socket file behind when its server is killed.
            var socketPath = Run(["-L", _socket, "display-message", "-p", "#{socket_path}"], check: false).Output.Trim();
            Run(["-L", _socket, "kill-server"], check: false);
            if (socketPath.Length > 0 && Path.GetFileName(socketPath) == _socket) File.Delete(socketPath);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or UnauthorizedAccessException) { }
        try { File.Delete(_config); } catch (IOException) { }
    }

    private string Tmux(string[] args) => Run(["-L", _socket, "-f", _config, .. args], check: true).Output;

    private static (int ExitCode, string Output) Run(string[] args, bool check)
    {
        var psi = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start tmux");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed: {error.Trim()}");
        return (process.ExitCode, output);
    }

    private static string ShellQuote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";
}
