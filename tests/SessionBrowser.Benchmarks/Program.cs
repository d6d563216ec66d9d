// The benchmark program: scenarios on generated stores, medians and peak memory, one table.
//   dotnet run -c Release --project tests/SessionBrowser.Benchmarks -- [--runs N] [--only TEXT] [--work DIR] [--list] [--quick]
using System.Globalization;
using SessionBrowser.Benchmarks;

if (args.Length > 0 && args[0] == ChildModes.Verb) return ChildModes.Run(args[1..]);

int runs = 5;
string? only = null;
string work = Path.Combine(Path.GetTempPath(), "sessionbrowser-bench");
bool listOnly = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0:
            runs = n; i++; break;
        case "--only" when i + 1 < args.Length: only = args[++i]; break;
        case "--work" when i + 1 < args.Length: work = Path.GetFullPath(args[++i]); break;
        case "--list": listOnly = true; break;
        case "--quick": BenchContext.Scale = 10; break;
        case "--help" or "-h":
            Console.WriteLine("usage: SessionBrowser.Benchmarks [--runs N (5)] [--only TEXT (scenarios whose name contains it)] [--work DIR (generated stores, kept)] [--list] [--quick (a tenth of the data)]");
            return 0;
        default:
            Console.Error.WriteLine($"error: unknown or incomplete argument '{args[i]}' (see --help)");
            return 2;
    }
}

var scenarios = ScenarioRegistry.All()
    .Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
    .ToList();
if (listOnly)
{
    foreach (var s in scenarios) Console.WriteLine($"{s.Name}  (target {s.Target})");
    return 0;
}
Directory.CreateDirectory(work);
var context = new BenchContext { Runs = runs, WorkDirectory = work };
// The program the rows run is the published one (Native AOT, as run.sh makes it); published now, before any timing.
if (scenarios.Count > 0) _ = context.AppCommand;
var results = scenarios.Select(s => Runner.Run(s, context)).ToList();
Console.WriteLine();
Runner.PrintTable(Console.Out, results, context);
// The toolkit's render figures (in-process, its own table) after the scenarios, unless --only picks other rows.
if (only is null || "render".Contains(only, StringComparison.OrdinalIgnoreCase))
{
    Console.WriteLine();
    RenderBenchmark.Run(Console.Out);
}
return results.Any(r => r.Failed is not null) ? 1 : 0;
