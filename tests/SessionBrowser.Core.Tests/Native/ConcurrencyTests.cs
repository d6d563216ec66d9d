using System.Diagnostics;
using System.Text.RegularExpressions;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Native;

public class ConcurrencyTests
{
    [Fact]
    public void Two_processes_appending_under_the_lock_lose_and_interleave_nothing()
    {
        using var dir = new TempDirectory("native-concurrent");
        var store = new NativeStore(dir.Path);
        var meta = store.Create("/w", "m");
        const int Count = 150;
        // Lines of ~20 KB make a torn or interleaved write likely if the lock did not hold.
        using var python = Python.Start("append", dir.Path, meta.Id, Count.ToString(), "py", "20000");
        string filler = new('z', 20_000);
        for (int i = 0; i < Count; i++) store.AppendMessage(meta.Id, Roles.User, $"cs-{i} {filler}");
        Assert.True(python.WaitForExit(120_000));
        Assert.Equal(0, python.ExitCode);

        var records = store.ReadMessages(meta.Id).ToList();
        Assert.All(records, r => Assert.Null(r.Damage));
        Assert.Equal(2 * Count, records.Count);
        foreach (string writer in new[] { "py", "cs" })
        {
            var numbers = records.Select(r => Regex.Match(r.Message!.Content, $"^{writer}-(\\d+) ")).Where(m => m.Success)
                .Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.Equal(Enumerable.Range(0, Count), numbers);
        }
    }

    [Fact]
    public void A_writer_killed_mid_append_leaves_a_readable_file()
    {
        using var dir = new TempDirectory("native-killed");
        var store = new NativeStore(dir.Path);
        var meta = store.Create("/w", "m");
        // 3 MB lines: Python's text file writes them in several write() calls, so a kill can tear one.
        using var python = Python.StartAndWaitFor("started", "append-forever", dir.Path, meta.Id, "3000000");
        var watch = Stopwatch.StartNew();
        while (new FileInfo(store.MessagesPath(meta.Id)) is var file && (!file.Exists || file.Length < 20_000_000) && watch.Elapsed < TimeSpan.FromSeconds(60))
            Thread.Sleep(20);
        python.Kill();
        python.WaitForExit();

        var records = store.ReadMessages(meta.Id).ToList();
        Assert.True(records.Count >= 5, $"only {records.Count} lines were written");
        Assert.All(records[..^1], r => Assert.Null(r.Damage));
        // Only the last line may be torn, and it is reported rather than thrown.
        if (records[^1].Damage is { } damage) Assert.Contains("incomplete", damage);

        store.AppendMessage(meta.Id, Roles.User, "resumed after the crash");
        var after = store.ReadMessages(meta.Id).ToList();
        Assert.Equal("resumed after the crash", after[^1].Message!.Content);
        Assert.Equal(records.Count(r => r.Message is not null) + 1, after.Count(r => r.Message is not null));
    }
}
