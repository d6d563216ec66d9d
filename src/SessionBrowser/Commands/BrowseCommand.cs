using System.CommandLine;
using Command = System.CommandLine.Command;
using SessionBrowser.Browser;
using SessionBrowser.Browser.Runtime;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// The full-screen browser: what the program does with no command, and <c>pick</c>, which prints
/// the chosen id on stdout (exit 0) or nothing (Esc, exit 1), drawing on /dev/tty so it works
/// inside <c>$(…)</c> and pipes like fzf.
/// </summary>
public static class BrowseCommand
{
    public static Command CreatePick(CliContext context)
    {
        var command = new Command("pick", "Choose a session in the browser and print its id (Esc: nothing, exit 1)");
        command.SetAction(parse => Pick(context, parse));
        return command;
    }

    /// <summary>No command: the browser on a terminal; the plain list when output goes to a file or pipe.</summary>
    public static int RunDefault(CliContext context, ParseResult parse)
    {
        if (!context.Host.IsInteractive) return ListCommand.RunDefault(context, parse);
        var (services, options) = Prepare(context, parse, pick: false);
        var outcome = BrowserHost.Run(services, options);
        switch (outcome)
        {
            case null:
                return ExitCodes.Failure;
            case ResumeOutcome resume:
                {
                    // The browser checked the command before leaving the screen (work dir, program).
                    var session = services.StoreOf(resume.Ref).Find(resume.Ref.Id) ?? throw new CliException($"session {resume.Ref} is gone");
                    var command = resume.Command;
                    context.Error.WriteLine($"Resuming “{Output.SessionWording.OneLine(session.Title)}”: {string.Join(' ', command.Arguments)}" +
                                            (command.WorkingDirectory is { } dir ? $"  (in {dir})" : ""));
                    return ResumeLauncher.Run(command, context.Error);
                }
            default:
                return ExitCodes.Ok;
        }
    }

    private static int Pick(CliContext context, ParseResult parse)
    {
        if (!HasTerminal())
            throw CliException.Usage("pick needs a terminal to draw on (/dev/tty) and there is none; in a script use 'list --json'");
        var (services, options) = Prepare(context, parse, pick: true);
        return BrowserHost.Run(services, options) switch
        {
            PickedOutcome picked => Print(context, picked),
            _ => ExitCodes.Failure,
        };
    }

    /// <summary>Whether the controlling terminal can be opened (it cannot under cron, CI or a detached process).</summary>
    private static bool HasTerminal()
    {
        if (OperatingSystem.IsWindows()) return true;
        try
        {
            using var tty = new FileStream("/dev/tty", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int Print(CliContext context, PickedOutcome picked)
    {
        context.Out.WriteLine(picked.Ref.Id);
        return ExitCodes.Ok;
    }

    /// <summary>Where `e` proposes to write: ~/Downloads when there is one, else the current folder.</summary>
    private static string ExportFolder(CliContext context)
    {
        var downloads = Path.Combine(context.Host.HomeDirectory, "Downloads");
        return Directory.Exists(downloads) ? downloads : Directory.GetCurrentDirectory();
    }

    private static (BrowserServices, BrowserOptions) Prepare(CliContext context, ParseResult parse, bool pick)
    {
        var choice = context.Store(parse);
        var sources = context.Sources(parse);
        var services = new BrowserServices
        {
            Sources = sources,
            Search = new CachedSources(sources, new SearchOptions { CacheDirectory = context.Host.CacheDirectory }),
            Recorded = sources.Store(NativeStore.SourceName) is null ? null : context.NativeStore(parse),
            ResumeTemplate = context.Host.Environment(ResumeLauncher.TemplateVariable),
            Trash = new SessionTrash(choice.Root, context.Host.Clock),
            Clock = context.Host.Clock,
        };
        var options = new BrowserOptions
        {
            PickMode = pick,
            StoreLabel = choice.Root,
            SourceLabel = string.Join(", ", sources.Stores.Select(s => s.Source)),
            CurrentDirectory = Directory.GetCurrentDirectory(),
            ExportDirectory = ExportFolder(context),
            // A script waiting for an id wants the list, not questions about other sessions.
            AskAboutInterrupted = !pick,
            Notice = choice.IsDemo ? "Showing the demo store (a copy): your store has no sessions yet. Use --store DIR for yours." : null,
        };
        return (services, options);
    }
}
