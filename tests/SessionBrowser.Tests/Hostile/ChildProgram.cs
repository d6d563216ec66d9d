using System.Diagnostics;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// The built program as a child process on a test's private home, cache and store, killed with
/// SIGKILL (<see cref="Process.Kill()"/> on Unix) the moment a test sees it inside an operation.
/// </summary>
internal static class ChildProgram
{
    /// <summary>
    /// Starts <c>sessionbrowser --store STORE args</c>, polls <paramref name="inside"/> until it holds
    /// (or the program ends, or 60 s pass), then kills the program. Returns whether the kill landed
    /// while it was still running, i.e. inside the operation.
    /// </summary>
    public static bool KillWhen(CliHarness cli, Func<bool> inside, params string[] args) => KillWhen(cli, cli.Store, inside, args);

    /// <summary>As <see cref="KillWhen(CliHarness, Func{bool}, string[])"/> with another native store (and so another trash).</summary>
    public static bool KillWhen(CliHarness cli, string store, Func<bool> inside, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll"), "--store", store, .. args])
            start.ArgumentList.Add(arg);
        start.Environment["HOME"] = cli.Home;
        start.Environment["XDG_CACHE_HOME"] = cli.Cache;
        foreach (var (name, value) in cli.Environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        // Drained so a full pipe never stops the child before the point it is to be killed at.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60) && !Safe(inside)) Thread.SpinWait(200);
        bool landed = !process.HasExited;
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            landed = false; // it finished on its own
        }
        process.WaitForExit();
        return landed;
    }

    /// <summary>A poll that races the child's own file operations: a file gone between two calls means "not yet".</summary>
    private static bool Safe(Func<bool> inside)
    {
        try
        {
            return inside();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Length of a file, 0 when it is not there (yet, or any more).</summary>
    public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>Folders directly under <paramref name="folder"/> whose names start with <paramref name="prefix"/>.</summary>
    public static IReadOnlyList<string> Folders(string folder, string prefix) =>
        Directory.Exists(folder) ? Directory.GetDirectories(folder, prefix + "*") : [];
}
