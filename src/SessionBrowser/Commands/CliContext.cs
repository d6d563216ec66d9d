using System.CommandLine;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// What every command gets: the output streams, the host, the global options and the store
/// they select. One per run of <see cref="Cli.Run"/>.
/// </summary>
public sealed class CliContext
{
    private StoreChoice? _store;

    public CliContext(TextWriter output, TextWriter error, CliHost host)
    {
        Out = output;
        Error = error;
        Host = host;
        StoreOption = new Option<string?>("--store")
        {
            Description = $"The session store folder (default: ${StoreLocator.EnvironmentVariable}, else ~/.kimi/sessions)",
            HelpName = "DIR",
            Recursive = true,
        };
        SourceOption = new Option<string>("--source")
        {
            Description = "Which sessions to use: " + string.Join(", ", SourceRegistry.Names) + ", or all",
            HelpName = "SOURCE",
            Recursive = true,
            DefaultValueFactory = _ => SourceRegistry.All,
        };
        SourceOption.AcceptOnlyFromAmong([.. SourceRegistry.Names, SourceRegistry.All]);
        ProjectOption = new Option<string?>("--project")
        {
            Description = "Only the sessions of this project folder (for Gemini: what 'gemini --list-sessions' shows there)",
            HelpName = "DIR",
            Recursive = true,
        };
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public CliHost Host { get; }
    public Option<string?> StoreOption { get; }
    public Option<string> SourceOption { get; }
    public Option<string?> ProjectOption { get; }

    /// <summary>Columns for tables: the terminal's, else $COLUMNS, else 120 (output going to a file or pipe).</summary>
    public int ScreenWidth =>
        Host.Width ?? (int.TryParse(Host.Environment("COLUMNS"), out int columns) && columns > 20 ? columns : 120);

    /// <summary>The native store this run uses; says once on stderr when it is the demo copy.</summary>
    public StoreChoice Store(ParseResult parse)
    {
        if (_store is not null) return _store;
        _store = StoreLocator.Resolve(parse.GetValue(StoreOption), Host, root => SourceRegistry.OthersPresent(Host, root));
        if (_store.IsDemo)
        {
            Error.WriteLine($"Showing the demo store (a copy in {_store.Root}): {StoreLocator.DefaultRoot(Host)} has no sessions yet. " +
                            $"Use --store DIR or ${StoreLocator.EnvironmentVariable} for yours.");
        }
        return _store;
    }

    /// <summary>
    /// The native store to write a user's sessions into (import, gemini copy): never the demo copy,
    /// which is thrown away when the bundled demo changes. With the demo open, that is the default
    /// store, created here and said so on stderr.
    /// </summary>
    public string WritableRoot(ParseResult parse)
    {
        var choice = StoreLocator.Resolve(parse.GetValue(StoreOption), Host, root => SourceRegistry.OthersPresent(Host, root));
        if (choice.WasGiven) return choice.Root;
        string root = StoreLocator.DefaultRoot(Host);
        if (!Directory.Exists(root))
            Error.WriteLine($"Creating your session store at {root}" + (choice.IsDemo ? " (the demo store is a throwaway copy, never written to)." : "."));
        Directory.CreateDirectory(root);
        return root;
    }

    /// <summary>The sources selected by <c>--source</c>, each opened on the resolved store, scoped by <c>--project</c>.</summary>
    public SessionSources Sources(ParseResult parse)
    {
        var sources = SourceRegistry.Open(parse.GetValue(SourceOption) ?? SourceRegistry.All, new SourceSettings(() => NativeStore(parse), Host));
        return Project(parse) is { } project ? new SessionSources(sources.Stores, project) : sources;
    }

    /// <summary>The folder <c>--project</c> names, or null.</summary>
    public ProjectFolder? Project(ParseResult parse) =>
        parse.GetValue(ProjectOption) is { Length: > 0 } project ? new ProjectFolder(project) : null;

    /// <summary>The native store itself, whatever <c>--source</c> says (for commands only it supports: doctor, trash, ...).</summary>
    /// One instance per run, the same the native source lists, so the browser can hand it to the
    /// native-only features (snapshot restore, recovery, export to zip) for that source's sessions.
    public NativeStore NativeStore(ParseResult parse) => _native ??= new(ExistingStore(parse).Root, Host.Clock);

    private NativeStore? _native;

    /// <summary>The one trash of this store (every source deletes into it).</summary>
    public SessionTrash Trash(ParseResult parse) => new(ExistingStore(parse).Root, Host.Clock);

    /// <summary>How the user started the program (run.sh says so in $SESSION_BROWSER_PROGRAM), for commands we suggest.</summary>
    public string ProgramName => Host.Environment("SESSION_BROWSER_PROGRAM") is { Length: > 0 } name ? name : Cli.ProgramName;

    /// <summary>A command line the user can copy to run <paramref name="arguments"/> on the same store.</summary>
    public string CommandLine(ParseResult parse, string arguments)
    {
        string? given = parse.GetValue(StoreOption);
        return string.IsNullOrWhiteSpace(given)
            ? $"{ProgramName} {arguments}"
            : $"{ProgramName} --store {Quote(Store(parse).Root)} {arguments}";
    }

    private static string Quote(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '~' or ':' or '\\') ? path : "'" + path.Replace("'", "'\\''") + "'";

    /// <summary>A store the user named must exist; the default one may be missing (it simply has no sessions yet).</summary>
    private StoreChoice ExistingStore(ParseResult parse)
    {
        var choice = Store(parse);
        if (choice.WasGiven && !Directory.Exists(choice.Root))
            throw new CliException($"no session store at {choice.Root}");
        return choice;
    }

    /// <summary>Exactly one session named by the user's text, or a clear error (none, or which ones it could mean).</summary>
    public SessionMatch Resolve(SessionSources sources, string text)
    {
        int colon = text.IndexOf(':');
        string? source = colon > 0 && text[..colon].All(char.IsAsciiLetterOrDigit) ? text[..colon] : null;
        string id = source is null ? text.Trim() : text[(colon + 1)..].Trim();
        if (source is not null && sources.Stores.All(store => store.Source != source))
            throw new CliException($"no {source} session '{id}': the sources here are {string.Join(", ", sources.Stores.Select(store => store.Source).Distinct())}");
        var matches = sources.Resolve(text);
        return matches.Count switch
        {
            1 => matches[0],
            0 when id.Length < SessionSources.MinimumPrefixLength =>
                throw CliException.Usage($"no session is called '{id}'; to name one by the start of its id, give at least {SessionSources.MinimumPrefixLength} characters"),
            0 when source is not null => throw new CliException($"the {source} source has no session '{id}' (see 'list --source {source}' for ids)"),
            0 => throw new CliException($"no session '{text}' (see 'list' for ids)"),
            _ => throw new CliException($"'{text}' could mean {string.Join(", ", matches.Take(5).Select(m => m.Session.Ref))}" +
                                        (matches.Count > 5 ? $" and {matches.Count - 5} more" : "") + "; give more of the id"),
        };
    }

    /// <summary>
    /// Asks a yes/no question on the terminal; only "y" or "yes" is yes. Without a terminal there
    /// is nobody to ask, so the command stops with a usage error instead of guessing.
    /// </summary>
    public bool Confirm(string question, string yesFlagHint = "--yes")
    {
        if (!Host.IsInteractive)
            throw CliException.Usage($"not asking without a terminal; pass {yesFlagHint} to confirm");
        return Ask(question + " [y/N] ") is "y" or "yes";
    }

    /// <summary>Prints a question and reads one answer (lower case, trimmed; empty at end of input).</summary>
    public string Ask(string question)
    {
        Out.Write(question);
        Out.Flush();
        return (Host.Input.ReadLine() ?? "").Trim().ToLowerInvariant();
    }
}
