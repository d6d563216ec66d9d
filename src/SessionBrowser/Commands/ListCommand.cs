using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
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
            Description = "Only sessions with this status, as the rows show it: " + string.Join(", ", SessionStatus.Shown) + " (active: live or interrupted)",
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
        // Served by the search index (reconciled with the files first), so 10,000 sessions list at once.
        var search = new CachedSources(sources, new SearchOptions { CacheDirectory = context.Host.CacheDirectory });
        if (search.Notice is { } notice) context.Error.WriteLine(notice);
        string? status = string.IsNullOrWhiteSpace(query.Status) ? null : query.Status.Trim().ToLowerInvariant();
        // On a first run the rows come from one quick pass over the files and are printed before
        // the index is written (issue 16, cold paths); later runs list from the index.
        search.ListThenIndex(new SessionQuery { Status = status, Tags = query.Tags ?? [], Limit = query.Limit }, sessions =>
        {
            if (sessions.Count == 0) ExplainNothing(search, status, query.Tags ?? []);
            if (query.Json) WriteJson(context.Out, sessions);
            else WriteTable(context, sources, sessions);
            context.Out.Flush();
        });
        return ExitCodes.Ok;
    }

    /// <summary>
    /// An empty result from a word no session has is a typo, not an answer: say so with what is
    /// valid. (A store may hold statuses we do not know; a word some session has is never refused.)
    /// </summary>
    private static void ExplainNothing(CachedSources search, string? status, IReadOnlyList<string> tags)
    {
        if (status is not null && status != SessionStatus.Active && !SessionStatus.Shown.Contains(status))
            throw CliException.Usage($"unknown status '{status}' (use {string.Join(", ", SessionStatus.Shown)}; active = live or interrupted)");
        if (tags.Count == 0) return;
        // Before a first run's index is written, only the files know every tag.
        var known = search.List(fresh: !search.SummariesReady).SelectMany(match => match.Session.Tags).ToHashSet();
        if (tags.FirstOrDefault(tag => !known.Contains(tag)) is { } unknown && tags.All(tag => !known.Contains(tag)))
            throw new CliException($"no session has the tag '{unknown}' (see 'stats --by tag' for the tags in use)");
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<SessionMatch> sessions)
    {
        using var json = JsonOutput.Open(output);
        json.Writer.WriteStartArray();
        foreach (var match in sessions) SessionJson.WriteSummary(json.Writer, match.Session);
        json.Writer.WriteEndArray();
    }

    private static void WriteTable(CliContext context, SessionSources sources, IReadOnlyList<SessionMatch> sessions)
    {
        if (sessions.Count == 0)
        {
            context.Out.WriteLine($"No sessions in {string.Join(", ", sources.Stores.Select(store => store.Root))}.");
            return;
        }

        // The source column only when sessions can come from more than one place.
        bool showSource = sources.Stores.Count > 1;
        var table = new TextTable([
            .. showSource ? [new TextColumn("SOURCE")] : Array.Empty<TextColumn>(),
            new TextColumn("ID"),
            new TextColumn("TITLE", Flexible: true, MinimumWidth: 12),
            new TextColumn("STATUS"),
            new TextColumn("ACTIVE"),
            new TextColumn("MSGS", AlignRight: true),
            new TextColumn("COST", AlignRight: true)]);
        var clock = context.Host.Clock;
        foreach (var (_, session) in sessions)
        {
            string[] cells =
            [
                session.Id,
                SessionWording.TitleWithMarks(session),
                SessionWording.Status(session),
                SessionWording.Age(session.LastActive, clock),
                session.MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                SessionWording.Cost(session.TotalCost),
            ];
            table.AddRow(showSource ? [session.Source, .. cells] : cells);
        }
        table.Write(context.Out, context.ScreenWidth);
    }
}
