using System.CommandLine;

namespace SessionBrowser.Commands;

/// <summary>
/// Every command of the program. Each command lives in its own file with a
/// <c>static Command Create(CliContext context)</c>; adding one is one line here.
/// </summary>
public static class CommandRegistry
{
    public static readonly IReadOnlyList<Func<CliContext, Command>> Commands =
    [
        ListCommand.Create,
        ShowCommand.Create,
        SearchCommand.Create,
        DeleteCommand.Create,
        TrashCommand.Create,
        RecoverCommand.Create,
        RestoreCommand.Create,
        GenerateCommand.Create,
        DoctorCommand.Create,
        GeminiCommand.Create,
        AtRiskCommand.Create,
        AtRiskCommand.CreateKeep,
        CleanupCommand.Create,
        StatsCommand.Create,
        ExportCommand.Create,
        ImportCommand.Create,
        MergeCommand.Create,
        RenameCommand.Create,
        TagCommand.Create,
        BrowseCommand.CreatePick,
    ];

    /// <summary>What the program does with no command: the full-screen browser.</summary>
    public static Func<CliContext, ParseResult, int> Default { get; } = BrowseCommand.RunDefault;
}
