using System.CommandLine;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Stores.Claude;

namespace SessionBrowser.Commands;

/// <summary><c>generate --out DIR --sessions N --messages M [--seed S]</c>: a realistic synthetic store.</summary>
public static class GenerateCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "The folder to create (must be missing or empty)", HelpName = "DIR", Required = true };
        var sessions = CliOptions.Number("--sessions", "How many sessions", minimum: 0);
        var messages = CliOptions.Number("--messages", "Messages per session on average (each has between half and one and a half times this)");
        var seed = new Option<int?>("--seed") { Description = "The same seed always writes the same store (default 1)", HelpName = "S" };
        var large = CliOptions.Number("--large", "Also one session with exactly N messages (for benchmarks)", minimum: 0);
        var agent = new Option<string?>("--agent")
        {
            Description = "Write an agent's home instead of a native store: --out is then the user's home folder (claude: HOME/.claude and HOME/work)",
            HelpName = "AGENT",
        };
        agent.AcceptOnlyFromAmong(ClaudeStore.SourceName);
        var faults = new Option<bool>("--faults") { Description = "Also the faults real stores show: corrupt metadata, a torn line, a legacy session, a foreign folder" };
        sessions.Required = true;
        messages.Required = true;

        var command = new Command("generate", "Write a synthetic store (Markdown, code, tables, CJK and emoji, tool messages, snapshots, every status)")
        {
            output, sessions, messages, seed, large, faults, agent,
        };
        command.SetAction(parse =>
        {
            string folder = Path.GetFullPath(parse.GetValue(output)!);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
                throw new CliException($"{folder} is not empty; generate writes a new store into a missing or empty folder");
            if (parse.GetValue(agent) is { } name)
            {
                string home = ClaudeHomeGenerator.Generate(folder, new ClaudeHomeGenerator.Options(
                    Sessions: parse.GetValue(sessions) ?? 0, TurnsPerSession: parse.GetValue(messages) ?? 1, Seed: parse.GetValue(seed) ?? 1,
                    Now: context.Host.Clock.GetUtcNow()));
                context.Out.WriteLine($"Wrote {parse.GetValue(sessions) ?? 0} {name} sessions to {home}.");
                context.Out.WriteLine($"See them with: {ClaudeHome.ConfigVariable}={home} {context.ProgramName} list --source {name}");
                return ExitCodes.Ok;
            }
            var result = StoreGenerator.Generate(folder, new GeneratorOptions
            {
                Sessions = parse.GetValue(sessions) ?? 0,
                Messages = parse.GetValue(messages) ?? 1,
                Seed = parse.GetValue(seed) ?? 1,
                LargeSessionMessages = parse.GetValue(large) ?? 0,
                IncludeFaults = parse.GetValue(faults),
            });
            context.Out.WriteLine(
                $"Wrote {result.Sessions} sessions, {result.Messages} messages and {result.Snapshots} snapshots " +
                $"({Wording.Bytes(result.Bytes)}) to {folder}" +
                (result.LargeSessionId is { } largeId ? $"; the large session is {largeId}" : "") + ".");
            context.Out.WriteLine($"See them with: {context.ProgramName} --store {folder} list");
            return ExitCodes.Ok;
        });
        return command;
    }
}
