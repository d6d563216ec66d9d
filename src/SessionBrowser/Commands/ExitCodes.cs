namespace SessionBrowser.Commands;

/// <summary>The process exit codes every command keeps to.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>
/// A failure to report to the user as one line on stderr, with the exit code to end with.
/// Commands throw it instead of printing and returning so every error looks the same.
/// </summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
