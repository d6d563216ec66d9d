using SessionBrowser.Core.Stores;
using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Commands;

/// <summary><c>rename ID TEXT</c>: sets the session's description (its title), atomically under its lock.</summary>
public static class RenameCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The session id (or a unique start of it)" };
        var text = new Argument<string>("TEXT") { Description = "The new title (quote it when it has spaces)" };
        var command = new Command("rename", "Give a session a new title (its description)") { id, text };
        command.SetAction(parse =>
        {
            var (store, session) = Editable.Require(context.Resolve(context.Sources(parse), parse.GetValue(id)!), "renamed");
            string saved = Run(() => SessionNaming.Rename(store, session.Id, parse.GetValue(text)!));
            context.Out.WriteLine($"Renamed {session.Id}: {SessionWording.OneLine(saved)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Invalid input is a usage error; a held lock is a plain failure with who holds it.</summary>
    internal static T Run<T>(Func<T> change)
    {
        try
        {
            return change();
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(e.Message);
        }
        catch (SessionRefusedException e)
        {
            throw new CliException(e.Message);
        }
    }
}
