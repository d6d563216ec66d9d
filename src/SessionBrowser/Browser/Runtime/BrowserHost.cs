using System.Diagnostics;
using System.Text;
using SessionBrowser.Terminal;
using SessionBrowser.Terminal.Input;

namespace SessionBrowser.Browser.Runtime;

/// <summary>
/// Runs the browser on a terminal: input becomes messages, <see cref="App.Update"/> makes the next
/// state, <see cref="App.View"/> draws it, effects go to the <see cref="EffectRunner"/> (or, for
/// the few that need the terminal itself, are done here on the UI thread).
/// </summary>
public sealed class BrowserHost
{
    private readonly TerminalSession _terminal;
    private readonly EffectRunner _runner;
    private readonly BrowserServices _services;
    private AppState _state;

    private BrowserHost(TerminalSession terminal, BrowserServices services, BrowserOptions options)
    {
        _terminal = terminal;
        _services = services;
        _runner = new EffectRunner(services, msg => terminal.Post(msg));
        Effect[] effects;
        (_state, effects) = App.Init(options, terminal.Width, terminal.Height, services.Clock.GetLocalNow());
        foreach (var e in effects) Execute(e);
    }

    /// <summary>
    /// Takes the terminal, runs until the user leaves, gives the terminal back, and returns how
    /// the browser ended (null when the terminal could not be used; the error is on stderr).
    /// </summary>
    public static BrowserOutcome? Run(BrowserServices services, BrowserOptions options, TerminalOptions? terminalOptions = null)
    {
        BrowserOutcome? outcome = null;
        int code = TerminalSession.Run(terminal =>
        {
            var host = new BrowserHost(terminal, services, options);
            outcome = host.Loop();
            return 0;
        }, terminalOptions);
        return code == 0 ? outcome : null;
    }

    private BrowserOutcome Loop()
    {
        var loop = new EventLoop(_terminal) { TickInterval = TimeSpan.FromSeconds(1) };
        loop.Run(Handle, buffer => App.View(_state, buffer));
        return _state.Outcome ?? new QuitOutcome();
    }

    private bool Handle(object item)
    {
        var msg = item switch
        {
            Msg m => m,
            InputEvent input => InputTranslator.ToMsg(input, _services.Clock.GetLocalNow),
            _ => null,
        };
        if (msg is null) return true;
        Effect[] effects;
        (_state, effects) = App.Update(_state, msg);
        foreach (var effect in effects) Execute(effect);
        return _state.Outcome is null;
    }

    private void Execute(Effect effect)
    {
        switch (effect)
        {
            case OpenPager pager:
                _terminal.RunOutside(() => Page(pager));
                break;
            case CopyToClipboard copy:
                // OSC 52 from here (it is the terminal's); the clipboard programs from the runner, which says what took it.
                _terminal.SetClipboard(copy.Text);
                _runner.Start(copy);
                break;
            case RedrawAll:
                _terminal.Invalidate();
                break;
            default:
                _runner.Start(effect);
                break;
        }
    }

    /// <summary>What goes to the pager: the title (a session's, from its files) and the text, both sanitized.</summary>
    public static string PagerText(OpenPager pager) =>
        Markdown.SessionText.Sanitize(pager.Title + "\n\n" + pager.Text) + "\n";

    /// <summary>Shows text in $PAGER (else less -R, else more) on the normal screen; the text goes in on stdin.</summary>
    private static void Page(OpenPager pager)
    {
        var command = Environment.GetEnvironmentVariable("PAGER");
        var words = string.IsNullOrWhiteSpace(command) ? ["less", "-R"] : ResumeLauncher.Split(command);
        var start = new ProcessStartInfo(words[0]) { UseShellExecute = false, RedirectStandardInput = true, StandardInputEncoding = new UTF8Encoding(false) };
        foreach (var w in words.Skip(1)) start.ArgumentList.Add(w);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Write(PagerText(pager));
            process.StandardInput.Close();
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.Error.WriteLine($"cannot run the pager {words[0]}: {e.Message} (set $PAGER)");
            Thread.Sleep(1500);
        }
        catch (IOException)
        {
            // The user quit the pager before reading everything: that is fine.
        }
    }
}
