namespace SessionBrowser.Commands;

/// <summary>
/// A failure to report to the user as one line on stderr, with the exit code to end with.
/// Commands throw it instead of printing and returning so every error looks the same.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
