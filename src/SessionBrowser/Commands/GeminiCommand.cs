using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Gemini;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>gemini checkpoints|restore|at-risk|copy</c>: what only Gemini sessions have: file
/// checkpoints with Gemini's /restore, and the sessions Gemini's retention will delete at its
/// next start, with a way to copy them into the native store first.
/// </summary>
public static class GeminiCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("gemini", "Gemini CLI sessions: checkpoints, restore, sessions its retention will delete");
        command.Subcommands.Add(Checkpoints(context));
        command.Subcommands.Add(Restore(context));
        command.Subcommands.Add(AtRisk(context));
        command.Subcommands.Add(Copy(context));
        return command;
    }

    private static Command Copy(CliContext context)
    {
        var ids = new Argument<string[]>("ID") { Description = "Gemini sessions to copy", Arity = ArgumentArity.ZeroOrMore };
        var atRisk = new Option<bool>("--at-risk") { Description = "Copy every session Gemini's retention will delete (see 'gemini at-risk')" };
        var command = new Command("copy", "Copy Gemini sessions into the native store so they outlive Gemini's retention (Gemini's files stay)") { ids, atRisk };
        command.SetAction(parse =>
        {
            var store = Store(context, parse);
            var chosen = parse.GetValue(ids)!.Select(text => Session(context, parse, text).Id).ToList();
            if (parse.GetValue(atRisk))
                chosen.AddRange(store.List().Where(s => s.DeletionWarning is not null && store.ResumeCommandFor(s.Id) is not null).Select(s => s.Id));
            if (chosen.Count == 0) throw CliException.Usage("name sessions to copy, or --at-risk");
            var native = new NativeStore(context.WritableRoot(parse), context.Host.Clock);
            foreach (string id in chosen.Distinct(StringComparer.Ordinal))
            {
                var result = SessionCopy.ToNative(store, id, native);
                context.Out.WriteLine(result.AlreadyCopied
                    ? $"{id}: already copied as native:{result.NativeId}"
                    : $"{id}: copied as native:{result.NativeId} ({result.Messages} messages)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Checkpoints(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The Gemini session (id, unique start of it, or gemini:id)" };
        var command = new Command("checkpoints", "List a Gemini session's checkpoints (time, file, tool, proposed change)") { id };
        command.SetAction(parse =>
        {
            var (store, sessionId) = Session(context, parse, parse.GetValue(id)!);
            var project = store.ProjectOf(sessionId)!;
            var checkpoints = GeminiCheckpoints.ForProject(project).Where(c => c.BelongsTo(sessionId)).ToList();
            if (checkpoints.Count == 0)
            {
                context.Out.WriteLine($"No checkpoints for {sessionId} (Gemini writes them only with checkpointing enabled).");
                return ExitCodes.Ok;
            }
            int step = 1;
            foreach (var checkpoint in checkpoints)
            {
                context.Out.WriteLine($"{step++}. {SessionWording.Time(checkpoint.Time)}  {SessionWording.Printable(checkpoint.Label)}  [{checkpoint.Name}]");
                foreach (string line in checkpoint.DescribeChange().Split('\n').Skip(1).Take(12))
                    context.Out.WriteLine("     " + SessionWording.Printable(line));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Restore(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The Gemini session" };
        var checkpoint = new Argument<string?>("CHECKPOINT")
        {
            Description = "Checkpoint name or its number in 'gemini checkpoints ID'",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var undo = new Option<string?>("--undo") { Description = "Put the project back as it was before a restore (the commit that restore printed)", HelpName = "COMMIT" };
        var yes = CliOptions.Yes("Restore without asking");
        var command = new Command("restore", "Restore the project's files to a checkpoint, as Gemini's /restore does (after showing what changes)")
        {
            id, checkpoint, undo, yes,
        };
        command.SetAction(parse =>
        {
            var (store, sessionId) = Session(context, parse, parse.GetValue(id)!);
            try
            {
                if (parse.GetValue(undo) is { } before)
                {
                    GeminiRestore.Undo(store.Root, store.ProjectOf(sessionId)!, before);
                    context.Out.WriteLine($"Project files put back to {before}.");
                    return ExitCodes.Ok;
                }
                string name = parse.GetValue(checkpoint) ?? throw CliException.Usage("give a CHECKPOINT (see 'gemini checkpoints ID') or --undo COMMIT");
                var plan = GeminiRestore.Plan(store, sessionId, name);
                WritePlan(context, plan);
                if (!parse.GetValue(yes) && !context.Confirm("Restore these files?"))
                {
                    context.Out.WriteLine("Nothing changed.");
                    return ExitCodes.Ok;
                }
                string saved = GeminiRestore.Apply(plan);
                context.Out.WriteLine($"Restored {plan.ProjectPath} to checkpoint {plan.Checkpoint.Name}.");
                context.Out.WriteLine($"The files as they were are kept in the shadow repository; undo with: gemini restore {sessionId} --undo {saved}");
                return ExitCodes.Ok;
            }
            catch (GeminiRestoreException e)
            {
                throw new CliException(e.Message);
            }
        });
        return command;
    }

    private static void WritePlan(CliContext context, GeminiRestorePlan plan)
    {
        context.Out.WriteLine($"Checkpoint {plan.Checkpoint.Name} ({SessionWording.Time(plan.Checkpoint.Time)}): {SessionWording.Printable(plan.Checkpoint.Label)}");
        context.Out.WriteLine($"Project: {plan.ProjectPath}");
        context.Out.WriteLine(plan.DiffStat.Length == 0 ? "Tracked files: no changes." : "Tracked files that change (git diff --stat):");
        if (plan.DiffStat.Length > 0) context.Out.WriteLine(SessionWording.Printable(plan.DiffStat));
        if (plan.UntrackedToRemove.Count > 0)
        {
            context.Out.WriteLine($"Files created since then that go ({plan.UntrackedToRemove.Count}, kept in the shadow repository for undo):");
            foreach (string file in plan.UntrackedToRemove) context.Out.WriteLine("  " + SessionWording.Printable(file));
        }
    }

    private static Command AtRisk(CliContext context)
    {
        var json = CliOptions.Json("Print a JSON array of the sessions at risk");
        var command = new Command("at-risk", "Sessions Gemini's retention (~/.gemini/settings.json) will silently delete at its next start") { json };
        command.SetAction(parse =>
        {
            var store = Store(context, parse);
            var retention = GeminiRetention.Load(store.Root);
            var sessions = store.List().Where(s => s.DeletionWarning is not null).ToList();
            if (parse.GetValue(json))
            {
                AtRiskCommand.Write(context, sessions, asJson: true);
                return ExitCodes.Ok;
            }
            context.Out.WriteLine(retention.Enabled
                ? $"Gemini's retention: on (maxAge {retention.MaxAge?.ToString() ?? "none"}, maxCount {retention.MaxCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})."
                : $"Gemini's retention: off{(retention.Problem is { } p ? $" ({p})" : "")}.");
            AtRiskCommand.Write(context, sessions, asJson: false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The Gemini store itself (retention and checkpoints are Gemini's own, so these commands open it directly).</summary>
    private static GeminiStore Store(CliContext context, ParseResult parse) =>
        GeminiStore.OpenDefault(context.Host.Environment, context.Host.HomeDirectory, context.Host.Clock, context.Host.CacheDirectory)
        ?? throw new CliException($"no Gemini sessions on this machine (set ${GeminiStore.HomeVariable} to use another folder)");

    /// <summary>The session the user named, among Gemini's (inside --project when given).</summary>
    private static (GeminiStore Store, string Id) Session(CliContext context, ParseResult parse, string text)
    {
        var store = Store(context, parse);
        var session = context.Resolve(new SessionSources([store], context.Project(parse)), text).Session;
        if (store.ResumeCommandFor(session.Id) is null)
            throw new CliException($"{session.Id} cannot be read: {session.Damaged}");
        return (store, session.Id);
    }
}
