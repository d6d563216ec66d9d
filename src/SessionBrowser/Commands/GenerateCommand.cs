using System.CommandLine;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.Core.Stores.Codex;
using SessionBrowser.Core.Stores.Kimi;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Stores.Qwen;

namespace SessionBrowser.Commands;

/// <summary><c>generate --out DIR --sessions N --messages M [--seed S]</c>: a realistic synthetic store.</summary>
public static class GenerateCommand
{
    /// <summary>What an agent's home needs: sessions, turns per session, seed, and "now" (ages spread over the 60 days before).</summary>
    private sealed record HomeRequest(string UserHome, int Sessions, int Turns, int Seed, DateTimeOffset Now);

    /// <summary>An agent whose home <c>--agent</c> writes: its generator (returns the agent's folder) and the variable that points us at it.</summary>
    private sealed record AgentHome(string Name, Func<HomeRequest, string> Generate, string HomeVariable);

    private static readonly AgentHome[] Agents =
    [
        new(ClaudeStore.SourceName, r => ClaudeHomeGenerator.Generate(r.UserHome, new(r.Sessions, TurnsPerSession: r.Turns, Seed: r.Seed, Now: r.Now)),
            ClaudeHome.ConfigVariable),
        new(CodexStore.SourceName, r => CodexHomeGenerator.Generate(r.UserHome, new(r.Sessions, TurnsPerSession: r.Turns, Seed: r.Seed, Now: r.Now)),
            CodexStore.HomeVariable),
        new(KimiStore.SourceName, r => KimiHomeGenerator.Generate(r.UserHome, new(r.Sessions, TurnsPerSession: r.Turns, Seed: r.Seed, Now: r.Now)),
            KimiLayout.ShareDirVariable),
        new(QwenStore.SourceName, r => QwenHomeGenerator.Generate(r.UserHome, new(r.Sessions, TurnsPerSession: r.Turns, Seed: r.Seed, Now: r.Now)),
            QwenStore.HomeVariable),
        new(OpenCodeStore.SourceName, r => OpenCodeHomeGenerator.Generate(r.UserHome, new(r.Sessions, TurnsPerSession: r.Turns, Seed: r.Seed, Now: r.Now)),
            OpenCodeStore.DataHomeVariable),
    ];

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "The folder to create (must be missing or empty)", HelpName = "DIR", Required = true };
        var sessions = CliOptions.Number("--sessions", "How many sessions", minimum: 0);
        var messages = CliOptions.Number("--messages", "Messages per session on average (each has between half and one and a half times this)");
        var seed = new Option<int?>("--seed") { Description = "The same seed always writes the same store (default 1)", HelpName = "S" };
        var large = CliOptions.Number("--large", "Also one session with exactly N messages (for benchmarks)", minimum: 0);
        var agent = new Option<string?>("--agent")
        {
            Description = "Write an agent's home instead of a native store: --out is then the user's home folder (e.g. HOME/.claude and HOME/work)",
            HelpName = "AGENT",
        };
        agent.AcceptOnlyFromAmong([.. Agents.Select(a => a.Name)]);
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
                var chosen = Agents.Single(a => a.Name == name);
                int count = parse.GetValue(sessions) ?? 0;
                string home = chosen.Generate(new HomeRequest(folder, count, parse.GetValue(messages) ?? 1, parse.GetValue(seed) ?? 1, context.Host.Clock.GetUtcNow()));
                context.Out.WriteLine($"Wrote {Wording.Count(count, $"{name} session")} to {home}.");
                context.Out.WriteLine($"See them with: {chosen.HomeVariable}={home} {context.ProgramName} list --source {name}");
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
