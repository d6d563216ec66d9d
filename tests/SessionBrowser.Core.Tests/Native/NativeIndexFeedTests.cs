using System.Text;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Search;

namespace SessionBrowser.Core.Tests.Native;

/// <summary>
/// The index reads native messages through a forward-only reader of the line bytes
/// (<see cref="NativeIndexLine"/>) instead of a JsonNode and a Message per line. It must give the
/// index exactly what the full reader gives: these compare both, record by record (offset,
/// message or damaged, role, text as indexed, time, hash), on lines made to tell them apart.
/// </summary>
public class NativeIndexFeedTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly NativeStore _store;

    public NativeIndexFeedTests() => _store = new NativeStore(_temp.Sub("store"));

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Lines => new()
    {
        """{"role": "user", "content": "plain text", "timestamp": "2025-01-15T10:30:00", "metadata": {}}""",
        """{"role": "assistant", "content": "fraction", "timestamp": "2025-01-15T10:30:00.123456"}""",
        """{"role": "assistant", "content": "seven digits", "timestamp": "2025-01-15T10:30:00.1234567"}""",
        """{"role": "user", "content": "\u8a2d\u5b9a\u30d5\u30a1\u30a4\u30eb \ud83d\udc68\u200d\ud83d\udcbb \"quoted\" \\ back\nslash\ttab"}""",
        """{"role": "user", "content": "日本語のテキスト와 한국어 mixed 𠀀𠀁 text"}""",
        """{"role": "user", "content": "Café crème NAÏVE"}""",
        """{"role": "tool", "content": ""}""",
        """{"role": "", "content": "an empty role"}""",
        """{"role": "user"}""",
        """{"role": "user", "content": null, "timestamp": null}""",
        """{"role": "user", "content": ["part one", {"type": "text", "text": "part two"}, 3]}""",
        """{"role": "user", "content": 42}""",
        """{"role": "user", "content": {"nested": true}}""",
        """{"role": "user", "content": true}""",
        """{"role": 7, "content": "role is a number"}""",
        """{"role": null, "content": "role is null"}""",
        """{"content": "no role"}""",
        """{"role": "user", "content": "time of another type", "timestamp": 1736937000}""",
        """{"role": "user", "content": "time with a zone", "timestamp": "2025-01-15T10:30:00+05:30"}""",
        """{"role": "user", "content": "time in UTC", "timestamp": "2025-01-15T10:30:00Z"}""",
        """{"role": "user", "content": "space form", "timestamp": "2025-01-15 10:30:00"}""",
        """{"role": "user", "content": "not a date", "timestamp": "2025-02-30T10:30:00"}""",
        """{"role": "user", "content": "junk time", "timestamp": "yesterday-ish"}""",
        """{"role": "user", "content": "a dot and no digits", "timestamp": "2025-01-15T10:30:00."}""",
        """{"role": "user", "content": "duplicate", "content": "keys"}""",
        """{"role": "user", "content": "nested duplicate", "metadata": {"a": 1, "a": 2}}""",
        """{"role": "user", "content": "same name in two objects", "metadata": {"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}}""",
        """{"\u0072ole": "user", "content": "an escaped key"}""",
        """{"role": "user", "role": "assistant", "content": "duplicate role"}""",
        """{"role": "user", "content": "trailing garbage"} x""",
        """{"role": "user", "content": "two objects"} {"role": "user"}""",
        """["not", "an", "object"]""",
        "\"a string line\"",
        """{"role": "user", "content": "a lone surrogate \udcff here"}""",
        """{"role": "user", "content": "trailing comma",}""",
        """{"role": "user", "content": "comment"} // no""",
        """{"role": "user", "content": "torn""",
        """{"role": "user", "content": "deep", "metadata": """ + new string('[', 300) + new string(']', 300) + "}",
        """{"role": "user", "content": "unknown fields kept aside", "extra": {"x": [1, 2, {"y": null}]}, "n": 1e309}""",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_line_gives_the_index_what_the_full_reader_gives(string line)
    {
        var id = WriteSession(line + "\n");
        AssertSameRecords(id);
    }

    [Fact]
    public void Clean_lines_take_the_fast_way_and_doubtful_ones_are_left_to_the_full_reader()
    {
        var reader = new NativeIndexLine();
        var batch = new IndexBatch();
        Assert.True(reader.TryRead("""{"role": "user", "content": "\u8a2d\u5b9a fine", "timestamp": "2025-01-15T10:30:00.5", "metadata": {"a": {"a": 1}}}"""u8, 0, batch));
        Assert.True(reader.TryRead("""{"role": "user", "content": null}"""u8, 10, batch));
        Assert.False(reader.TryRead("""{"role": "user", "content": "x", "metadata": {"a": 1, "a": 2}}"""u8, 20, batch));
        Assert.False(reader.TryRead("""{"role": "user", "content": ["parts"]}"""u8, 30, batch));
        Assert.False(reader.TryRead("""{"role": "user", "content": "\udcff"}"""u8, 40, batch));
        Assert.Equal(2, batch.Count);
        Assert.Equal("設定 fine", Encoding.UTF8.GetString(batch.Body(batch[0])).Replace("\u2063", ""));
        Assert.Equal(new DateTimeOffset(new DateTime(2025, 1, 15, 10, 30, 0, DateTimeKind.Local).AddMilliseconds(500)).UtcTicks, batch[0].Ticks);
    }

    [Fact]
    public void Invalid_utf8_and_a_torn_last_line_read_alike()
    {
        var id = WriteSession([.. "{\"role\": \"user\", \"content\": \"bad \""u8, 0xFF, 0xFE, .. "\"}\n"u8,
            .. "{\"role\": \"user\", \"content\": \"good\"}\n"u8, .. "{\"role\": \"assistant\", \"content\": \"cut"u8]);
        AssertSameRecords(id);
    }

    [Fact]
    public void A_generated_store_with_its_faults_reads_alike()
    {
        var root = _temp.Sub("generated");
        StoreGenerator.Generate(root, new GeneratorOptions { Sessions = 40, Seed = 7, IncludeFaults = true });
        var store = new NativeStore(root);
        foreach (var session in store.List()) AssertSameRecords(session.Id, store);
    }

    [Fact]
    public void Reading_from_an_offset_and_in_small_batches_gives_the_same_records()
    {
        var lines = Enumerable.Range(0, 50).Select(i => $$"""{"role": "user", "content": "message {{i}} 会话", "timestamp": "2025-01-15T10:{{i:00}}:00"}""");
        var id = WriteSession(string.Join("\n", lines) + "\n");
        long from = _store.MessageOffsets(id)[20];
        var whole = Entries(IndexFeed.Read(_store, id, from, 20, new IndexBatch(), int.MaxValue, default));
        var small = Entries(IndexFeed.Read(_store, id, from, 20, new IndexBatch(), 64, default));
        var full = Entries(FullReader(_store, id, from, 20));
        Assert.Equal(30, full.Count);
        Assert.Equal(full, whole);
        Assert.Equal(full, small);
    }

    private void AssertSameRecords(string id, NativeStore? store = null)
    {
        store ??= _store;
        var fast = Entries(IndexFeed.Read(store, id, null, 0, new IndexBatch(), int.MaxValue, default));
        var full = Entries(FullReader(store, id, null, 0));
        Assert.Equal(full, fast);
    }

    /// <summary>The records through ReadMessages and Message objects, as for a store without a feed of its own.</summary>
    private static IEnumerable<IndexBatch> FullReader(NativeStore store, string id, long? from, int firstIndex)
    {
        var batch = new IndexBatch();
        var records = from is { } offset ? store.ReadMessages(id, offset, firstIndex) : store.ReadMessages(id);
        foreach (var record in records) batch.Add(record.Offset, record.Message);
        yield return batch;
    }

    private sealed record Seen(long Offset, bool IsMessage, string Role, string Body, long? Ticks, long Hash);

    private static List<Seen> Entries(IEnumerable<IndexBatch> batches)
    {
        var seen = new List<Seen>();
        foreach (var batch in batches)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                var e = batch[i];
                seen.Add(e.IsMessage
                    ? new Seen(e.Offset, true, Encoding.UTF8.GetString(batch.Role(e)), Encoding.UTF8.GetString(batch.Body(e)), e.Ticks, e.Hash)
                    : new Seen(e.Offset, false, "", "", null, 0));
            }
        }
        return seen;
    }

    private string WriteSession(string messages) => WriteSession(Encoding.UTF8.GetBytes(messages));

    private string WriteSession(byte[] messages)
    {
        var session = _store.Create("/w", "m", "feed test", []);
        File.WriteAllBytes(_store.MessagesPath(session.Id), messages);
        return session.Id;
    }
}
