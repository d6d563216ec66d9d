using System.Diagnostics;
using System.Text;

namespace SessionBrowser.Browser.Runtime;

/// <summary>
/// `y` copies with OSC 52 (sent by the host on the UI thread), which a terminal may drop: inside
/// tmux it reaches the clipboard only with `set-clipboard on`. So the text also goes to the first
/// clipboard program that fits the session: tmux's buffer (and, with -w, the outer clipboard),
/// wl-copy on Wayland, xclip on X11, pbcopy on macOS. The status line says which one took it.
/// </summary>
public static class Clipboard
{
    /// <summary>A clipboard program: its command line (the text goes in on stdin) and how the status line names it.</summary>
    public sealed record Tool(string[] Command, string Name);

    /// <summary>The programs to try, in order, for this environment; only those found on PATH.</summary>
    public static IReadOnlyList<Tool> Candidates(Func<string, string?> env, Func<string, string?> findProgram)
    {
        var tools = new List<Tool>();
        void Offer(string program, string name, params string[] args)
        {
            if (findProgram(program) is { } path) tools.Add(new Tool([path, .. args], name));
        }
        if (!string.IsNullOrEmpty(env("TMUX")))
        {
            // -w also hands it to the terminal outside tmux (tmux 3.2+); without it, at least the tmux buffer.
            Offer("tmux", "the tmux buffer and clipboard", "load-buffer", "-w", "-");
            Offer("tmux", "the tmux buffer (prefix ] pastes)", "load-buffer", "-");
        }
        if (!string.IsNullOrEmpty(env("WAYLAND_DISPLAY"))) Offer("wl-copy", "the clipboard (wl-copy)");
        if (!string.IsNullOrEmpty(env("DISPLAY"))) Offer("xclip", "the clipboard (xclip)", "-selection", "clipboard");
        if (OperatingSystem.IsMacOS()) Offer("pbcopy", "the clipboard (pbcopy)");
        return tools;
    }

    /// <summary>Gives the text to the first program that takes it; returns what the status line says.</summary>
    public static string Copy(string text, string what) =>
        Candidates(Environment.GetEnvironmentVariable, ResumeLauncher.FindProgram).FirstOrDefault(t => Run(t, text)) is { } tool
            ? $"Copied {what} to {tool.Name}"
            : $"Sent {what} to the terminal (OSC 52); no clipboard program was found (tmux, wl-copy, xclip, pbcopy), so if it is not on the clipboard the terminal dropped it";

    private static bool Run(Tool tool, string text)
    {
        var start = new ProcessStartInfo(tool.Command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in tool.Command.Skip(1)) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Write(text);
            process.StandardInput.Close();
            // wl-copy and xclip stay to serve the selection: their output is never waited for, only their start.
            if (!process.WaitForExit(TimeSpan.FromSeconds(2))) return true;
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return false;
        }
    }
}
