using System.Diagnostics;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// The program as users run it (what run.sh makes): <c>dotnet publish</c> of src/SessionBrowser
/// for this machine, compiled to native code (Native AOT, set in its project), into <c>WORK/app</c>. Published again
/// only when a source file is newer than the last publish (or it came from another checkout).
/// </summary>
internal static class PublishedApp
{
    private const string Stamp = ".published";

    /// <summary>The published program's command line, or null (with a warning on stderr) when publishing failed.</summary>
    public static string[]? Publish(string workDirectory)
    {
        var root = RepositoryRoot();
        if (root is null)
        {
            Console.Error.WriteLine($"  warning: no SessionBrowser.sln above {AppContext.BaseDirectory}; running the build copy beside the benchmark (JIT start-up, not what run.sh runs)");
            return null;
        }
        var output = Path.Combine(workDirectory, "app");
        var stamp = Path.Combine(output, Stamp);
        if (!UpToDate(root, stamp))
        {
            Console.Error.WriteLine($"  publishing the app (Native AOT, as run.sh does; a few minutes) into {output} …");
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
            Directory.CreateDirectory(output);
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            if (!RunPublish(root, output, out var log))
            {
                Console.Error.WriteLine(string.Join('\n', log.Split('\n').TakeLast(20)));
                Console.Error.WriteLine("  warning: the publish failed (output above); running the build copy beside the benchmark (JIT start-up, not what run.sh runs)");
                return null;
            }
            File.WriteAllText(stamp, root);
            File.SetLastWriteTimeUtc(stamp, started);   // an edit made during the publish still counts as newer
            Console.Error.WriteLine($"  published in {clock.Elapsed.TotalSeconds:F0} s");
        }
        return [Apphost(output)];
    }

    private static string Apphost(string output) => Path.Combine(output, OperatingSystem.IsWindows() ? "sessionbrowser.exe" : "sessionbrowser");

    /// <summary>The folder holding SessionBrowser.sln, walking up from this benchmark's build output.</summary>
    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SessionBrowser.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>Published from this checkout, and no source file (src, assets, the shared props) changed since.</summary>
    private static bool UpToDate(string root, string stamp)
    {
        if (!File.Exists(stamp) || File.ReadAllText(stamp) != root) return false;
        var published = File.GetLastWriteTimeUtc(stamp);
        var inputs = new[] { "src", "assets" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(f => Path.Combine(root, f)).Where(File.Exists));
        return !inputs.Any(f => File.GetLastWriteTimeUtc(f) > published);
    }

    private static bool RunPublish(string root, string output, out string log)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in new[]
                 {
                     "publish", Path.Combine(root, "src", "SessionBrowser", "SessionBrowser.csproj"), "-c", "Release",
                     "--use-current-runtime",
                     "-o", output, "--nologo", "-v", "quiet",
                 })
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            log = text + error.Result;
            return process.ExitCode == 0 && File.Exists(Apphost(output));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            log = $"cannot run dotnet: {e.Message}";
            return false;
        }
    }
}
