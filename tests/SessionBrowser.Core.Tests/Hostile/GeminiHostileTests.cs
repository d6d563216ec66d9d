using System.Diagnostics;
using System.Text;
using SessionBrowser.Core.Tests.Gemini;

namespace SessionBrowser.Core.Tests.Hostile;

/// <summary>Issue 14, items 6, 10 and 16 for Gemini transcripts: bad text, a torn metadata line, a FIFO.</summary>
public sealed class GeminiHostileTests : IDisposable
{
    private static readonly DateTimeOffset Day = GeminiFixture.Now.AddDays(-2);
    private readonly GeminiFixture _fixture = new();
    private readonly string _folder;
    private readonly string _good;

    public GeminiHostileTests()
    {
        (_, _folder) = _fixture.Project("app");
        _good = _fixture.Writer.Session(_folder, GeminiFixture.Id(1), Day).User("u1", "a good question").Gemini("g1", "a good answer").Save();
    }

    public void Dispose() => _fixture.Dispose();

    /// <summary>Replaces the first occurrence of <paramref name="marker"/> in the file with raw bytes.</summary>
    private static void Splice(string path, string marker, byte[] raw)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker));
        Assert.True(at >= 0);
        File.WriteAllBytes(path, [.. bytes[..at], .. raw, .. bytes[(at + marker.Length)..]]);
    }

    [Fact]
    public void Invalid_utf8_and_lone_surrogates_read_as_replacement_characters_and_mark_the_session()
    {
        string bad = _fixture.Writer.Session(_folder, GeminiFixture.Id(2), Day.AddHours(1))
            .User("u1", "BADBYTE here").Gemini("g1", "SURROGATE here").Save();
        Splice(bad, "BADBYTE", [0xFF, 0xC0, 0xAF]);
        Splice(bad, "SURROGATE", Encoding.UTF8.GetBytes("\\udcff"));
        var store = _fixture.Store();

        var sessions = store.List();

        Assert.Equal(2, sessions.Count);
        Assert.Null(sessions.Single(s => s.Id == GeminiFixture.Id(1)).Damaged);
        var damaged = sessions.Single(s => s.Id == GeminiFixture.Id(2));
        Assert.NotNull(damaged.Damaged);
        var records = store.ReadMessages(damaged.Id).ToList();
        Assert.Equal(2, records.Count(r => r.Damage?.Contains("invalid text") == true));
        var contents = records.Where(r => r.Message is not null).Select(r => r.Message!.Content).ToList();
        Assert.Equal(["\uFFFD\uFFFD\uFFFD here", "\uFFFD here"], contents);
    }

    [Fact]
    public void A_metadata_line_torn_after_the_session_id_is_listed_as_damaged()
    {
        string torn = _fixture.Writer.Session(_folder, GeminiFixture.Id(3), Day.AddHours(2)).User("u1", "hello").Gemini("g1", "hi").Save();
        string[] lines = File.ReadAllLines(torn);
        string first = lines[0];
        lines[0] = first[..(first.IndexOf("\"projectHash\"", StringComparison.Ordinal) + 5)];
        File.WriteAllLines(torn, lines);

        var sessions = _fixture.Store().List();

        Assert.Equal(2, sessions.Count);
        var damaged = Assert.Single(sessions, s => s.Damaged is not null);
        Assert.Equal(Path.GetFileNameWithoutExtension(torn), damaged.Id);
    }

    [Fact]
    public async Task A_fifo_in_place_of_a_transcript_is_damaged_and_nothing_waits_for_it()
    {
        string fifo = Path.Combine(Path.GetDirectoryName(_good)!, "session-2026-11-18T10-00-fifo0000.jsonl");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false })!) mkfifo.WaitForExit();

        // On a thread of its own: a listing that opens the FIFO would wait for a writer forever (TimeoutException here).
        var sessions = await Task.Factory.StartNew(() => _fixture.Store().List(), TaskCreationOptions.LongRunning)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, sessions.Count);
        Assert.Contains("not a regular file", sessions.Single(s => s.Damaged is not null).Damaged);
    }
}
