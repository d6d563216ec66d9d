using System.CommandLine;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Commands;

/// <summary>
/// The command line as a function: arguments and writers in, exit code out. Program.Main calls
/// it with the console; tests call it in-process with string writers and a fixed host.
/// </summary>
public static class Cli
{
    public const string ProgramName = "sessionbrowser";
    public const string DebugVariable = "SESSION_BROWSER_DEBUG";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CliHost? host = null)
    {
        host ??= CliHost.FromProcess();
        var context = new CliContext(stdout, stderr, host);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, like every other error; the full usage is one --help away.
            string command = string.Join(' ', [context.ProgramName, .. CommandPath(parse.CommandResult)]);
            string message = string.Join(' ', parse.Errors[0].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            stderr.WriteLine($"error: {message} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (OutputClosedException)
        {
            // `sessionbrowser list | head`: the rest was not wanted. No message: stderr is often the same pipe.
            return ExitCodes.OutputClosed;
        }
        catch (CliException error)
        {
            stderr.WriteLine($"error: {error.Message}");
            return error.ExitCode;
        }
        catch (InvalidSessionIdException error)
        {
            stderr.WriteLine($"error: {error.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Users get one line; a stack trace only when asked for.
            stderr.WriteLine($"error: {error.Message}");
            if (host.Environment(DebugVariable) is "1") stderr.WriteLine(error);
            return ExitCodes.Failure;
        }
        finally
        {
            try
            {
                stdout.Flush();
            }
            catch (OutputClosedException)
            {
                // The reader left before the last of it; nothing else to do.
            }
        }
    }

    /// <summary>The sub-command names from the root down ("trash empty"), so the help pointed at is the one that failed.</summary>
    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (; result?.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent) names.Push(result.Command.Name);
        return names;
    }

    internal static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("Find, read, resume, restore and clean up AI coding agent sessions. With no command: the full-screen browser (the list when output is not a terminal).");
        root.Options.Add(context.StoreOption);
        root.Options.Add(context.SourceOption);
        root.Options.Add(context.ProjectOption);
        foreach (var create in CommandRegistry.Commands) root.Subcommands.Add(create(context));
        root.SetAction(parse => CommandRegistry.Default(context, parse));
        return root;
    }
}
