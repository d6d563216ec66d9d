using System.Diagnostics;
using System.Globalization;

namespace SessionBrowser.Benchmarks;

/// <summary>
/// Runs a command as a child process and measures it as a user would feel it: wall time from
/// start to exit, and peak resident memory of the whole process; also its CPU time, which the
/// load of other processes on a shared machine does not inflate. Peak memory comes from GNU
/// <c>/usr/bin/time</c> (its %M, the kernel's maxrss) when it is installed, else from sampling
/// <c>/proc/PID/status</c> VmHWM while the process runs (may miss a peak in its last milliseconds).
/// </summary>
internal static class ChildProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static AppRun Run(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, string? workingDirectory)
    {
        bool useTime = File.Exists(GnuTime) && OperatingSystem.IsLinux();
        var peakFile = Path.GetTempFileName();
        var start = new ProcessStartInfo
        {
            FileName = useTime ? GnuTime : command[0],
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (useTime)
        {
            foreach (var argument in new[] { "-f", "%M %U %S", "-o", peakFile, "--" }) start.ArgumentList.Add(argument);
            start.ArgumentList.Add(command[0]);
        }
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long sampled = 0;
        while (!process.WaitForExit(5))
            if (!useTime) sampled = Math.Max(sampled, SampleHighWaterMark(process.Id));
        clock.Stop();
        process.WaitForExit();
        var (peak, cpu) = useTime ? ReadTime(peakFile) : (sampled > 0 ? sampled : (long?)null, (TimeSpan?)null);
        File.Delete(peakFile);
        return new AppRun(process.ExitCode, clock.Elapsed, peak, output.Result, error.Result, cpu);
    }

    /// <summary>The last line is "%M %U %S": peak KiB, user and system CPU seconds (earlier lines may say "Command exited with non-zero status").</summary>
    private static (long? Peak, TimeSpan? Cpu) ReadTime(string file)
    {
        var parts = (File.ReadAllLines(file).LastOrDefault(line => line.Length > 0) ?? "").Split(' ');
        if (parts.Length != 3) return (null, null);
        long? peak = long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kib) ? kib * 1024 : null;
        TimeSpan? cpu = double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double user)
                        && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double system)
            ? TimeSpan.FromSeconds(user + system) : null;
        return (peak, cpu);
    }

    private static long SampleHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kib = line["VmHWM:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return 0;
    }
}
