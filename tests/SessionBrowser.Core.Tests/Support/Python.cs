using System.Diagnostics;

namespace SessionBrowser.Core.Tests.Support;

/// <summary>Runs the reference's Python code (Fixtures/reference_session.py) in a child process.</summary>
public static class Python
{
    public static string Script => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference_session.py");

    /// <summary>Runs a command of the fixture script to the end; returns stdout, fails the test on a non-zero exit.</summary>
    public static string Run(params string[] args)
    {
        using var process = Start(args);
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000)) { process.Kill(); throw new TimeoutException("python3 did not finish"); }
        Assert.True(process.ExitCode == 0, $"python3 {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        return stdout;
    }

    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        foreach (string arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
    }

    /// <summary>Starts a command and waits until it prints <paramref name="readyLine"/>.</summary>
    public static Process StartAndWaitFor(string readyLine, params string[] args)
    {
        var process = Start(args);
        string? line = process.StandardOutput.ReadLine();
        Assert.True(line == readyLine, $"python3 said {line ?? "nothing"}: {(process.HasExited ? process.StandardError.ReadToEnd() : "")}");
        return process;
    }
}
