using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using SessionBrowser.Terminal.Input;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal;

/// <summary>
/// Owns the terminal while a full-screen program runs: raw input, the alternate screen, a hidden
/// cursor, mouse reporting and bracketed paste. <see cref="Restore"/> undoes all of it exactly
/// once and is reached from every way out: Dispose, an exception (<see cref="Run"/>), an
/// unhandled exception on any thread, process exit, SIGTERM, SIGHUP and SIGINT. Ctrl+Z
/// (<see cref="Suspend"/>) and SIGTSTP leave the terminal clean and SIGCONT comes back.
/// <para>
/// Everything goes through the terminal device (/dev/tty), never stdin/stdout, so a program can
/// print its result on a clean stdout. Do not use System.Console for input while a session runs.
/// </para>
/// </summary>
public sealed class TerminalSession : ITerminal, IDisposable
{
    private const string EnterSequence = "\e[?1049h\e[?25l\e[0m\e[H\e[2J";
    private const string MouseOn = "\e[?1000h\e[?1002h\e[?1006h";
    private const string MouseOff = "\e[?1006l\e[?1002l\e[?1000l";
    private const string PasteOn = "\e[?2004h";
    private const string PasteOff = "\e[?2004l";
    private const string LeaveSequence = "\e[?2026l\e[0m\e]8;;\e\\\e[?25h\e[?1049l";

    private readonly TerminalOptions _options;
    private readonly FileStream _input;
    private readonly FileStream _output;
    private readonly string _savedMode;
    private readonly FrameRenderer _renderer;
    private readonly BlockingCollection<object> _queue = new();
    private readonly object _lock = new();
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Thread _reader;
    private readonly ManualResetEventSlim _readerMayRun = new(true);
    private readonly ManualResetEventSlim _readerIdle = new(false);
    private State _state = State.Active;
    private bool _stoppedBySignal;

    private enum State { Active, Outside, Restored }

    private TerminalSession(TerminalOptions options)
    {
        _options = options;
        ColorMode = options.Colors ?? ColorSupport.FromEnvironment();
        _renderer = new FrameRenderer(ColorMode);
        try
        {
            _input = new FileStream(options.TtyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
            _output = new FileStream(options.TtyPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the terminal {options.TtyPath}: {e.Message}", e);
        }
        _savedMode = Stty.Run(options.TtyPath, "-g");
        (Width, Height) = Stty.Size(options.TtyPath) ?? (80, 24);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "terminal input" };
    }

    public int Width { get; private set; }
    public int Height { get; private set; }
    public ColorMode ColorMode { get; }

    /// <summary>Takes over the terminal. Throws IOException when there is no terminal to take.</summary>
    public static TerminalSession Start(TerminalOptions? options = null)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the full-screen terminal needs a Unix terminal (Linux or macOS)");
        var session = new TerminalSession(options ?? new TerminalOptions());
        session.Enter();
        session.HookExitPaths();
        session._reader.Start();
        return session;
    }

    /// <summary>
    /// Runs a full-screen program and restores the terminal however it ends. An exception is
    /// reported on stderr after the terminal is back on the normal screen, and gives exit code 1.
    /// </summary>
    public static int Run(Func<TerminalSession, int> program, TerminalOptions? options = null)
    {
        TerminalSession session;
        try
        {
            session = Start(options);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        try
        {
            return program(session);
        }
        catch (Exception e)
        {
            session.Restore();
            Console.Error.WriteLine($"error: the program failed and the terminal was restored: {e.Message}");
            Console.Error.WriteLine(e);
            return 1;
        }
        finally
        {
            session.Dispose();
        }
    }

    public void Draw(Rendering.Buffer frame, (int X, int Y)? cursor = null)
    {
        lock (_lock)
        {
            if (_state != State.Active) return;
            WriteLocked(_renderer.Render(frame, cursor));
        }
    }

    public bool TryTake(out object? item, TimeSpan timeout) => _queue.TryTake(out item, timeout);

    public void Post(object message)
    {
        if (!_queue.IsAddingCompleted) _queue.Add(message);
    }

    /// <summary>Leaves the screen, runs <paramref name="action"/> on the normal terminal (a pager, an editor, a resumed session), then comes back.</summary>
    public T RunOutside<T>(Func<T> action)
    {
        Leave();
        try
        {
            return action();
        }
        finally
        {
            Reenter();
        }
    }

    public void RunOutside(Action action) => RunOutside(() => { action(); return 0; });

    /// <summary>Puts text on the system clipboard with OSC 52 (terminals that allow it; others ignore the sequence).</summary>
    public void SetClipboard(string text)
    {
        var sequence = "\e]52;c;" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)) + "\a";
        lock (_lock)
        {
            if (_state == State.Active) WriteLocked(System.Text.Encoding.ASCII.GetBytes(sequence));
        }
    }

    /// <summary>Forgets what the screen shows so the next frame is drawn whole (Ctrl+L after another program wrote on it).</summary>
    public void Invalidate()
    {
        lock (_lock) _renderer.Invalidate();
    }

    public void Suspend()
    {
        Leave();
        _stoppedBySignal = true;
        // SIGSTOP rather than SIGTSTP: .NET does not carry out SIGTSTP's default stop once a
        // handler is registered. The shell sees the job stop either way; `fg` sends SIGCONT.
        Stty.Signal("STOP");
    }

    /// <summary>Gives the terminal back as it was found. Safe to call any number of times, from any thread.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            if (_state == State.Restored) return;
            bool wasActive = _state == State.Active;
            _state = State.Restored;
            if (wasActive) LeaveLocked();
        }
        _queue.CompleteAdding();
    }

    public void Dispose()
    {
        Restore();
        foreach (var registration in _signals) registration.Dispose();
        _signals.Clear();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
    }

    private void Enter()
    {
        // min 0 time 1: a read returns after 0.1 s without input, so the reader can be paused.
        Stty.Run(_options.TtyPath, "raw", "-echo", "min", "0", "time", "1");
        lock (_lock)
        {
            var sequence = EnterSequence + (_options.Mouse ? MouseOn : "") + (_options.BracketedPaste ? PasteOn : "");
            WriteLocked(System.Text.Encoding.ASCII.GetBytes(sequence));
            _renderer.Invalidate();
        }
    }

    private void Leave()
    {
        PauseReader();
        lock (_lock)
        {
            if (_state != State.Active) return;
            _state = State.Outside;
            LeaveLocked();
        }
    }

    private void Reenter()
    {
        lock (_lock)
        {
            if (_state != State.Outside) return;
            _state = State.Active;
        }
        Enter();
        (Width, Height) = Stty.Size(_options.TtyPath) ?? (Width, Height);
        _readerMayRun.Set();
        Post(new ResizeEvent(Width, Height));
    }

    private void LeaveLocked()
    {
        var sequence = (_options.BracketedPaste ? PasteOff : "") + (_options.Mouse ? MouseOff : "") + LeaveSequence;
        WriteLocked(System.Text.Encoding.ASCII.GetBytes(sequence));
        try { Stty.Run(_options.TtyPath, _savedMode); }
        catch (Exception e) when (e is IOException or InvalidOperationException) { /* the terminal is gone (SIGHUP) */ }
    }

    private void WriteLocked(byte[] bytes)
    {
        if (bytes.Length == 0) return;
        try
        {
            _output.Write(bytes);
            _output.Flush();
        }
        catch (IOException) { /* the terminal went away; nothing left to draw on */ }
    }

    /// <summary>Stops the reader between reads so a child program gets every key.</summary>
    private void PauseReader()
    {
        _readerIdle.Reset();
        _readerMayRun.Reset();
        if (Thread.CurrentThread != _reader && _reader.IsAlive) _readerIdle.Wait(TimeSpan.FromMilliseconds(500));
    }

    private void ReadLoop()
    {
        var buffer = new byte[4096];
        while (!_queue.IsAddingCompleted)
        {
            if (!_readerMayRun.IsSet)
            {
                _readerIdle.Set();
                _readerMayRun.Wait();
                continue;
            }
            int n;
            try { n = _input.Read(buffer, 0, buffer.Length); }
            catch (IOException) { break; }
            if (n > 0 && _readerMayRun.IsSet) Post(new RawInput(buffer[..n]));
        }
        _readerIdle.Set();
    }

    private void HookExitPaths()
    {
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        // Not cancelled, so the default action (terminate) follows once the terminal is restored.
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            _signals.Add(PosixSignalRegistration.Create(signal, _ => Restore()));
        if (OperatingSystem.IsWindows()) return;
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => OnResize()));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTSTP, context => { context.Cancel = true; Suspend(); }));
        // Cancelled so .NET does not re-apply the terminal settings it saved at start-up (cooked
        // mode) after we have gone back to raw mode; the kernel continues the process regardless.
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGCONT, context => { context.Cancel = true; OnContinue(); }));
    }

    private void OnResize()
    {
        if (Stty.Size(_options.TtyPath) is not { } size || (size.Width == Width && size.Height == Height)) return;
        (Width, Height) = size;
        Post(new ResizeEvent(Width, Height));
    }

    private void OnContinue()
    {
        if (!_stoppedBySignal) return;
        _stoppedBySignal = false;
        Reenter();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) => Restore();
}
