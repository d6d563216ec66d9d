using SessionBrowser.Core.Stores.Codex;
using SessionBrowser.TestSupport;

namespace SessionBrowser.Core.Tests.Codex;

/// <summary>A Codex home in a temp folder, removed after the test.</summary>
public sealed class CodexFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    public CodexFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "codex-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Home = Path.Combine(Root, ".codex");
        Directory.CreateDirectory(Home);
        Writer = new CodexHomeWriter(Home);
    }

    public string Root { get; }
    public string Home { get; }
    public CodexHomeWriter Writer { get; }

    public CodexStore Store() => new(Home, new ManualClock(Now));

    public static string Id(int n) => $"{n:x8}-1111-4222-8333-{n:x12}";

    /// <summary>The two sample rollouts (both event styles), placed where Codex keeps them.</summary>
    public void AddSamples()
    {
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "codex")))
        {
            string name = Path.GetFileName(file);
            string day = Path.Combine(Home, "sessions", name[8..12], name[13..15], name[16..18]);
            Directory.CreateDirectory(day);
            File.Copy(file, Path.Combine(day, name));
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
