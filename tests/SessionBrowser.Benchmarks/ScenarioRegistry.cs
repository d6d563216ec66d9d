namespace SessionBrowser.Benchmarks;

/// <summary>Every scenario, in table order. Adding a group is one line here.</summary>
public static class ScenarioRegistry
{
    public static IEnumerable<Scenario> All() =>
    [
        .. SearchScenarios.Create(),
        .. BrowserProcessScenarios.Create(),
        .. BrowserScenarios.Create(),
        .. AgentScenarios.Create(),
        .. GeminiComparison.Create(),
        .. OpenCodeComparison.Create(),
        .. CleanupScenarios.Create(),
        .. ScaleScenarios.Create(),
    ];
}
