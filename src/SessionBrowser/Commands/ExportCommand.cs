using System.CommandLine;
using System.Text;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>export ID... --out FILE.zip</c>: native sessions into a zip with a manifest (format version,
/// SHA-256 per file) that <c>import</c> reads back. <c>export ID --markdown|--html [--out FILE]</c>:
/// a readable transcript of any session, to stdout when no --out is given.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("ID") { Description = "The sessions to export (ids or unique starts of them)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "The file to write (a .zip, or the transcript); never overwritten", HelpName = "FILE" };
        var markdown = new Option<bool>("--markdown") { Description = "Write a readable Markdown transcript of one session instead of a zip" };
        var html = new Option<bool>("--html") { Description = "Write a self-contained HTML transcript of one session instead of a zip" };
        var command = new Command("export", "Export sessions to a zip (for import elsewhere) or one session as Markdown/HTML") { ids, output, markdown, html };
        command.SetAction(parse =>
        {
            bool asMarkdown = parse.GetValue(markdown), asHtml = parse.GetValue(html);
            if (asMarkdown && asHtml) throw CliException.Usage("choose one of --markdown and --html");
            var sources = context.Sources(parse);
            var matches = parse.GetValue(ids)!.Select(text => context.Resolve(sources, text)).ToList();
            string? target = parse.GetValue(output);
            if (target is not null && string.IsNullOrWhiteSpace(target)) throw CliException.Usage("--out is empty; give the file to write");
            if (asMarkdown || asHtml)
            {
                if (matches.Count != 1) throw CliException.Usage("a transcript is of one session; give one ID");
                WriteTranscript(context, matches[0], target, asHtml);
            }
            else
            {
                if (target is null) throw CliException.Usage("give the zip to write with --out FILE.zip (or --markdown/--html for a transcript)");
                WriteZip(context, matches, target);
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteZip(CliContext context, List<SessionMatch> matches, string target)
    {
        var sources = matches.Select(match => NativeSession.Require(match, "exported to a zip"))
            .Select(m => new ExportSource(m.Session.Id, m.Session.Path, m.Session.Description))
            .DistinctBy(source => source.Id)
            .ToList();
        ExportResult result;
        try
        {
            result = SessionExporter.Export(sources, target, context.Host.Clock);
        }
        catch (IOException e)
        {
            throw new CliException(e.Message);
        }
        foreach (string skipped in result.Skipped) context.Error.WriteLine($"left out: {skipped}");
        context.Out.WriteLine($"Exported {Wording.Count(result.Sessions, "session")} ({Wording.Count(result.Files, "file")}, {Wording.Count(result.Bytes, "byte")}) to {result.ZipPath}");
    }

    private static void WriteTranscript(CliContext context, SessionMatch match, string? target, bool asHtml)
    {
        var (store, session) = match;
        if (target is null)
        {
            TranscriptFile.WriteTo(context.Out, store, session, asHtml);
            return;
        }
        string path = Path.GetFullPath(target);
        try
        {
            TranscriptFile.Write(store, session, path, asHtml);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(File.Exists(path) ? e.Message : $"cannot write {path}: {e.Message}");
        }
        context.Out.WriteLine($"Wrote the transcript of {session.Id} to {path}");
    }
}
