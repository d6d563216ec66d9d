using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SessionBrowser.Benchmarks;

/// <summary>Issue 14 item 17: <c>cleanup --yes</c> moving 10,000 sessions to the trash.</summary>
public static class CleanupScenarios
{
    private static int Sessions => 10_000 / BenchContext.Scale;

    public static IEnumerable<Scenario> Create() =>
    [
        new($"cleanup --yes, {Sessions:N0} sessions to the trash", "≤ 10 s", context =>
        {
            var template = context.NativeStore(Sessions, 5, seed: 17);
            int round = 0;
            return () =>
            {
                // A fresh copy each run (untimed: only the program's own run is measured).
                string store = Path.Combine(context.WorkDirectory, $"cleanup-run-{round++}");
                if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
                using (var copy = Process.Start("cp", ["-a", template.Root, store])!) copy.WaitForExit();
                var run = context.RunApp(["--store", store, "cleanup", "--yes", "--status", "any", "--older-than", "1d"],
                    context.CacheDirectory("cleanup", fresh: true));
                Directory.Delete(store, recursive: true);
                var moved = Regex.Match(run.Output, @"Moved ([\d,]+) sessions");
                return run.ToSample(moved.Success ? $"{moved.Groups[1].Value} moved" : run.Error.Trim());
            };
        }, TimeLimit: TimeSpan.FromSeconds(10), Warmups: 0, Runs: 3),
    ];
}
