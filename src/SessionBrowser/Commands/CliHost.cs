namespace SessionBrowser.Commands;

/// <summary>
/// What a command may learn about the world outside its arguments: the keyboard, whether a
/// person is there to answer, the screen width, the clock, the environment and where files go.
/// Tests build one with fixed values so commands run in-process without touching the real home.
/// </summary>
public sealed class CliHost
{
    /// <summary>Where answers to questions (y/N) are read from.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when a person can answer questions: stdin and stdout are a terminal.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Columns available for tables; null when output is not a terminal (no truncation pressure).</summary>
    public int? Width { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (null when unset).</summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>The user's home folder (for ~/.kimi/sessions).</summary>
    public required string HomeDirectory { get; init; }

    /// <summary>A per-user folder for caches (the demo copy lives here).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>The bundled demo store shipped beside the program; null when there is none.</summary>
    public string? DemoStore { get; init; }

    /// <summary>The host of the real process: console, environment, home and XDG cache folders.</summary>
    public static CliHost FromProcess()
    {
        bool interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        string home = System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return new CliHost
        {
            Input = StandardStreams.Input,
            IsInteractive = interactive,
            Width = Console.IsOutputRedirected ? null : SafeWindowWidth(),
            Environment = System.Environment.GetEnvironmentVariable,
            HomeDirectory = home,
            CacheDirectory = UserCacheDirectory(home),
            DemoStore = Path.Combine(AppContext.BaseDirectory, "demo"),
        };
    }

    private static string UserCacheDirectory(string home)
    {
        string? xdg = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "sessionbrowser");
        if (OperatingSystem.IsWindows())
            return Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.LocalApplicationData), "sessionbrowser");
        return Path.Combine(home, ".cache", "sessionbrowser");
    }

    private static int? SafeWindowWidth() =>
        OperatingSystem.IsWindows() ? WindowsWidth() : SessionBrowser.Terminal.WindowSize.Columns(1);

    private static int? WindowsWidth()
    {
        try
        {
            int width = Console.WindowWidth;
            return width > 0 ? width : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
