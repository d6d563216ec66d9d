using System.Diagnostics;
using SessionBrowser.Commands;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// Issue 14 item 18: a store on a read-only file system says so, never "session is live". The
/// store is a tmpfs mounted read-only for the test, which needs root (mount); elsewhere the test
/// returns at once, saying nothing can be checked there.
/// </summary>
public sealed class ReadOnlyStoreTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly string _mount;
    private readonly bool _mounted;

    public ReadOnlyStoreTests()
    {
        _mount = Path.Combine(_cli.Folder, "ro");
        Directory.CreateDirectory(_mount);
        _mounted = Run("mount", "-t", "tmpfs", "none", _mount);
    }

    public void Dispose()
    {
        if (_mounted) Run("umount", _mount);
        _cli.Dispose();
    }

    private static bool Run(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    [Fact]
    public void Changes_to_a_read_only_store_say_read_only_never_live()
    {
        if (!_mounted) return; // not root: no read-only file system to test on
        string store = Path.Combine(_mount, "store");
        string id = new StoreBuilder(store).Add(TimeSpan.FromDays(60), "on a read-only disk", status: "completed", messages: ["user: hi"]);
        Assert.True(Run("mount", "-o", "remount,ro", _mount), "remount read-only");

        foreach (var args in new[] { new[] { "delete", id, "--yes" }, ["tag", id, "+x"], ["rename", id, "new title"], ["cleanup", "--yes", "--status", "any"] })
        {
            var result = _cli.RunRaw(["--store", store, .. args]);
            Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
            Assert.Contains("Read-only file system", result.Error);
            Assert.DoesNotContain("live", result.Error);
        }
        Assert.True(Directory.Exists(Path.Combine(store, id)));
    }
}
