using System.CommandLine;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Commands;

/// <summary>
/// <c>doctor [--dry-run]</c>: checks the native store and repairs what is safe to repair
/// (index.json, left-over temporary files, what killed imports, merges, restores, deletes and
/// trash empties left). Damaged sessions are reported, never touched.
/// Exit 0 when the store is healthy after repairs, 1 when damage remains.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only report; change nothing" };
        var command = new Command("doctor", "Check the store, report damaged sessions, repair index.json") { dryRun };
        command.SetAction(parse =>
        {
            var store = context.NativeStore(parse);
            bool repair = !parse.GetValue(dryRun);
            var checkedStore = store.Check(repair);
            var report = checkedStore with { Problems = [.. checkedStore.Problems, .. Leftovers.Check(store, context.Trash(parse), repair)] };
            var output = context.Out;

            output.WriteLine($"Checked {report.Sessions} sessions in {store.Root}" + (repair ? "." : " (dry run: nothing changed)."));
            foreach (var problem in report.Problems)
                output.WriteLine($"  {problem.SessionId ?? "store"}: {problem.Problem}" + (problem.Repaired ? " (repaired)" : ""));

            int remaining = report.Problems.Count(p => !p.Repaired);
            if (report.Problems.Count == 0) output.WriteLine("No problems found.");
            else if (remaining == 0) output.WriteLine($"Repaired {report.Problems.Count} problem(s); the store is healthy.");
            else if (report.DamagedSessions > 0)
                output.WriteLine($"{remaining} problem(s) left. Damaged sessions are never changed: 'show' reads what is readable, 'delete' moves them to the trash.");
            else output.WriteLine($"{remaining} problem(s) left." + (repair ? "" : " Run without --dry-run to repair."));
            return report.Healthy ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
