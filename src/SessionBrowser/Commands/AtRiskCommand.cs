using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>at-risk [--keep]</c> and <c>keep ID…</c>: the sessions their own agent will delete by
/// itself (Claude's cleanupPeriodDays, Gemini's retention), from every source, and a copy of
/// them in the native store that outlives that cleanup (the agent's files stay as they are).
/// </summary>
public static class AtRiskCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliOptions.Json("Print a JSON array of the sessions at risk");
        var keep = new Option<bool>("--keep") { Description = "Keep a copy of every session at risk in the native store" };
        var command = new Command("at-risk", "Sessions their agent will delete by itself at its next start (Claude's cleanupPeriodDays, Gemini's retention)") { json, keep };
        command.SetAction(parse =>
        {
            var sources = context.Sources(parse);
            var sessions = sources.List().Where(m => m.Session.DeletionWarning is not null).ToList();
            if (parse.GetValue(json))
            {
                Write(context, [.. sessions.Select(m => m.Session)], asJson: true);
                return ExitCodes.Ok;
            }
            foreach (var store in sources.Stores)
                if (store is IRetentionAware { RetentionPolicy: { } policy }) context.Out.WriteLine($"{store.Source}: {SessionWording.Printable(policy)}.");
            Write(context, [.. sessions.Select(m => m.Session)], asJson: false);
            if (parse.GetValue(keep)) Keep(context, parse, sessions);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>keep ID…</c>: one command to keep a copy of named sessions of any source.</summary>
    public static Command CreateKeep(CliContext context)
    {
        var ids = new Argument<string[]>("ID") { Description = "Sessions to keep (id, unique start of it, or source:id)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("keep", "Keep a copy of sessions in the native store, so they outlive their agent's own cleanup (its files stay)") { ids };
        command.SetAction(parse =>
        {
            var sources = context.Sources(parse);
            Keep(context, parse, [.. parse.GetValue(ids)!.Select(text => context.Resolve(sources, text))]);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The sessions at risk, one per line with why, or as JSON rows.</summary>
    public static void Write(CliContext context, IReadOnlyList<SessionSummary> sessions, bool asJson)
    {
        if (asJson)
        {
            using var output = JsonOutput.Open(context.Out);
            output.Writer.WriteStartArray();
            foreach (var session in sessions) SessionJson.WriteSummary(output.Writer, session);
            output.Writer.WriteEndArray();
            return;
        }
        if (sessions.Count == 0)
        {
            context.Out.WriteLine("No session is at risk.");
            return;
        }
        foreach (var session in sessions)
            context.Out.WriteLine($"{session.Ref}  {SessionWording.OneLine(session.Title)}\n    {SessionWording.OneLine(session.DeletionWarning ?? "")}");
    }

    private static void Keep(CliContext context, ParseResult parse, IReadOnlyList<SessionMatch> sessions)
    {
        var native = context.NativeStore(parse);
        foreach (var (store, session) in sessions)
        {
            if (store.Source == native.Source)
            {
                context.Out.WriteLine($"{session.Ref}: already in the native store");
                continue;
            }
            try
            {
                var result = SessionCopy.ToNative(store, session.Id, native);
                context.Out.WriteLine(result.AlreadyCopied
                    ? $"{session.Ref}: already kept as native:{result.NativeId}"
                    : $"{session.Ref}: kept as native:{result.NativeId} ({result.Messages} messages)");
            }
            catch (InvalidOperationException e)
            {
                context.Error.WriteLine($"{session.Ref}: {SessionWording.OneLine(e.Message)}");
            }
        }
    }
}
