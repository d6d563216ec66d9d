namespace SessionBrowser.Commands;

/// <summary>The process exit codes every command keeps to.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>The reader of the output went away (<c>| head</c>): what a shell reports for a program that SIGPIPE ended (128 + 13).</summary>
    public const int OutputClosed = 141;
}
