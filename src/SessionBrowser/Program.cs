// The command line and the full-screen browser. Commands/ holds one file per command;
// Cli.Run is the whole program, so tests can run it in-process.
using System.Text;
using SessionBrowser.Commands;
using SessionBrowser.Core.Search;

// Nearly every command opens the search index: SQLite loads while the arguments are parsed.
SessionIndex.Prewarm();

if (OperatingSystem.IsWindows()) Console.OutputEncoding = new UTF8Encoding(false);
return Cli.Run(args, StandardStreams.Output, StandardStreams.Error);
