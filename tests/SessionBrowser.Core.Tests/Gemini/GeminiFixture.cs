using System.Text.Json.Nodes;
using SessionBrowser.Core.Stores.Gemini;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Gemini;

/// <summary>A Gemini home in a temp folder, removed after the test, plus the project folders it names.</summary>
public sealed class GeminiFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public GeminiFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "gemini-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Home = Path.Combine(Root, "home", ".gemini");
        Writer = new GeminiHomeWriter(Home);
    }

    public string Root { get; }
    public string Home { get; }
    public GeminiHomeWriter Writer { get; }

    /// <summary>A real project folder (so resume and restore have somewhere to run) registered with a slug folder.</summary>
    public (string Path, string Folder) Project(string name)
    {
        string path = System.IO.Path.Combine(Root, "work", name);
        Directory.CreateDirectory(path);
        return (path, Writer.AddProject(path));
    }

    public GeminiStore Store() => new(Home, new ManualClock(Now));

    public static string Id(int n) => $"{n:x8}-1111-4222-8333-{n:x12}";

    public static JsonArray ToolCalls(string name, string output) =>
    [
        new JsonObject
        {
            ["id"] = name + "-1", ["name"] = name, ["status"] = "success", ["timestamp"] = "2026-11-01T10:00:00.000Z",
            ["args"] = new JsonObject { ["file_path"] = "src/app.ts" }, ["resultDisplay"] = output,
        },
    ];

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
