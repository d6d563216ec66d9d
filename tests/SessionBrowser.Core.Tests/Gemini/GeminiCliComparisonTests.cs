using SessionBrowser.Core.Stores;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using SessionBrowser.Core.Stores.Gemini;

namespace SessionBrowser.Core.Tests.Gemini;

/// <summary>Runs only when the real Gemini CLI is on PATH (npm install @google/gemini-cli@0.61.0).</summary>
public sealed class GeminiFactAttribute : FactAttribute
{
    public GeminiFactAttribute()
    {
        if (GeminiCli.Find() is null)
            Skip = "gemini is not on PATH: install @google/gemini-cli@0.61.0 (npm) to compare our list with 'gemini --list-sessions'";
    }
}

/// <summary>Finds and runs the real Gemini CLI against a fixture home, offline.</summary>
public static partial class GeminiCli
{
    public static string? Find() => Support.AgentCli.Find("gemini");

    /// <summary>(index, title, id) of each line of <c>gemini --list-sessions</c> run in <paramref name="projectDir"/>.</summary>
    public static IReadOnlyList<(int Index, string Title, string Id)> ListSessions(string gemini, string userHome, string projectDir)
    {
        var start = new ProcessStartInfo(gemini) { WorkingDirectory = projectDir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--list-sessions");
        start.Environment["HOME"] = userHome;
        start.Environment["GEMINI_API_KEY"] = "dummy";
        start.Environment.Remove("GEMINI_CLI_HOME");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000)) process.Kill(entireProcessTree: true);
        Assert.True(process.ExitCode == 0, $"gemini --list-sessions failed: {error.Result}");
        return [.. output.Split('\n').Select(l => Line().Match(l)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value, m.Groups[3].Value))];
    }

    /// <summary>Gemini drops every non-ASCII character of a first-message title; compare what both keep.</summary>
    public static string Comparable(string title)
    {
        var ascii = new StringBuilder();
        foreach (char c in title) if (c is >= ' ' and <= '~') ascii.Append(c);
        string text = Spaces().Replace(ascii.ToString(), " ").Trim();
        return text.Length > 100 ? text[..97] + "..." : text;
    }

    [GeneratedRegex(@"^\s+(\d+)\. (.*) \([^()]*\) \[([0-9a-fA-F-]+)\]\s*$")]
    private static partial Regex Line();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

public sealed class GeminiCliComparisonTests : IDisposable
{
    private readonly GeminiFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [GeminiFact]
    public void Our_project_list_matches_gemini_list_sessions()
    {
        var (path, folder) = _fixture.Project("compare");
        var now = DateTimeOffset.UtcNow;
        var w = _fixture.Writer;
        w.Session(folder, GeminiFixture.Id(1), now.AddHours(-9), legacy: true).User("u1", "legacy session about the build").Gemini("g1", "ok").Save();
        w.Session(folder, GeminiFixture.Id(2), now.AddHours(-8)).User("u1", "repeated ids").Gemini("g1", "a").Gemini("g1", "b").Save();
        w.Session(folder, GeminiFixture.Id(3), now.AddHours(-7)).User("u1", "will get a summary").Gemini("g1", "ok").Summary("Summary with 中文 and emoji 🎉").Save();
        w.Session(folder, GeminiFixture.Id(4), now.AddHours(-6)).User("u1", "修复 the parser please").Gemini("g1", "done").Save();
        w.Session(folder, GeminiFixture.Id(5), now.AddHours(-5)).User("u1", "kept").Gemini("g1", "x").User("u2", "cut").RewindTo("u2").Save();
        w.Session(folder, GeminiFixture.Id(6), now.AddHours(-4)).User("u1", "gone").RewindTo("missing").Save();
        w.Session(folder, GeminiFixture.Id(7), now.AddHours(-3)).User("u1", "with bad lines").Raw("{broken").Gemini("g1", "fine").Save();
        w.Session(folder, GeminiFixture.Id(8), now.AddHours(-2)).User("u1", "/help").Save();
        w.Session(folder, GeminiFixture.Id(9), now.AddHours(-1)).User("u1", "subagent").Kind("subagent").Save();
        w.Session(folder, GeminiFixture.Id(10), now.AddMinutes(-50), legacy: true).User("u1", "duplicate across formats").Save();
        w.Session(folder, GeminiFixture.Id(10), now.AddMinutes(-50)).User("u1", "duplicate across formats").At(now.AddMinutes(-10)).Gemini("g1", "newer").Save();
        w.Session(folder, GeminiFixture.Id(11), now.AddMinutes(-40)).Gemini("g1", "model text only").Save();
        w.Session(folder, GeminiFixture.Id(12), now.AddMinutes(-30)).User("u1", string.Concat(Enumerable.Repeat("long title ", 20))).Save();
        // Keep Gemini's retention from touching the fixture while it lists.
        File.WriteAllText(Path.Combine(_fixture.Home, "settings.json"), "{\"general\": {\"sessionRetention\": {\"enabled\": false}}}");

        var ours = new SessionSources([_fixture.Store()], new ProjectFolder(path)).List().Select(m => m.Session).Where(s => !s.Id.StartsWith("session-", StringComparison.Ordinal)).ToList();
        var theirs = GeminiCli.ListSessions(GeminiCli.Find()!, Path.GetDirectoryName(_fixture.Home)!, path);

        Assert.Equal(9, theirs.Count);
        Assert.Equal(theirs.Select(t => t.Id), ours.Select(s => s.Id));
        Assert.Equal(theirs.Select(t => GeminiCli.Comparable(t.Title)), ours.Select(s => GeminiCli.Comparable(s.Title)));
        Assert.Contains(ours, s => s.Title == "修复 the parser please");
    }
}
