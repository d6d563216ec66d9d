using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Commands;

/// <summary><c>tag ID +a -b</c>: adds and removes tags, atomically under the session's lock.</summary>
public static class TagCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The session id (or a unique start of it)" };
        var changes = new Argument<string[]>("CHANGES")
        {
            Description = "+TAG adds a tag, -TAG removes one, a bare TAG adds it (e.g. tag a3b4 +bug -wip)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("tag", "Add (+TAG) and remove (-TAG) a session's tags; with no changes, print them") { id, changes };
        command.SetAction(parse =>
        {
            var (store, session) = Editable.Require(context.Resolve(context.Sources(parse), parse.GetValue(id)!), "tagged");
            string[] tokens = parse.GetValue(changes) ?? [];
            if (tokens.Length == 0)
            {
                context.Out.WriteLine(session.Tags.Count == 0 ? $"{session.Id} has no tags" : SessionWording.OneLine(string.Join(' ', session.Tags)));
                return ExitCodes.Ok;
            }
            var saved = RenameCommand.Run(() => SessionNaming.ChangeTags(store, session.Id, TagChange.Parse(tokens)));
            context.Out.WriteLine($"Tags of {session.Id}: {(saved.Count == 0 ? "(none)" : SessionWording.OneLine(string.Join(' ', saved)))}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
