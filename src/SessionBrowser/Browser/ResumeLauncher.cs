using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Browser;

/// <summary>
/// Runs a session's resume command after the browser has left the screen. A template such as
/// <c>kimi --session {id}</c> is split into words here (quotes group words) and each word gets
/// the session's values, so an id or a folder name can never be read as shell syntax: the
/// program is started with an argument list, in the session's work dir, never through a shell.
/// </summary>
public static class ResumeLauncher
{
    /// <summary>Environment variable that overrides the resume template for every source.</summary>
    public const string TemplateVariable = "SESSION_BROWSER_RESUME";

    /// <summary>
    /// What Enter leads to, decided before the screen is left: the command (the template's or the
    /// source's) when it can run; else why not, said in the browser, which stays open. A work dir
    /// that is gone is never swapped for the current folder silently: the browser asks first
    /// (<paramref name="inCurrentFolder"/> is the answer yes).
    /// </summary>
    public static Msg Prepare(SessionSummary session, Func<ResumeCommand?> sourceCommand, string? template,
                              string currentDirectory, bool inCurrentFolder)
    {
        bool templated = !string.IsNullOrWhiteSpace(template);
        var command = templated
            ? new ResumeCommand([.. Split(template!).Select(w => Fill(w, session))], session.WorkDir is { Length: > 0 } d ? d : null)
            : sourceCommand();
        if (command is null || command.Arguments.Count == 0)
            return new ActionFailed($"The {session.Source} source does not say how to resume {session.Id}; set ${TemplateVariable}, e.g. \"kimi --session {{id}}\"");
        // A source gives no folder when the recorded one is gone: the session's own field tells.
        string? missing = session.WorkDir is { Length: > 0 } recorded && !Directory.Exists(recorded) ? recorded
            : command.WorkingDirectory is { } wd && !Directory.Exists(wd) ? wd : null;
        if (missing is not null && !inCurrentFolder)
            return new ResumeNeedsFolder(session.Ref, missing, currentDirectory);
        if (inCurrentFolder) command = command with { WorkingDirectory = currentDirectory };
        if (FindProgram(command.Arguments[0]) is null)
            return new ActionFailed($"Cannot resume: {Markdown.SessionText.OneLine(command.Arguments[0])} is not installed (not found on PATH); set ${TemplateVariable} to the command that resumes it");
        return new ResumeReady(session.Ref, command);
    }

    /// <summary>The program's file: a path as given, else the first match on $PATH; null when there is none.</summary>
    public static string? FindProgram(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar) || program.Contains('/'))
            return File.Exists(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe")) return candidate + ".exe";
        }
        return null;
    }

    /// <summary>Words of a template: spaces separate, "double" or 'single' quotes group, nothing else is special.</summary>
    public static List<string> Split(string template)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in template)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0'; else word.Append(c);
                continue;
            }
            if (c is '"' or '\'') { quote = c; inWord = true; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                continue;
            }
            word.Append(c);
            inWord = true;
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    private static string Fill(string word, SessionSummary s) => word
        .Replace("{id}", s.Id, StringComparison.Ordinal)
        .Replace("{source}", s.Source, StringComparison.Ordinal)
        .Replace("{workdir}", s.WorkDir ?? "", StringComparison.Ordinal)
        .Replace("{path}", s.Path, StringComparison.Ordinal);

    /// <summary>Starts the command attached to this terminal and waits; the exit code is the command's.</summary>
    public static int Run(ResumeCommand command, TextWriter error)
    {
        if (command.Arguments.Count == 0)
        {
            error.WriteLine("error: the resume command is empty");
            return 1;
        }
        var start = new ProcessStartInfo(command.Arguments[0]) { UseShellExecute = false };
        foreach (var argument in command.Arguments.Skip(1)) start.ArgumentList.Add(argument);
        if (command.WorkingDirectory is { } dir)
        {
            if (!Directory.Exists(dir))
            {
                error.WriteLine($"error: the session's work dir {dir} does not exist; not resuming there");
                return 1;
            }
            start.WorkingDirectory = dir;
        }
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            error.WriteLine($"error: cannot run {command.Arguments[0]} ({e.Message}); set the resume command with ${TemplateVariable}, e.g. \"kimi --session {{id}}\"");
            return 1;
        }
    }
}
