using System.Diagnostics;

namespace SessionBrowser.Terminal;

/// <summary>
/// Runs stty(1) on the terminal device. .NET has no API for raw mode on a file descriptor other
/// than through System.Console, whose own terminal handling re-applies its settings whenever a
/// child process exits; running stty with all three standard streams redirected keeps .NET out
/// of it, and needs no P/Invoke.
/// </summary>
internal static class Stty
{
    public static string Run(string ttyPath, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec stty \"$@\" < \"$0\"");
        psi.ArgumentList.Add(ttyPath);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start stty");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new IOException($"stty {string.Join(' ', args)} failed: {error.Trim()}");
        return output.Trim();
    }

    /// <summary>The terminal's size from `stty size` (rows then columns), or null if it cannot be read.</summary>
    public static (int Width, int Height)? Size(string ttyPath)
    {
        try
        {
            var parts = Run(ttyPath, "size").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], out int rows) && int.TryParse(parts[1], out int cols) && rows > 0 && cols > 0)
                return (cols, rows);
        }
        catch (IOException) { }
        catch (InvalidOperationException) { }
        return null;
    }

    /// <summary>Sends a signal to this process (used to stop after Ctrl+Z).</summary>
    public static void Signal(string name)
    {
        using var process = Process.Start(new ProcessStartInfo("kill", ["-" + name, Environment.ProcessId.ToString()])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        });
        process?.WaitForExit();
    }
}
