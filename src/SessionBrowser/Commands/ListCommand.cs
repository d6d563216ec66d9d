using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary><c>list [--json] [--status S] [--tag T] [--limit N]</c>: the sessions, most recently active first.</summary>
public static class ListCommand
{
    public sealed record Query(bool Json = false, string? Status = null, IReadOnlyList<string>? Tags = null, int? Limit = null);

    public static Command Create(CliContext context)
    {
        var json = CliOptions.Json("Print a JSON array instead of a table");
        var status = new Option<string?>("--status")
        {
            Description = "Only sessions with this status: active, paused, completed, crashed, live, interrupted, damaged",
            HelpName = "STATUS",
        };
        var tags = new Option<string[]>("--tag")
        {
            Description = "Only sessions with this tag (repeat for any of several)",
            HelpName = "TAG",
        };
        var limit = CliOptions.Number("--limit", "At most N sessions (the most recently active)");

        var command = new Command("list", "List sessions, most recently active first") { json, status, tags, limit };
        command.SetAction(parse => Run(context, parse, new Query(
            parse.GetValue(json), parse.GetValue(status), parse.GetValue(tags), parse.GetValue(limit))));
        return command;
    }

    /// <summary>The program without a command: the list as a table.</summary>
    public static int RunDefault(CliContext context, ParseResult parse) => Run(context, parse, new Query());

    public static int Run(CliContext context, ParseResult parse, Query query)
    {
        var sources = context.Sources(parse);
        var sessions = Select(sources.ListAll(), query);
        if (query.Json) WriteJson(context.Out, sessions);
        else WriteTable(context, sources, sessions);
        return ExitCodes.Ok;
    }

    private static List<SessionMatch> Select(IEnumerable<SessionMatch> all, Query query)
    {
        var selected = all;
        if (!string.IsNullOrWhiteSpace(query.Status))
            selected = selected.Where(match => SessionText.HasStatus(match.Session, query.Status.Trim()));
        if (query.Tags is { Count: > 0 } wanted)
            selected = selected.Where(match => match.Session.Tags.Any(tag => wanted.Contains(tag, StringComparer.OrdinalIgnoreCase)));
        if (query.Limit is { } limit) selected = selected.Take(limit);
        return [.. selected];
    }

    private static void WriteJson(TextWriter output, List<SessionMatch> sessions)
    {
        using var json = JsonOutput.Open(output);
        json.Writer.WriteStartArray();
        foreach (var match in sessions) SessionJson.WriteSummary(json.Writer, match.Session);
        json.Writer.WriteEndArray();
    }

    private static void WriteTable(CliContext context, SessionSources sources, List<SessionMatch> sessions)
    {
        if (sessions.Count == 0)
        {
            context.Out.WriteLine($"No sessions in {string.Join(", ", sources.Stores.Select(store => store.Root))}.");
            return;
        }

        var table = new TextTable(
            new TextColumn("SOURCE"),
            new TextColumn("ID"),
            new TextColumn("TITLE", Flexible: true, MinimumWidth: 12),
            new TextColumn("STATUS"),
            new TextColumn("ACTIVE"),
            new TextColumn("MSGS", AlignRight: true),
            new TextColumn("COST", AlignRight: true));
        var clock = context.Host.Clock;
        foreach (var (_, session) in sessions)
        {
            table.AddRow(
                session.Source,
                session.Id,
                SessionText.TitleWithMarks(session),
                SessionText.Status(session),
                SessionText.Age(session.LastActive, clock),
                session.MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SessionText.Cost(session.TotalCost));
        }
        table.Write(context.Out, context.ScreenWidth);
    }
}
