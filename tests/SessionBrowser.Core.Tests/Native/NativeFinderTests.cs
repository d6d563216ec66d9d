using System.Diagnostics;
using System.Text;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Search;

namespace SessionBrowser.Core.Tests.Native;

/// <summary>
/// A first list reads every session through <see cref="NativeStore.OpenFinder"/> (the store folder
/// held open, names read relative to it): each row must be the one <see cref="NativeStore.Find"/>
/// gives, for plain sessions and for every odd thing a store can hold.
/// </summary>
public class NativeFinderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Everything a row says, its metadata's unknown fields included.</summary>
    private static string Describe(SessionSummary? summary) => summary is null ? "(none)" : string.Join(" | ",
        SearchCache.WriteSummary(summary), summary.Path, summary.Damaged ?? "-", summary.Liveness,
        summary.Metadata is { } meta ? NativeJson.WriteMetadata(meta).ToJsonString() : "-");

    private static void AssertSameRows(NativeStore store, IEnumerable<string> ids)
    {
        using var finder = store.OpenFinder();
        foreach (string id in ids)
        {
            var found = finder.Find(id, out var messages);
            Assert.Equal(Describe(store.Find(id)), Describe(found));
            // A stamp only of a messages file a title came from, the one a stat of it gives.
            if (messages is not null)
            {
                Assert.True(string.IsNullOrWhiteSpace(found!.Description));
                Assert.Equal(store.StampOf(id)!.Messages, messages);
            }
        }
    }

    private static IEnumerable<string> Entries(NativeStore store) =>
        Directory.EnumerateFileSystemEntries(store.Root).Select(Path.GetFileName).OfType<string>()
            .Select(name => name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name)
            .Where(SessionIds.IsValid);

    [Fact]
    public void A_generated_store_with_its_faults_reads_the_same_row_for_every_session()
    {
        var root = _temp.Sub("native");
        // Damaged and missing metadata, torn lines, interrupted sessions, sessions titled by their first message.
        StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 120, Messages = 6, Seed = 11, IncludeFaults = true });
        var store = new NativeStore(root);

        AssertSameRows(store, Entries(store));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Odd_files_in_session_folders_read_the_same_row_as_Find(bool folderByFolder)
    {
        // Where openat2 works the session folders are not opened one by one; both ways are read here.
        Openat2.Declined = folderByFolder;
        try
        {
            OddFiles();
        }
        finally
        {
            Openat2.Declined = false;
        }
    }

    private void OddFiles()
    {
        var store = new NativeStore(_temp.Sub("native"));
        string Session(string? description, params string[] lines)
        {
            var meta = store.Create("/work", "m", description);
            if (lines.Length > 0) File.WriteAllText(store.MessagesPath(meta.Id), string.Join("\n", lines));
            return meta.Id;
        }
        static string User(string text) => $"{{\"role\": \"user\", \"content\": \"{text}\", \"timestamp\": \"2025-01-01T00:00:00\"}}";
        const string system = "{\"role\": \"system\", \"content\": \"You are an agent.\"}";
        var ids = new List<string>
        {
            Session("A plain session"),
            Session("  \n  Two lines\n of description  "),
            Session(null, system, User("the first prompt")),
            // The first user message past the first 4 KB; a torn last line without one; no messages file.
            Session(null, [.. Enumerable.Repeat(system, 120), User("found far down")]),
            Session(null, system, "{\"role\": \"user\", \"content\": \"torn"),
            Session(null, system, User("unended last line")),
            Session(null),
            Session(null, "   ", "not json", User("after junk")),
        };

        // metadata.json: invalid text (read after repair: damaged), unknown fields, not an object, empty, too large.
        string repaired = Session("x");
        File.WriteAllBytes(store.MetadataPath(repaired), [.. Encoding.UTF8.GetBytes("{\"id\": \"x\", \"description\": \"bad "), 0xFF, .. Encoding.UTF8.GetBytes("\"}")]);
        string extra = Session("x");
        File.WriteAllText(store.MetadataPath(extra), "{\"description\": \"extra\", \"future_field\": {\"a\": [1, 2]}, \"status\": \"completed\"}");
        string array = Session("x");
        File.WriteAllText(store.MetadataPath(array), "[1, 2]");
        string empty = Session("x");
        File.WriteAllText(store.MetadataPath(empty), "");
        string large = Session("x");
        File.WriteAllText(store.MetadataPath(large), "{\"description\": \"" + new string('a', (int)NativeLayout.MaxMetadataBytes) + "\"}");
        string missing = Session("x");
        File.Delete(store.MetadataPath(missing));
        ids.AddRange([repaired, extra, array, empty, large, missing]);

        // Links: metadata.json, messages.jsonl (title from it), the .lock, the session folder itself.
        string outside = _temp.Sub("outside");
        File.WriteAllText(Path.Combine(outside, "metadata.json"), "{\"description\": \"from outside\"}");
        File.WriteAllText(Path.Combine(outside, "messages.jsonl"), User("from outside"));
        string metaLink = Session("x");
        File.Delete(store.MetadataPath(metaLink));
        File.CreateSymbolicLink(store.MetadataPath(metaLink), Path.Combine(outside, "metadata.json"));
        string messagesLink = Session(null);
        File.CreateSymbolicLink(store.MessagesPath(messagesLink), Path.Combine(outside, "messages.jsonl"));
        string lockLink = Session("lock is a link");
        File.CreateSymbolicLink(store.LockPath(lockLink), Path.Combine(outside, "metadata.json"));
        string lockFolder = Session("lock is a folder");
        Directory.CreateDirectory(store.LockPath(lockFolder));
        string folderLink = "f01dc0de";
        Directory.CreateSymbolicLink(store.SessionDir(folderLink), store.SessionDir(ids[0]));
        ids.AddRange([metaLink, messagesLink, lockLink, lockFolder, folderLink]);

        // metadata.json a folder; FIFOs where metadata.json, messages.jsonl and .lock would be (never opened for reading).
        string metaFolder = Session("x");
        File.Delete(store.MetadataPath(metaFolder));
        Directory.CreateDirectory(store.MetadataPath(metaFolder));
        string metaFifo = Session("x");
        File.Delete(store.MetadataPath(metaFifo));
        MakeFifo(store.MetadataPath(metaFifo));
        string messagesFifo = Session(null);
        MakeFifo(store.MessagesPath(messagesFifo));
        string lockFifo = Session("lock is a FIFO");
        MakeFifo(store.LockPath(lockFifo));
        ids.AddRange([metaFolder, metaFifo, messagesFifo, lockFifo]);

        // A Kimi CLI-like name holding a native session, a legacy flat file, an id that is not there.
        string hex = new('a', 32);
        Directory.CreateDirectory(store.SessionDir(hex));
        File.WriteAllText(Path.Combine(store.SessionDir(hex), "metadata.json"), "{\"description\": \"hex named\"}");
        File.WriteAllText(Path.Combine(store.Root, "1e9ac000.json"), "{\"id\": \"1e9ac000\", \"work_dir\": \"/w\", \"message_count\": 3}");
        ids.AddRange([hex, "1e9ac000", "0000dead"]);

        // Live and interrupted: a lock held now (flock is per open file, so this process's hold counts).
        string live = Session("live");
        using var held = FileLock.Acquire(store.LockPath(live));
        string interrupted = Session("interrupted");
        ids.AddRange([live, interrupted]);

        AssertSameRows(store, ids);
        using var finder = store.OpenFinder();
        Assert.Equal(Liveness.Live, finder.Find(live, out _)!.Liveness);
        Assert.Equal(Liveness.Interrupted, finder.Find(interrupted, out _)!.Liveness);
        Assert.Equal("found far down", finder.Find(ids[3], out _)!.Title);
        Assert.NotNull(finder.Find(repaired, out _)!.Damaged);
        Assert.Equal("the first prompt", finder.Find(ids[2], out var titleSource)!.Title);
        Assert.Equal(new FileInfo(store.MessagesPath(ids[2])).Length, titleSource!.Value.Length);
    }

    [Fact]
    public void The_first_listing_reads_the_rows_a_reconcile_reads()
    {
        var root = _temp.Sub("native");
        StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 60, Messages = 5, Seed = 5, IncludeFaults = true });
        var store = new NativeStore(root);
        var listing = SearchCache.Open(store, _temp.Sub("quick")).ReadFirstListing()!;

        var found = store.List().ToDictionary(s => s.Id, Describe);

        Assert.Equal(found.OrderBy(p => p.Key), listing.Sessions.ToDictionary(s => s.Id, Describe).OrderBy(p => p.Key));
    }

    /// <summary>
    /// A first list with nothing to show early stamps each session as it reads it (metadata.json's
    /// stamp from the file it opened): the stamps, the fingerprint and the rows must be those of
    /// the pass of stamps before the reading (what a screen's first listing still does).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stamping_as_read_gives_the_stamps_and_rows_of_the_pass_of_stamps(bool folderByFolder)
    {
        Openat2.Declined = folderByFolder;
        try
        {
            var root = _temp.Sub("native");
            StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 60, Messages = 5, Seed = 3, IncludeFaults = true });
            var store = new NativeStore(root);
            string Odd(string? description) => store.Create("/work", "m", description).Id;
            string fifo = Odd("x");
            File.Delete(store.MetadataPath(fifo));
            MakeFifo(store.MetadataPath(fifo));
            string link = Odd("x");
            File.Delete(store.MetadataPath(link));
            File.CreateSymbolicLink(store.MetadataPath(link), store.MetadataPath(Odd("target")));
            string titled = Odd(null);
            File.WriteAllText(store.MessagesPath(titled), "{\"role\": \"user\", \"content\": \"first prompt\"}\n");
            Directory.CreateSymbolicLink(store.SessionDir("f01dc0de"), store.SessionDir(titled));
            File.WriteAllText(Path.Combine(root, "1e9ac000.json"), "{\"id\": \"1e9ac000\", \"work_dir\": \"/w\", \"message_count\": 3}");

            var asRead = SearchCache.Open(store, _temp.Sub("as-read")).ReadFirstListing()!;
            var passFirst = SearchCache.Open(store, _temp.Sub("pass-first")).ReadFirstListing(newest: _ => { })!;

            Assert.Equal(passFirst.Stamps.OrderBy(p => p.Key), asRead.Stamps.OrderBy(p => p.Key));
            Assert.Equal(passFirst.Fingerprint, asRead.Fingerprint);
            Assert.Equal(passFirst.Summaries.ToDictionary(p => p.Key, p => Describe(p.Value)).OrderBy(p => p.Key),
                asRead.Summaries.ToDictionary(p => p.Key, p => Describe(p.Value)).OrderBy(p => p.Key));
            Assert.Contains(asRead.Stamps.Values, s => s.Id == titled && s.Messages is { Length: > 0 });
            Assert.Contains(asRead.Stamps.Values, s => s.Id == "1e9ac000");
        }
        finally
        {
            Openat2.Declined = false;
        }
    }

    /// <summary>The finder joins the store's full path and the id once made: the same path Find gives, however the store was named.</summary>
    [Fact]
    public void A_store_named_with_a_trailing_separator_or_dots_gives_the_same_paths()
    {
        var root = _temp.Sub("native");
        StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 5, Messages = 2, Seed = 2 });
        foreach (var named in new[] { root + "/", Path.Combine(root, "..", "native"), root + "//" })
        {
            var store = new NativeStore(named);
            AssertSameRows(store, Entries(store));
            using var finder = store.OpenFinder();
            var rows = Entries(store).Select(id => finder.Find(id, out _)).OfType<SessionSummary>().ToList();
            Assert.Equal(5, rows.Count);
            Assert.All(rows, row => Assert.Equal(Path.Combine(root, row.Id), row.Path));
        }
    }

    public static TheoryData<string, string> Titles => new()
    {
        { "Fix the cache", "Fix the cache" },
        { "中文 🚀 é", "中文 🚀 é" },
        { "two  spaces", "two spaces" },
        { " leading", "leading" },
        { "trailing ", "trailing" },
        { "tab\there", "tab here" },
        { "no\u00a0break", "no break" },
        { "\n\nsecond line\nthird", "second line" },
        { "   ", NativeSessionReader.Untitled },
        { new string('x', 200), new string('x', 200) },
        { new string('x', 201), new string('x', 199) + "…" },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void A_title_is_the_first_line_with_single_spaces(string description, string title) =>
        Assert.Equal(title, NativeSessionReader.OneLine(description));

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
