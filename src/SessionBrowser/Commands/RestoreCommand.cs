using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>restore ID --step N [--yes]</c>: rewinds a native session to a snapshot after showing what
/// will be cut and where it is kept; <c>restore ID --undo</c> puts the newest restore back.
/// The semantics are <see cref="SnapshotRestorer"/>'s.
/// </summary>
public static class RestoreCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The session id (or a unique start of it)" };
        var step = CliOptions.Number("--step", "The snapshot step to go back to", minimum: 0);
        var undo = new Option<bool>("--undo") { Description = "Undo the session's newest restore instead" };
        var yes = CliOptions.Yes("Do it without asking (needed when there is no terminal)");
        var command = new Command("restore", "Rewind a session to a snapshot (what is cut is kept, and the restore can be undone)")
        {
            id, step, undo, yes,
        };
        command.Validators.Add(result =>
        {
            bool hasStep = result.GetResult(step) is not null;
            bool hasUndo = result.GetValue(undo);
            if (hasStep == hasUndo) result.AddError("give either --step N or --undo");
        });
        command.SetAction(parse =>
        {
            var session = ResolveNative(context, parse, parse.GetValue(id)!);
            var restorer = new SnapshotRestorer(context.NativeStore(parse), context.Host.Clock);
            return parse.GetValue(undo)
                ? Undo(context, parse, restorer, session, parse.GetValue(yes))
                : Restore(context, parse, restorer, session, parse.GetValue(step)!.Value, parse.GetValue(yes));
        });
        return command;
    }

    private static int Restore(CliContext context, ParseResult parse, SnapshotRestorer restorer, SessionSummary session, int step, bool yes)
    {
        var plan = restorer.Plan(session.Id, step);
        var output = context.Out;
        if (plan.ChangesNothing)
        {
            output.WriteLine($"Nothing to restore: session {session.Id} has no messages or snapshots after step {step}.");
            return ExitCodes.Ok;
        }

        output.WriteLine($"Restore {session.Ref} \"{SessionWording.OneLine(session.Title)}\" to snapshot step {step} ({SessionWording.Time(Timestamps.Parse(plan.SnapshotTimestamp))}):");
        output.WriteLine($"  keeps    {Wording.Count(plan.KeptMessages, "message")}");
        if (plan.CutMessages + plan.CutDamagedLines > 0)
        {
            string first = plan.FirstCutMessage is { } m
                ? $", from {SessionWording.Time(m.Time)} ({m.Role}: \"{TextOf(m)}\")"
                : "";
            output.WriteLine($"  cuts     {Wording.Count(plan.CutMessages, "message")}" + (plan.CutDamagedLines > 0 ? $" and {Wording.Count(plan.CutDamagedLines, "unreadable line")}" : "") + first);
        }
        if (plan.RemovedSnapshotSteps.Count > 0)
            output.WriteLine($"  removes  {(plan.RemovedSnapshotSteps.Count == 1 ? "snapshot" : "snapshots")} {string.Join(", ", plan.RemovedSnapshotSteps)}");
        if (plan.MetadataBefore.Status != plan.MetadataAfter.Status)
            output.WriteLine($"  status   {plan.MetadataBefore.Status} -> {plan.MetadataAfter.Status}");
        output.WriteLine($"Everything removed is kept in {plan.BackupFolder}.");
        if (!yes && !context.Confirm("Restore?"))
        {
            output.WriteLine("Nothing was changed.");
            return ExitCodes.Ok;
        }

        var backup = restorer.Apply(plan);
        output.WriteLine($"Restored {session.Id} to step {step}; what was removed is in {backup.Folder}.");
        output.WriteLine($"Undo: {context.CommandLine(parse, $"restore {session.Id} --undo")}");
        return ExitCodes.Ok;
    }

    private static int Undo(CliContext context, ParseResult parse, SnapshotRestorer restorer, SessionSummary session, bool yes)
    {
        var backup = restorer.ListBackups(session.Id).FirstOrDefault()
            ?? throw new CliException($"session {session.Id} has no restore to undo");
        context.Out.WriteLine($"Undo the restore of {session.Ref} to step {backup.Step} made {SessionWording.Age(Timestamps.Parse(backup.RestoredAt), context.Host.Clock)}:");
        context.Out.WriteLine($"  puts back {backup.CutBytes} byte(s) of messages" +
                              (backup.RemovedSnapshotSteps.Count > 0 ? $" and snapshot(s) {string.Join(", ", backup.RemovedSnapshotSteps)}" : "") +
                              $" and the metadata from {backup.Folder}");
        if (!yes && !context.Confirm("Undo it?"))
        {
            context.Out.WriteLine("Nothing was changed.");
            return ExitCodes.Ok;
        }
        restorer.Undo(session.Id);
        context.Out.WriteLine($"Undone: {session.Id} is as it was before the restore to step {backup.Step}.");
        return ExitCodes.Ok;
    }

    private static SessionSummary ResolveNative(CliContext context, ParseResult parse, string text)
    {
        var (store, session) = context.Resolve(context.Sources(parse), text);
        if (store.Source != Core.Stores.Native.NativeStore.SourceName)
            throw new CliException($"{session.Ref} is a {store.Source} session; restore works on native sessions (see the browser's Timeline for {store.Source} checkpoints)");
        if (session.Damaged is { } reason)
            throw new CliException($"{session.Ref} is damaged ({reason}); it cannot be restored");
        return session;
    }

    private static string TextOf(Message message)
    {
        string line = SessionWording.OneLine(message.Content);
        return line.Length <= 60 ? line : line[..59] + "…";
    }
}
