using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>delete ID... [--yes]</c>: shows what goes, asks, and moves the sessions into the trash
/// (undo with <c>trash restore</c>). Every id is checked before anything moves; live sessions are refused.
/// </summary>
public static class DeleteCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("ID") { Description = "Sessions to delete (ids, unique starts of ids, or source:id)", Arity = ArgumentArity.OneOrMore };
        var yes = CliOptions.Yes("Delete without asking (needed when there is no terminal)");
        var command = new Command("delete", "Move sessions to the trash, after showing what goes and asking") { ids, yes };
        command.SetAction(parse => Run(context, parse, parse.GetValue(ids)!, parse.GetValue(yes)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string[] ids, bool yes)
    {
        var sources = context.Sources(parse);
        // Resolve everything first: one bad id and nothing is touched.
        var targets = ids.Select(id => context.Resolve(sources, id)).DistinctBy(match => match.Session.Ref).ToList();
        foreach (var (store, session) in targets)
        {
            if (store is not IDeletableStore)
                throw new CliException($"{session.Ref} cannot be deleted: {StoreAbilities.Missing(store, "delete")}");
            if (session.Liveness == Liveness.Live)
                throw new CliException($"{session.Ref} is live (another process is writing it); nothing was deleted");
        }

        var output = context.Out;
        output.WriteLine(targets.Count == 1 ? "This session will be moved to the trash:" : $"These {targets.Count} sessions will be moved to the trash:");
        foreach (var (store, session) in targets)
        {
            var plan = ((IDeletableStore)store).PlanDelete(session.Id);
            var files = plan.Files;
            long bytes = files.Sum(FileTree.Size);
            // A session that is only database rows (opencode) has no files: say which rows go instead.
            string what = files.Count > 0 ? $"{Wording.Bytes(bytes)} in {string.Join(", ", files)}" : string.Join("; ", plan.Records);
            output.WriteLine($"  {session.Ref}  {SessionWording.OneLine(session.Title)}");
            output.WriteLine($"      {SessionWording.Status(session)}, {session.MessageCount} messages, last active {SessionWording.Age(session.LastActive, context.Host.Clock)}, " +
                             what);
        }
        if (!yes && !context.Confirm(targets.Count == 1 ? "Delete it?" : $"Delete these {targets.Count} sessions?"))
        {
            output.WriteLine("Nothing was deleted.");
            return ExitCodes.Ok;
        }

        var trash = context.Trash(parse);
        var deleted = new List<SessionMatch>();
        var failures = new List<string>();
        foreach (var match in targets)
        {
            try
            {
                trash.DeleteSession(match.Store, match.Session.Id);
                deleted.Add(match);
            }
            catch (Exception error) when (error is SessionRefusedException or IOException or UnauthorizedAccessException or KeyNotFoundException)
            {
                failures.Add($"{match.Session.Ref}: {error.Message}");
            }
        }

        if (deleted.Count > 0)
        {
            output.WriteLine($"Moved {deleted.Count} session(s) to the trash ({trash.Folder}).");
            output.WriteLine($"Undo: {context.CommandLine(parse, "trash restore " + string.Join(' ', deleted.Select(m => m.Session.Id)))}");
        }
        if (failures.Count == 0) return ExitCodes.Ok;
        foreach (string failure in failures) context.Error.WriteLine($"error: not deleted: {failure}");
        return ExitCodes.Failure;
    }
}
