using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

public class JsonLinesTests
{
    [Fact]
    public void Lines_come_with_offsets_and_a_torn_last_line_is_marked()
    {
        using var dir = new TempDirectory("native-jsonl");
        string file = dir.Combine("m.jsonl");
        Fixture.Write(file, "{\"a\": 1}\n\n{\"b\": 2}\r\n{\"c\": ");
        var lines = JsonLines.ReadLines(file).Select(l => (l.Offset, Text: System.Text.Encoding.UTF8.GetString(l.Bytes.Span), l.Terminated)).ToList();
        Assert.Equal([(0L, "{\"a\": 1}", true), (10L, "{\"b\": 2}\r", true), (20L, "{\"c\": ", false)], lines);
    }

    [Fact]
    public void Reading_from_an_offset_starts_there()
    {
        using var dir = new TempDirectory("native-jsonl");
        string file = dir.Combine("m.jsonl");
        Fixture.Write(file, "{\"a\": 1}\n{\"b\": 2}\n");
        Assert.Equal([9L], JsonLines.ReadLines(file, 9).Select(l => l.Offset));
        Assert.Empty(JsonLines.ReadLines(file, 18));
        Assert.Empty(JsonLines.ReadLines(dir.Combine("missing.jsonl")));
    }

    [Fact]
    public void Lines_longer_than_the_buffer_are_read_whole()
    {
        using var dir = new TempDirectory("native-jsonl");
        string file = dir.Combine("m.jsonl");
        string big = new('x', 300_000);
        Fixture.Write(file, $"{{\"a\": \"{big}\"}}\n{{\"b\": 1}}\n");
        var lines = JsonLines.ReadLines(file).Select(l => l.Bytes.Length).ToList();
        Assert.Equal([big.Length + 9, 8], lines);
    }

    [Fact]
    public void Append_after_a_torn_line_keeps_the_torn_line_separate()
    {
        using var dir = new TempDirectory("native-jsonl");
        string file = dir.Combine("m.jsonl");
        Fixture.Write(file, "{\"a\": 1}\n{\"b\": tor");
        JsonLines.Append(file, ["{\"c\": 3}"]);
        Assert.Equal("{\"a\": 1}\n{\"b\": tor\n{\"c\": 3}\n", Fixture.Read(file));
        var parsed = JsonLines.ReadLines(file).Select(l => JsonLines.TryParseObject(l, out _) is not null).ToList();
        Assert.Equal([true, false, true], parsed);
    }

    [Fact]
    public void A_corrupt_middle_line_gives_a_reason()
    {
        using var dir = new TempDirectory("native-jsonl");
        string file = dir.Combine("m.jsonl");
        Fixture.Write(file, "{\"a\": 1}\nnot json\n[1, 2]\n");
        var errors = JsonLines.ReadLines(file).Select(l => { JsonLines.TryParseObject(l, out var e); return e; }).ToList();
        Assert.Null(errors[0]);
        Assert.Contains("not valid JSON", errors[1]);
        Assert.Contains("not an object", errors[2]);
    }

    [Fact]
    public void Tail_offset_finds_the_last_lines()
    {
        using var dir = new TempDirectory("native-jsonl");
        string file = dir.Combine("m.jsonl");
        Fixture.Write(file, string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{{\"i\": {i}}}\n")));
        long offset = JsonLinesTail.OffsetOfLastLines(file, 10);
        var lines = JsonLines.ReadLines(file, offset).ToList();
        Assert.Equal(18, lines.Count); // 10 wanted + 8 spare
        Assert.Equal(0, JsonLinesTail.OffsetOfLastLines(dir.Combine("none.jsonl"), 5));
    }
}
