using System.Text;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Claude;
using SessionBrowser.Core.Stores.Codex;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>
/// A first list of Claude Code and Codex sessions reads every transcript through the stores'
/// batch finders (the moment, the name index and the writer locks worked out once) and reads each
/// file in one piece: the rows must be the ones Find gives and the ones the filled index gives,
/// damaged, linked, large and live sessions included.
/// </summary>
public sealed class AgentFirstListingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTime Old = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _temp = new("agent-first");
    private readonly List<IDisposable> _held = [];

    public void Dispose()
    {
        foreach (var held in _held) held.Dispose();
        _temp.Dispose();
    }

    private static List<string> Rows(IEnumerable<SessionMatch> matches) => [.. matches.Select(m => SearchCache.WriteSummary(m.Session))];

    private (ClaudeStore Claude, CodexStore Codex) Homes()
    {
        string claudeHome = ClaudeHomeGenerator.Generate(_temp.Path, new(Sessions: 30, TurnsPerSession: 4, Now: Now));
        string codexHome = CodexHomeGenerator.Generate(_temp.Path, new(Sessions: 30, TurnsPerSession: 4, Seed: 2, Now: Now));
        // Transcripts are at the top of each project folder (subagents' lie deeper).
        var claude = Directory.EnumerateDirectories(Path.Combine(claudeHome, "projects"))
            .SelectMany(project => Directory.EnumerateFiles(project, "*.jsonl")).Order(StringComparer.Ordinal).ToList();
        var codex = Directory.EnumerateFiles(Path.Combine(codexHome, "sessions"), "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        foreach (var files in (List<string>[])[claude, codex])
        {
            Append(files[0], "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"torn"u8);             // a torn last line
            // Invalid UTF-8 in a line both read (Codex reads a user message, Claude every line).
            Append(files[1], [.. "\n{\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\""u8,
                0xFF, 0xFE, .. "\"}]}}\n"u8]);
            Append(files[2], Encoding.UTF8.GetBytes("\n" + new string(' ', WholeLines.MaxWholeBytes) + "{}\n")); // larger than one read
            File.Delete(files[3]);
            File.CreateSymbolicLink(files[3], files[4]);                                                            // a link: refused
        }
        // Live: a running Claude names one session; Codex holds one writer lock.
        Directory.CreateDirectory(Path.Combine(claudeHome, "sessions"));
        File.WriteAllText(Path.Combine(claudeHome, "sessions", $"{Environment.ProcessId}.json"),
            $"{{\"sessionId\":\"{Path.GetFileNameWithoutExtension(claude[5])}\"}}");
        string codexId = CodexHome.IdOf(Path.GetFileName(codex[5]))!;
        Directory.CreateDirectory(Path.Combine(codexHome, CodexHome.LocksFolder));
        _held.Add(FileLock.TryAcquire(Path.Combine(codexHome, CodexHome.LocksFolder, codexId + ".lock"))!);
        // Written long ago, so "written in the last seconds" makes no session live by the clock.
        foreach (string file in claude.Concat(codex).Where(f => new FileInfo(f).LinkTarget is null)) File.SetLastWriteTimeUtc(file, Old);
        return (new ClaudeStore(claudeHome), new CodexStore(codexHome));
    }

    private static void Append(string file, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(file, FileMode.Append);
        stream.Write(bytes);
    }

    [Fact]
    public void The_batch_finders_give_the_rows_Find_gives()
    {
        var (claude, codex) = Homes();
        foreach (var store in (ISessionStore[])[claude, codex])
        {
            var ids = store.List().Select(s => s.Id).ToList();
            using var finder = ((IBatchFind)store).OpenFinder();

            var found = ids.Select(id => finder.Find(id, out _)).ToList();

            Assert.Equal(ids.Select(id => SearchCache.WriteSummary(store.Find(id)!)), found.Select(s => SearchCache.WriteSummary(s!)));
            Assert.Contains(found, s => s!.Liveness == Liveness.Live);
            Assert.True(found.Count(s => s!.Damaged is not null) >= 3, $"{store.Source}: the torn, the invalid and the linked transcripts are damaged: {string.Join(" / ", found.Select(s => s!.Damaged))}");
            Assert.Null(finder.Find("00000000-0000-0000-0000-000000000000", out _));
        }
    }

    [Fact]
    public void The_first_list_shown_equals_what_the_filled_index_gives()
    {
        var (claude, codex) = Homes();
        var search = new CachedSources([claude, codex], new SearchOptions { CacheDirectory = _temp.Combine("cache") });
        List<string>? shown = null;

        search.ListThenIndex(null, sessions => shown = Rows(sessions));

        Assert.Equal(60, shown!.Count);
        Assert.Equal(Rows(search.List()), shown);
        Assert.Equal(Rows(search.List(fresh: false)), shown);
        // A fresh process (no transcript cached in the stores) reads the same from the index.
        var again = new CachedSources([new ClaudeStore(claude.Root), new CodexStore(codex.Root)], new SearchOptions { CacheDirectory = _temp.Combine("cache") });
        Assert.Equal(shown, Rows(again.List()));
    }
}
