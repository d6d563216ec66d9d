using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>A list filling from an empty index (the browser's first run) shows its top rows before most sessions are read.</summary>
public class FirstIndexingTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_first_commit_holds_the_newest_screenful_read_before_the_rest()
    {
        var store = new FolderStore(_temp.Sub("store"));
        var start = new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        const int sessions = 300;
        for (int i = 0; i < sessions; i++)
        {
            string id = $"s{i:D3}";
            store.Write(id, $"Session {i}", lastActive: new DateTimeOffset(start.AddMinutes(i)));
            File.SetLastWriteTimeUtc(Path.Combine(store.Root, id, "meta.json"), start.AddMinutes(i));
        }
        var index = SearchCache.Open(store, _temp.Sub("cache"));
        List<string>? firstShown = null;
        int readWhenShown = 0;
        var progress = new Callback(p =>
        {
            if (firstShown is not null || p.Visible == 0) return;
            // What another connection (the browser's list) sees at the first commit.
            firstShown = [.. index.Rows().Select(s => s.Id)];
            readWhenShown = p.Done;
        });

        var report = index.Reconcile(ReconcileScope.Summaries, progress);

        Assert.Equal(sessions, report.Added);
        Assert.NotNull(firstShown);
        Assert.InRange(firstShown.Count, 1, 64);
        Assert.Equal(firstShown.Count, readWhenShown);
        Assert.Equal(Enumerable.Range(sessions - firstShown.Count, firstShown.Count).Reverse().Select(i => $"s{i:D3}"), firstShown);
        Assert.Equal(sessions, index.Rows().Count());
    }

    private sealed class Callback(Action<ReconcileProgress> report) : IProgress<ReconcileProgress>
    {
        public void Report(ReconcileProgress value) => report(value);
    }
}
