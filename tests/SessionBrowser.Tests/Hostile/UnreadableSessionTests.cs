using System.Diagnostics;
using SessionBrowser.Core.Generation;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// Issue 14 item 7: sessions the user may not read (a folder with mode 000, a messages.jsonl
/// with mode 000, a messages.jsonl that is a folder) are damaged rows, and list, search, stats
/// and doctor answer for the others. Permissions do not stop root, so the real program runs as
/// user nobody (setpriv) when the tests run as root, and as the user itself otherwise.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class UnreadableSessionTests : IDisposable
{
    private const int Nobody = 65534;
    private readonly CliHarness _cli = new();

    public void Dispose()
    {
        // Give the folders back their modes so the harness can remove them.
        foreach (string dir in Directory.EnumerateDirectories(_cli.Store))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _cli.Dispose();
    }

    [Fact]
    public void Unreadable_sessions_are_damaged_rows_and_every_command_answers_for_the_others()
    {
        StoreGenerator.Generate(_cli.Store, new GeneratorOptions { Sessions = 6, Messages = 4, Seed = 5 });
        var ids = Directory.EnumerateDirectories(_cli.Store).Select(dir => Path.GetFileName(dir)).Order(StringComparer.Ordinal).ToList();
        string noFolder = ids[0], noFile = ids[1], folderAsFile = ids[2];
        string messages(string id) => Path.Combine(_cli.Store, id, "messages.jsonl");
        File.SetUnixFileMode(messages(noFile), UnixFileMode.None);
        File.Delete(messages(folderAsFile));
        Directory.CreateDirectory(messages(folderAsFile));
        File.SetUnixFileMode(Path.Combine(_cli.Store, noFolder), UnixFileMode.None);
        OpenToNobody(_cli.Folder);

        var list = RunAsUser("list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var rows = System.Text.Json.JsonDocument.Parse(list.Out))
        {
            var status = rows.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());
            Assert.Equal(ids.Order(StringComparer.Ordinal), status.Keys.Order(StringComparer.Ordinal));
            // A listing reads metadata only: the folder we may not enter is damaged there; the
            // messages that cannot be read are found by whatever reads them (below).
            Assert.Equal("damaged", status[noFolder]);
            foreach (string id in ids.Skip(3)) Assert.NotEqual("damaged", status[id]);
        }
        foreach (string id in new[] { noFile, folderAsFile })
        {
            var show = RunAsUser("show", id);
            Assert.Contains("messages.jsonl", show.Out + show.Error);
            Assert.DoesNotContain("One or more errors", show.Out + show.Error);
        }

        foreach (string[] command in new[] { new[] { "search", "the" }, new[] { "stats" }, new[] { "doctor", "--dry-run" } })
        {
            var result = RunAsUser(command);
            Assert.DoesNotContain("One or more errors", result.Error + result.Out);
            Assert.DoesNotContain("error:", result.Error);
            if (command[0] == "doctor")
                foreach (string id in new[] { noFolder, noFile, folderAsFile }) Assert.Contains($"{id}: ", result.Out);
            else Assert.True(result.ExitCode == 0, string.Join(' ', command) + ": " + result);
        }
    }

    /// <summary>Runs the real program on the test's store, as nobody when the tests run as root.</summary>
    private CliResult RunAsUser(params string[] args)
    {
        bool root = GetUid() == 0;
        var start = new ProcessStartInfo(root ? "setpriv" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] program = [Path.Combine(AppContext.BaseDirectory, "sessionbrowser.dll"), "--store", _cli.Store, .. args];
        string[] command = root ? [$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "dotnet", .. program] : program;
        foreach (string arg in command) start.ArgumentList.Add(arg);
        start.Environment["HOME"] = _cli.Home;
        start.Environment["DOTNET_CLI_HOME"] = _cli.Home;
        start.Environment["XDG_CACHE_HOME"] = _cli.Cache;
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output.Result, error);
    }

    /// <summary>Lets nobody write the test's home, cache and store (the modes set on purpose above are kept).</summary>
    private void OpenToNobody(string folder)
    {
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(_cli.Cache);
        foreach (string dir in new[] { folder, _cli.Home, _cli.Cache, _cli.Store }) File.SetUnixFileMode(dir, open);
        foreach (string dir in Directory.EnumerateDirectories(_cli.Store))
        {
            if (File.GetUnixFileMode(dir) == UnixFileMode.None) continue;
            File.SetUnixFileMode(dir, open);
            foreach (string entry in Directory.EnumerateFileSystemEntries(dir))
                if (File.GetUnixFileMode(entry) != UnixFileMode.None) File.SetUnixFileMode(entry, open);
        }
        File.SetUnixFileMode(Path.Combine(_cli.Store, "index.json"), open);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetUid();
}
