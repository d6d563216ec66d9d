using System.CommandLine;
using SessionBrowser.Commands.Output;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>import FILE.zip</c>: brings exported sessions into the native store. The whole zip is
/// checked before anything is written; a session whose id is taken gets a new id.
/// </summary>
public static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A zip written by 'export'" };
        var command = new Command("import", "Import sessions from a zip written by 'export' (checked first; nothing is overwritten)") { file };
        command.SetAction(parse =>
        {
            string path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path)) throw new CliException($"no file {path}");
            var store = new NativeStore(context.WritableRoot(parse));
            IReadOnlyList<ImportedSession> imported;
            try
            {
                imported = SessionImporter.Import(store, path);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"{Path.GetFileName(path)} was not imported: {e.Message}");
            }
            foreach (var session in imported)
            {
                string title = SessionWording.OneLine(session.Description ?? "(untitled)");
                context.Out.WriteLine(session.GotNewId
                    ? $"Imported {session.OriginalId} as {session.Id} (the id was taken): {title}"
                    : $"Imported {session.Id}: {title}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
