namespace SessionBrowser.Browser;

/// <summary>The statistics screen: opened empty, filled when Core's figures arrive, closed by its key.</summary>
internal static class StatsUpdate
{
    public static (AppState, Effect[]) Open(AppState s) => (s with { Dialog = new StatsDialog() }, [new LoadStats()]);

    public static (AppState, Effect[]) OnLoaded(AppState s, StatsLoaded stats) =>
        s.Dialog is StatsDialog ? (s with { Dialog = new StatsDialog(stats) }, []) : (s, []);

    /// <summary>An action failed: the open statistics screen says why instead of counting forever.</summary>
    public static (AppState, Effect[]) OnFailed(AppState s, string error) =>
        s.Dialog is StatsDialog ? (s with { Dialog = new StatsDialog(null, error) }, []) : (s, []);
}
