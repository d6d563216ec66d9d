using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Commands;

/// <summary><c>merge ID ID... [--description TEXT]</c>: a new session holding the inputs' messages in time order; the inputs stay as they are.</summary>
public static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("ID") { Description = "Two or more sessions to merge", Arity = ArgumentArity.OneOrMore };
        // One id parses (the parser's own message would be "Required argument missing"), then is refused with the reason.
        ids.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1) result.AddError($"merge needs two or more sessions; only '{result.Tokens[0].Value}' was given");
        });
        var description = new Option<string?>("--description", "-d") { Description = "The new session's title (default: \"Merge of …\")", HelpName = "TEXT" };
        var command = new Command("merge", "Merge sessions into a new one (messages in time order, counters summed, tags joined)") { ids, description };
        command.SetAction(parse =>
        {
            var sources = context.Sources(parse);
            var inputs = parse.GetValue(ids)!.Select(text => NativeSession.Require(context.Resolve(sources, text), "merged")).ToList();
            var store = inputs[0].Store;
            if (inputs.Any(input => input.Store.Root != store.Root)) throw CliException.Usage("the sessions to merge must be in the same store");
            string? title = parse.GetValue(description);
            var result = RenameCommand.Run(() =>
            {
                if (title is not null) SessionNaming.ValidTitle(title);
                return SessionMerger.Merge(store, [.. inputs.Select(input => input.Session.Id)], title, context.Host.Clock);
            });
            if (result.SkippedLines > 0)
                context.Error.WriteLine($"left out {result.SkippedLines} unreadable message line(s) of the inputs");
            context.Out.WriteLine($"Merged {inputs.Count} sessions into {result.Merged.Id} ({result.Messages} messages): {SessionWording.OneLine(result.Merged.Description ?? "")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
