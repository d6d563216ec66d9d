using System.Diagnostics;

namespace SessionBrowser.Core.Tests.Support;

/// <summary>Runs a real agent's command line (opencode, qwen) for the opt-in comparison tests: found on PATH, run offline in a private home.</summary>
public static class AgentCli
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs the tool in <paramref name="directory"/> with the given environment and returns its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(string executable, string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(executable)} {string.Join(' ', arguments)} failed: {error.Result}");
        return output;
    }
}

/// <summary>Runs only when the named agent's command line is on PATH.</summary>
public sealed class AgentCliFactAttribute : FactAttribute
{
    public AgentCliFactAttribute(string executable, string package)
    {
        if (AgentCli.Find(executable) is null)
            Skip = $"{executable} is not on PATH: install {package} (npm) to compare our list with its own";
    }
}
