using System.Text.Json.Nodes;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Claude;

/// <summary>A Claude config folder in a temp folder, removed after the test; transcripts dated well before <see cref="Now"/>.</summary>
public sealed class ClaudeFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Usage SomeUsage = new(100, 20, 1000, 50);
    public const string Model = "claude-sonnet-4-5-20250929";

    public ClaudeFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "claude-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Home = Path.Combine(Root, "home", ".claude");
        Writer = new ClaudeHomeWriter(Home);
    }

    public string Root { get; }
    public string Home { get; }
    public ClaudeHomeWriter Writer { get; }

    public string WorkDir(string name)
    {
        string path = Path.Combine(Root, "work", name);
        Directory.CreateDirectory(path);
        return path;
    }

    public ClaudeStore Store(DateTimeOffset? now = null) => new(Home, new ManualClock(now ?? Now));

    public static string Id(int n) => $"{n:x8}-1111-4222-8333-{n:x12}";

    /// <summary>A session with a prompt and an answer, its file dated at <paramref name="written"/>.</summary>
    public ClaudeSessionWriter Simple(string workDir, int n, string prompt, DateTimeOffset written)
    {
        var session = Writer.Session(workDir, Id(n), written.AddMinutes(-5))
            .User(prompt)
            .Assistant(Model, SomeUsage, ClaudeSessionWriter.Text("Done."))
            .Flush();
        File.SetLastWriteTimeUtc(session.Path, written.UtcDateTime);
        return session;
    }

    public static JsonObject Input(string command) => new() { ["command"] = command };

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
