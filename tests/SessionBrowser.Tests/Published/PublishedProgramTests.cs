using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.Core.Stores.Codex;
using SessionBrowser.Core.Stores.Kimi;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Stores.Qwen;

namespace SessionBrowser.Tests.Published;

/// <summary>
/// The published program is compiled ahead of time (Native AOT), where code that depends on
/// reflection can behave differently from the JIT build every other test runs: trimmed-away
/// members, missing serializers, culture data. So every command is run by both on identical
/// copies of one home (a native store with its faults, and a Claude, Codex, Kimi, Qwen and
/// opencode home) and everything they print, their exit codes and the files they leave behind
/// must be the same.
/// </summary>
public sealed partial class PublishedProgramTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "published-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp files are harmless.
        }
    }

    [PublishedProgramFact]
    public void Every_command_prints_and_writes_the_same_as_the_JIT_build()
    {
        string template = Path.Combine(_folder, "template");
        BuildHome(template);
        string native = "--store=HOME/store";
        List<string[]> commands =
        [
            ["--help"], ["list", "--help"], ["search", "--help"],
            ["list"], ["list", "--json"], [native, "list", "--json"], ["list", "--source", "claude", "--json"],
            ["list", "--source", "codex"], ["list", "--source", "opencode", "--json"], ["list", "--source", "qwen"],
            ["search", "worker pool"], ["search", "worker", "--json"], ["search", "source:codex retention"],
            ["search", "status:interrupted"], [native, "search", "tokenizer", "--json"],
            ["stats"], ["stats", "--json"], ["at-risk"], ["at-risk", "--json"],
            [native, "doctor"], [native, "doctor", "--json"], [native, "recover", "--json"],
            [native, "show", "FIRST"], [native, "show", "FIRST", "--json"], ["--source", "claude", "show", "FIRST"],
            ["--source", "codex", "show", "FIRST", "--json"], ["--source", "opencode", "show", "FIRST"],
            [native, "export", "FIRST", "--markdown", "--out", "HOME/out.md"],
            [native, "export", "FIRST", "--html", "--out", "HOME/out.html"],
            [native, "rename", "FIRST", "A new name ✓"], ["--source", "claude", "rename", "FIRST", "Claude's new name"],
            [native, "tag", "FIRST", "+aot", "-refactor"], [native, "tag", "FIRST"],
            [native, "delete", "FIRST", "--yes"], ["--source", "codex", "delete", "FIRST", "--yes"],
            [native, "trash"], [native, "cleanup", "--older-than", "30d", "--json"],
            ["generate", "--out", "HOME/generated", "--sessions", "5", "--messages", "8"],
            ["list", "--limit", "99999999999"], ["show", "nope"], ["list", "--nope"],
        ];
        var failures = new List<string>();
        for (int i = 0; i < commands.Count; i++)
        {
            var jit = Run(template, Path.Combine(_folder, $"jit-{i}"), commands[i], published: false);
            var aot = Run(template, Path.Combine(_folder, $"aot-{i}"), commands[i], published: true);
            if (jit.Differences(aot) is { Count: > 0 } differences)
                failures.Add($"{string.Join(' ', commands[i])}:\n  " + string.Join("\n  ", differences));
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    /// <summary>What a run left: exit code, both streams and every file (with the home folder's path written HOME).</summary>
    private sealed record Outcome(int Code, string Stdout, string Stderr, IReadOnlyList<string> Files)
    {
        /// <summary>What differs from the other build's run, as lines that name the build.</summary>
        public List<string> Differences(Outcome published)
        {
            var differences = new List<string>();
            if (Code != published.Code) differences.Add($"exit code: JIT {Code}, AOT {published.Code}");
            if (Stdout != published.Stdout) differences.Add($"stdout:\n--- JIT\n{Stdout}\n--- AOT\n{published.Stdout}");
            if (Stderr != published.Stderr) differences.Add($"stderr:\n--- JIT\n{Stderr}\n--- AOT\n{published.Stderr}");
            differences.AddRange(Files.Except(published.Files).Select(f => "file only after JIT: " + f));
            differences.AddRange(published.Files.Except(Files).Select(f => "file only after AOT: " + f));
            return differences;
        }
    }

    private Outcome Run(string template, string home, string[] command, bool published)
    {
        CopyFolder(template, home);
        string first = FirstId(template, command);
        var (code, stdout, stderr) = Start(home, [.. command.Select(a => a.Replace("HOME", home).Replace("FIRST", first))], published);
        return new Outcome(code, Mask(stdout, home), Mask(stderr, home), Files(home));
    }

    private static (int Code, string Stdout, string Stderr) Start(string home, string[] args, bool published)
    {
        var start = published
            ? new ProcessStartInfo(PublishedProgramFactAttribute.Program!)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll") } };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = start.RedirectStandardError = start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        start.Environment["HOME"] = home;
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        start.Environment["TZ"] = "UTC";
        start.Environment["SESSION_BROWSER_PROGRAM"] = "sessionbrowser";
        foreach (string name in (string[])["SESSION_BROWSER_STORE", "CLAUDE_CONFIG_DIR", "SESSION_BROWSER_CODEX_HOME", "CODEX_HOME", "KIMI_SHARE_DIR", "QWEN_HOME", "XDG_DATA_HOME", "SESSION_BROWSER_GEMINI_HOME", "SESSION_BROWSER_RESUME"])
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), $"{string.Join(' ', args)} did not finish in 120 s");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// The id the command's FIRST stands for: the most recently active session of the source it
    /// names (native without one), as the JIT build lists it on a copy of the home.
    /// </summary>
    private string FirstId(string template, string[] command)
    {
        if (!command.Contains("FIRST")) return "";
        string source = command.SkipWhile(a => a != "--source").Skip(1).FirstOrDefault() ?? "native";
        string probe = Path.Combine(_folder, "probe-" + source);
        if (!Directory.Exists(probe)) CopyFolder(template, probe);
        string[] list = source == "native" ? ["--store", Path.Combine(probe, "store"), "--source", "native", "list", "--json", "--limit", "1"] : ["--source", source, "list", "--json", "--limit", "1"];
        var (code, stdout, stderr) = Start(probe, list, published: false);
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement[0].GetProperty("id").GetString()!;
    }

    private static string Mask(string text, string home) => text.Replace(home, "HOME").Replace("\r", "");

    /// <summary>
    /// Every file under the home but our cache (its SQLite pages differ by timing), with a hash of
    /// its bytes. What depends on the moment is masked: times in names and contents (trash entries,
    /// appended title lines), the home's own path and the pid a lock file holds.
    /// </summary>
    private static IReadOnlyList<string> Files(string home)
    {
        string cache = Path.Combine(home, ".cache") + Path.DirectorySeparatorChar;
        var lines = Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(cache, StringComparison.Ordinal))
            .Select(f => MaskTimes(Mask(f, home)) + " " + (f.EndsWith(".lock", StringComparison.Ordinal) ? "(lock)" : ContentHash(f, home)))
            .Order(StringComparer.Ordinal);
        return [.. lines];
    }

    private static string ContentHash(string file, string home) =>
        Convert.ToHexString(SHA256.HashData(Encoding.Latin1.GetBytes(MaskTimes(Mask(Encoding.Latin1.GetString(File.ReadAllBytes(file)), home)))))[..12];

    private static string MaskTimes(string text) => Times().Replace(text, "TIME");

    [GeneratedRegex(@"\d{4}-?\d{2}-?\d{2}T\d{2}:?\d{2}:?\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Times();

    private static void BuildHome(string home)
    {
        StoreGenerator.Generate(Path.Combine(home, "store"), new GeneratorOptions { Sessions = 30, Messages = 12, Seed = 7, IncludeFaults = true });
        ClaudeHomeGenerator.Generate(home, new(Sessions: 12, TurnsPerSession: 4, Seed: 7, Now: Now));
        CodexHomeGenerator.Generate(home, new(Sessions: 12, TurnsPerSession: 4, Seed: 7, Now: Now));
        KimiHomeGenerator.Generate(home, new(Sessions: 8, TurnsPerSession: 4, Seed: 7, Now: Now));
        QwenHomeGenerator.Generate(home, new(Sessions: 8, TurnsPerSession: 4, Seed: 7, Now: Now));
        OpenCodeHomeGenerator.Generate(home, new(Sessions: 8, TurnsPerSession: 4, Seed: 7, Now: Now));
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }
}
