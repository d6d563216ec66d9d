using System.Text;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

/// <summary>
/// A summary reads a transcript in one piece into a buffer its thread keeps (<see cref="WholeLines"/>):
/// its lines must be the stream reader's, byte for byte, and whatever the quick read does not take
/// must go to the stream reader, whose rules and errors stay the only ones.
/// </summary>
public class WholeLinesTests
{
    private static List<(long Offset, string Text, bool Terminated)> Lines(IEnumerable<JsonLine> lines) =>
        [.. lines.Select(l => (l.Offset, Convert.ToHexString(l.Bytes.Span), l.Terminated))];

    public static TheoryData<string> Contents => new()
    {
        "",
        "\n\n\n",
        "{\"a\": 1}",
        "{\"a\": 1}\n",
        "{\"a\": 1}\n\n{\"b\": 2}\r\n{\"c\": ",
        "  \t\n{\"a\": 1}\n \r\n{\"b\": 2}\n   ",
        "\r\n\r\n{\"x\": \"\\u00e9\"}\n{\"torn",
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void Lines_are_the_stream_readers(string content)
    {
        using var dir = new TempDirectory("whole-lines");
        string file = dir.Combine("t.jsonl");
        File.WriteAllText(file, content);

        Assert.Equal(Lines(JsonLines.ReadLines(file)), Lines(WholeLines.Read(file)));
    }

    [Fact]
    public void Random_files_of_every_size_around_the_buffer_read_the_same()
    {
        using var dir = new TempDirectory("whole-lines");
        var random = new Random(16);
        // Sizes around the first buffer (64 KB) and the whole-read limit, and lines longer than both buffers.
        foreach (int size in (int[])[1, 100, 4095, 4097, 65_535, 65_536, 65_537, 200_000, WholeLines.MaxWholeBytes, WholeLines.MaxWholeBytes + 1, 3_000_000])
        {
            string file = dir.Combine($"r{size}.jsonl");
            var bytes = new byte[size];
            for (int i = 0; i < size; i++)
            {
                int pick = random.Next(100);
                bytes[i] = pick < 2 ? (byte)'\n' : pick < 3 ? (byte)'\r' : pick < 6 ? (byte)' ' : (byte)random.Next(0x21, 0xFF);
            }
            File.WriteAllBytes(file, bytes);

            Assert.Equal(Lines(JsonLines.ReadLines(file)), Lines(WholeLines.Read(file)));
        }
    }

    [Fact]
    public void The_stamp_is_the_files_and_a_larger_file_is_streamed()
    {
        using var dir = new TempDirectory("whole-lines");
        string small = dir.Combine("small.jsonl"), large = dir.Combine("large.jsonl");
        File.WriteAllText(small, "{\"a\": 1}\n");
        File.WriteAllText(large, new string('x', WholeLines.MaxWholeBytes + 1) + "\n");
        var seen = new List<(FileStamp Stamp, bool Whole)>();

        _ = WholeLines.Read(small, default, (stamp, whole) => seen.Add((stamp, whole))).ToList();
        _ = WholeLines.Read(large, default, (stamp, whole) => seen.Add((stamp, whole))).ToList();

        Assert.Equal([(FileStamp.Of(small), true), (FileStamp.Of(large), false)], seen);
        Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(small)).UtcTicks, seen[0].Stamp.LastWriteTicks);
    }

    [Fact]
    public void A_link_a_folder_and_a_missing_file_get_the_stream_readers_answer()
    {
        using var dir = new TempDirectory("whole-lines");
        string target = dir.Combine("target.jsonl"), link = dir.Combine("link.jsonl"), folder = dir.Combine("folder.jsonl");
        File.WriteAllText(target, "{\"secret\": 1}\n");
        File.CreateSymbolicLink(link, target);
        Directory.CreateDirectory(folder);
        bool? whole = null;

        var linkError = Assert.ThrowsAny<IOException>(() => WholeLines.Read(link, default, (_, w) => whole = w).ToList());
        Assert.Equal(Assert.ThrowsAny<IOException>(() => JsonLines.ReadLines(link).ToList()).Message, linkError.Message);
        Assert.False(whole);
        Assert.Equal(Assert.ThrowsAny<Exception>(() => JsonLines.ReadLines(folder).ToList()).GetType(),
            Assert.ThrowsAny<Exception>(() => WholeLines.Read(folder).ToList()).GetType());
        Assert.Empty(WholeLines.Read(dir.Combine("missing.jsonl")));
    }

    [Fact]
    public void A_read_started_while_another_is_enumerated_on_the_same_thread_has_its_own_buffer()
    {
        using var dir = new TempDirectory("whole-lines");
        string first = dir.Combine("a.jsonl"), second = dir.Combine("b.jsonl");
        File.WriteAllText(first, "{\"a\": 1}\n{\"a\": 2}\n");
        File.WriteAllText(second, "{\"bbbbbbbbbbbbbb\": 1}\n");
        var texts = new List<string>();

        foreach (var line in WholeLines.Read(first))
        {
            foreach (var other in WholeLines.Read(second)) texts.Add(Encoding.UTF8.GetString(other.Bytes.Span));
            texts.Add(Encoding.UTF8.GetString(line.Bytes.Span));
        }

        Assert.Equal(["{\"bbbbbbbbbbbbbb\": 1}", "{\"a\": 1}", "{\"bbbbbbbbbbbbbb\": 1}", "{\"a\": 2}"], texts);
    }
}
