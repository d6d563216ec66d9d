using System.Diagnostics;
using System.Text.Json;

namespace SessionBrowser.Tests.Commands;

/// <summary>
/// The real program as a separate process, as a user on a fresh machine runs it: a home with
/// no sessions, so it opens the bundled demo store; real exit codes and streams.
/// </summary>
public sealed class ProgramProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cli-process-" + Guid.NewGuid().ToString("N")[..12]);

    public ProgramProcessTests() => Directory.CreateDirectory(Path.Combine(_folder, "home"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }

    [Fact]
    public void On_a_fresh_home_the_program_lists_the_bundled_demo_store()
    {
        var (code, stdout, stderr) = RunProgram("list", "--json");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("Showing the demo store", stderr);
        var rows = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.True(rows.Count >= 20, $"only {rows.Count} demo sessions");
        Assert.Contains(rows, row => row.GetProperty("title").GetString()!.Contains("🚀"));
        Assert.Contains(rows, row => row.GetProperty("interrupted").GetBoolean());
        Assert.Contains(rows, row => row.GetProperty("damaged").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public void Errors_are_one_line_with_exit_codes_1_and_2()
    {
        var (missing, _, missingError) = RunProgram("show", "ffffffff");
        var (usage, _, usageError) = RunProgram("list", "--nope");

        Assert.Equal(1, missing);
        Assert.Equal("error: no session 'ffffffff' (see 'list' for ids)", missingError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.Equal(2, usage);
        Assert.Single(usageError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Two_runs_redirected_to_one_file_append_to_it_as_a_shell_expects()
    {
        string log = Path.Combine(_folder, "log.txt");
        string program = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll")}'";
        var start = new ProcessStartInfo("sh", ["-c", $"{{ {program} --version; echo between; {program} --version; }} > '{log}' 2>&1"])
        {
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the program did not finish in 60 s");

        var lines = File.ReadAllLines(log);
        Assert.Equal(3, lines.Length);
        Assert.Equal(lines[0], lines[2]);
        Assert.Equal("between", lines[1]);
    }

    [Fact]
    public void Output_piped_into_a_reader_that_stops_early_ends_quietly_with_141_not_an_abort()
    {
        // `sessionbrowser list 2>&1 | head`: stdout and stderr are one pipe whose reader is gone (here before
        // the first write, so it is never a race).
        // Before, the write failed, the error message failed too, and the runtime aborted (134).
        string program = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll")}'";
        string status = Path.Combine(_folder, "status.txt");
        var start = new ProcessStartInfo("bash", ["-c", $"{program} list 2>&1 | true; echo ${{PIPESTATUS[0]}} > '{status}'"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        start.Environment["HOME"] = Path.Combine(_folder, "home");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(_folder, "cache");
        start.Environment.Remove("SESSION_BROWSER_STORE");
        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the program did not finish in 60 s");

        Assert.Equal("141", File.ReadAllText(status).Trim());
        Assert.Equal("", errors);
    }

    private (int Code, string Stdout, string Stderr) RunProgram(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["HOME"] = Path.Combine(_folder, "home");
        start.Environment["USERPROFILE"] = Path.Combine(_folder, "home");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(_folder, "cache");
        start.Environment.Remove("SESSION_BROWSER_STORE");

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the program did not finish in 60 s");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
