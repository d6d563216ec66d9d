using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Search;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>search QUERY [--json] [--limit N] [--per-session N]</c>: messages and sessions matching
/// the query, best first, each with a snippet and the message position (for <c>show</c> or the browser).
/// The index is brought up to date with the files first; the first run builds it (with progress on a terminal).
/// </summary>
public static class SearchCommand
{
    private const string Syntax =
        "words (all must match), \"a phrase\", prefix*, status:S, tag:T, role:R, model:M, source:S, " +
        "after:/before: 2025-01-15 | today | yesterday | 7d | 12h | 2w | 6m";

    public static Command Create(CliContext context)
    {
        var words = new Argument<string[]>("QUERY") { Description = "What to find: " + Syntax, Arity = ArgumentArity.OneOrMore };
        var json = CliOptions.Json("Print a JSON array of hits");
        var limit = CliOptions.Number("--limit", "At most N hits (default 20)");
        var perSession = CliOptions.Number("--per-session", "At most N hits from one session (default: no limit)");
        var command = new Command("search", "Full-text search over sessions and their messages") { words, json, limit, perSession };
        command.SetAction(parse => Run(context, parse, string.Join(' ', parse.GetValue(words)!), parse.GetValue(json),
            parse.GetValue(limit) ?? 20, parse.GetValue(perSession) ?? 0));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string text, bool json, int limit, int perSession)
    {
        var query = QueryParser.Parse(text, clock: context.Host.Clock) with { Limit = limit, HitsPerSession = perSession };
        if (query.Problems.Count > 0) throw CliException.Usage(query.Problems[0]);
        if (query.IsEmpty) throw CliException.Usage($"nothing to search for in '{text}' (use {Syntax})");

        var sources = context.Sources(parse);
        var search = new CachedSources(sources, new SearchOptions { CacheDirectory = context.Host.CacheDirectory });
        if (search.Notice is { } notice) context.Error.WriteLine(notice);
        var report = search.Reconcile(ReconcileScope.Everything, context.Host.IsInteractive ? new ProgressLine(context.Error) : null);
        if (report.Changed > 0) context.Error.WriteLine($"index: {report.Describe()}");

        var results = search.Search(query);
        if (results.Notice is { } said && said != search.Notice) context.Error.WriteLine(said);
        if (json) WriteJson(context.Out, results);
        else WriteText(context, results, text);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// [{"source", "id", "title", "message" (1-based; null: the session itself matched), "role",
    /// "timestamp", "snippet", "matches": [{"start", "length"}] (UTF-16 positions in snippet), "score"}]
    /// </summary>
    private static void WriteJson(TextWriter output, SearchResults results)
    {
        using var json = JsonOutput.Open(output);
        var writer = json.Writer;
        writer.WriteStartArray();
        foreach (var hit in results.Hits)
        {
            writer.WriteStartObject();
            writer.WriteString("source", hit.Session.Source);
            writer.WriteString("id", hit.Session.Id);
            writer.WriteString("title", hit.Session.Title);
            // 1-based, as the browser and 'show' number messages.
            if (hit.MessageIndex is { } index) writer.WriteNumber("message", index + 1);
            else writer.WriteNull("message");
            SessionJson.WriteStringOrNull(writer, "role", hit.Role);
            SessionJson.WriteStringOrNull(writer, "timestamp", hit.Timestamp);
            writer.WriteString("snippet", hit.Snippet);
            writer.WriteStartArray("matches");
            foreach (var match in hit.Matches)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", match.Start);
                writer.WriteNumber("length", match.Length);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("score", Math.Round(hit.Score, 4));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WriteText(CliContext context, SearchResults results, string text)
    {
        if (results.Hits.Count == 0)
        {
            context.Out.WriteLine($"No matches for {text}.");
            return;
        }
        bool severalSources = results.Hits.Select(h => h.Session.Source).Distinct().Count() > 1;
        bool color = context.Host.Width is not null && context.Host.Environment("NO_COLOR") is null or "";
        int width = context.ScreenWidth;
        foreach (var hit in results.Hits)
        {
            string id = severalSources ? hit.Ref.ToString() : hit.Session.Id;
            string where = hit.MessageIndex is { } index
                ? $"#{(index + 1).ToString(CultureInfo.InvariantCulture)} {hit.Role}"
                : "session";
            string title = TextLayout.Truncate(SessionWording.OneLine(hit.Session.Title), Math.Max(10, width - id.Length - where.Length - 6));
            context.Out.WriteLine($"{id}  {title}  ({where})");
            context.Out.WriteLine("    " + Highlight(hit, color));
        }
        context.Out.WriteLine($"{results.Hits.Count} {(results.Hits.Count == 1 ? "hit" : "hits")}" +
                              (results.UsedIndex ? "" : " (files scanned)"));
    }

    /// <summary>The snippet with matches in bold yellow on a colour terminal; control characters are never printed.</summary>
    private static string Highlight(SearchHit hit, bool color)
    {
        if (!color) return SessionWording.Printable(hit.Snippet);
        var line = new StringBuilder();
        int at = 0;
        foreach (var match in hit.Matches)
        {
            line.Append(SessionWording.Printable(hit.Snippet[at..match.Start]));
            line.Append("\u001b[1;33m").Append(SessionWording.Printable(hit.Snippet.Substring(match.Start, match.Length))).Append("\u001b[0m");
            at = match.End;
        }
        return line.Append(SessionWording.Printable(hit.Snippet[at..])).ToString();
    }

    /// <summary>
    /// "indexing 1,200/10,000 sessions, 850 sessions/s, 11 s left" on stderr, rewritten in place,
    /// only when indexing takes a while (a first run); the rate is the average so far.
    /// </summary>
    private sealed class ProgressLine(TextWriter error) : IProgress<ReconcileProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.Zero;

        public void Report(ReconcileProgress value)
        {
            var now = _clock.Elapsed;
            bool done = value.Done == value.Total;
            if (now < TimeSpan.FromSeconds(1) || (!done && now - _last < TimeSpan.FromMilliseconds(250))) return;
            _last = now;
            double rate = value.Done / now.TotalSeconds;
            double seconds = done ? now.TotalSeconds : Math.Ceiling((value.Total - value.Done) / Math.Max(rate, 0.001));
            string tail = done ? string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s") : string.Create(CultureInfo.InvariantCulture, $"{seconds:F0} s left");
            // Erase to the end of the line: the line may be shorter than the one it replaces.
            error.Write(string.Create(CultureInfo.InvariantCulture,
                $"\rindexing {value.Done:N0}/{value.Total:N0} sessions, {rate:N0} sessions/s, {tail}\u001b[K"));
            if (done) error.WriteLine();
            error.Flush();
        }
    }
}
