using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Commands;

/// <summary><c>stats [--json] [--by day|model|tag|workdir]</c>: the reference's figures plus breakdowns.</summary>
public static class StatsCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliOptions.Json("Print the figures as JSON");
        var by = new Option<string?>("--by")
        {
            Description = "Show one breakdown in full: day, model, tag or workdir",
            HelpName = "GROUP",
        };
        by.AcceptOnlyFromAmong(StatsReport.Groups);
        var command = new Command("stats", "Totals (sessions, messages, tokens, cost) with activity by day, model, tag and work dir") { json, by };
        command.SetAction(parse =>
        {
            var stats = SessionStatistics.Compute(IndexedSessions.Load(context, context.Sources(parse)).Select(match => match.Session));
            string? group = parse.GetValue(by);
            if (parse.GetValue(json)) StatsReport.WriteJson(context.Out, stats, group);
            else StatsReport.WriteText(context.Out, stats, group, context.ScreenWidth, DateOnly.FromDateTime(context.Host.Clock.GetLocalNow().DateTime));
            return ExitCodes.Ok;
        });
        return command;
    }
}
