using System.Text.Json;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Qwen;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Qwen;

/// <summary>
/// Opt-in: the real Qwen Code (npm @qwen-code/qwen-code, 0.24.4 here) against a home our writer
/// built: <c>qwen sessions list --json</c> in a project lists exactly our sessions of that folder
/// (but the archived ones, which Qwen's list leaves out and we show as archived), and after our
/// delete no longer lists the session.
/// </summary>
public sealed class QwenCliComparisonTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new("qwen-cli");
    private readonly QwenHomeWriter _writer;

    public QwenCliComparisonTests() => _writer = new QwenHomeWriter(_temp.Combine(".qwen"));

    public void Dispose() => _temp.Dispose();

    [AgentCliFact("qwen", "@qwen-code/qwen-code")]
    public void Its_session_list_in_a_project_is_ours_for_that_folder_and_drops_what_we_delete()
    {
        string alpha = _temp.Combine("work", "alpha"), beta = _temp.Combine("work", "beta");
        Directory.CreateDirectory(alpha);
        Directory.CreateDirectory(beta);
        _writer.Begin(alpha, "a1a1a1a1-0000-4000-8000-000000000001", Start).User("Parse the flags").Assistant("Done.", 100, 20).Write();
        _writer.Begin(alpha, "a1a1a1a1-0000-4000-8000-000000000002", Start.AddHours(1)).User("Fix the release").Assistant("Fixed.", 100, 20).Title("Release fix").Write();
        _writer.Begin(alpha, "a1a1a1a1-0000-4000-8000-000000000003", Start.AddHours(2)).User("Old idea").Assistant("Shelved.", 10, 2).Write(archived: true);
        _writer.Begin(beta, "b2b2b2b2-0000-4000-8000-000000000001", Start.AddHours(3)).User("Write the docs").Assistant("Written.", 100, 20).Write();

        var store = new QwenStore(_writer.Home);
        var ours = new SessionSources([store], new ProjectFolder(alpha)).List().Select(m => m.Session).ToList();
        Assert.Equal(3, ours.Count);
        var shownByQwen = ours.Where(s => s.Status != QwenStore.ArchivedStatus).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(shownByQwen, Listed(alpha));
        Assert.Equal(["b2b2b2b2-0000-4000-8000-000000000001"], Listed(beta));

        new SessionTrash(_temp.Combine("native")).DeleteSession(store, "a1a1a1a1-0000-4000-8000-000000000001");
        Assert.Equal(["a1a1a1a1-0000-4000-8000-000000000002"], Listed(alpha));
    }

    private List<string> Listed(string directory)
    {
        var environment = new Dictionary<string, string> { ["QWEN_HOME"] = _writer.Home, ["HOME"] = _temp.Combine("home") };
        Directory.CreateDirectory(environment["HOME"]);
        string output = AgentCli.Run(AgentCli.Find("qwen")!, directory, environment, "sessions", "list", "--json", "--limit", "1000");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sessionId").GetString()!)
            .Order(StringComparer.Ordinal)];
    }
}
