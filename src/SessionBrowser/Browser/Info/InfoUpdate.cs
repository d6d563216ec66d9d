namespace SessionBrowser.Browser;

/// <summary>The Info tab only scrolls.</summary>
internal static class InfoUpdate
{
    public static (AppState, Effect[]) OnCommand(AppState s, Command command) => command switch
    {
        Command.MoveDown => (s with { InfoTop = s.InfoTop + 1 }, []),
        Command.MoveUp => (s with { InfoTop = Math.Max(0, s.InfoTop - 1) }, []),
        _ => (s, []),
    };
}
