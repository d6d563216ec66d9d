using System.Diagnostics;
using System.Text;
using SessionBrowser.Commands;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// Issue 14, items 6 to 10: one session with bad bytes, odd numbers, duplicate keys, a huge
/// metadata file, a folder or a FIFO where a file should be. Every command still answers (none
/// hangs), lists the good session, shows the bad one as damaged, and can delete it.
/// </summary>
public sealed class PoisonedSessionTests : IDisposable
{
    private const string Good = "Healthy session about tokenizers";
    private readonly CliHarness _cli = new();
    private readonly StoreBuilder _store;
    private readonly string _good;
    private readonly string _bad;

    public PoisonedSessionTests()
    {
        _store = new StoreBuilder(_cli.Store);
        _good = _store.Add(TimeSpan.FromHours(1), Good, messages: ["user: how do tokenizers work", "assistant: they split text"]);
        _bad = _store.Add(TimeSpan.FromHours(2), "poisoned", messages: ["user: hello", "assistant: hi"]);
    }

    public void Dispose() => _cli.Dispose();

    private string BadFolder => Path.Combine(_cli.Store, _bad);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>metadata.json as the reference writes it, with one field's raw JSON replaced (or added).</summary>
    private byte[] Metadata(string field, byte[] rawValue, bool duplicate = false)
    {
        var fields = new List<(string, byte[])>
        {
            ("id", Utf8($"\"{_bad}\"")), ("created_at", Utf8("\"2025-06-01T09:00:00\"")), ("last_active", Utf8("\"2025-06-01T10:00:00\"")),
            ("status", Utf8("\"paused\"")), ("work_dir", Utf8("\"/w\"")), ("model", Utf8("\"m\"")), ("total_steps", Utf8("0")),
            ("message_count", Utf8("2")), ("tool_calls", Utf8("0")), ("total_tokens", Utf8("5")), ("total_cost", Utf8("0.1")),
            ("tags", Utf8("[\"t\"]")), ("description", Utf8("\"poisoned\"")), ("current_task", Utf8("null")), ("progress", Utf8("0.5")),
        };
        int at = fields.FindIndex(f => f.Item1 == field);
        if (duplicate || at < 0) fields.Add((field, rawValue));
        else fields[at] = (field, rawValue);
        var bytes = new List<byte>(Utf8("{"));
        for (int i = 0; i < fields.Count; i++)
        {
            bytes.AddRange(Utf8($"{(i == 0 ? "" : ", ")}\"{fields[i].Item1}\": "));
            bytes.AddRange(fields[i].Item2);
        }
        bytes.AddRange(Utf8("}"));
        return [.. bytes];
    }

    private void WriteMetadata(byte[] bytes) => File.WriteAllBytes(Path.Combine(BadFolder, "metadata.json"), bytes);

    private void WriteMessages(params byte[][] lines) =>
        File.WriteAllBytes(Path.Combine(BadFolder, "messages.jsonl"), lines.SelectMany(l => l.Append((byte)'\n')).ToArray());

    private static byte[] Line(string role, byte[] contentRaw) =>
        [.. Utf8($"{{\"role\": \"{role}\", \"content\": "), .. contentRaw, .. Utf8(", \"timestamp\": \"2025-06-01T09:30:00\", \"metadata\": {}}")];

    private void Replace(string name, Action<string> make)
    {
        string path = Path.Combine(BadFolder, name);
        if (Directory.Exists(path)) Directory.Delete(path, true);
        else File.Delete(path);
        make(path);
    }

    private static void Fifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private void Poison(string kind)
    {
        switch (kind)
        {
            case "metadata 0xFF byte": WriteMetadata(Metadata("description", [.. Utf8("\"bad "), 0xFF, .. Utf8(" byte\"")])); break;
            case "metadata overlong sequence": WriteMetadata(Metadata("work_dir", [.. Utf8("\"/w/"), 0xC0, 0xAF, .. Utf8("\"")])); break;
            case "metadata cut multibyte": WriteMetadata(Metadata("model", [.. Utf8("\"m"), 0xE2, 0x82, .. Utf8("\"")])); break;
            case "metadata lone surrogate": WriteMetadata(Metadata("description", Utf8("\"file \\udcff name\""))); break;
            case "tag lone surrogate": WriteMetadata(Metadata("tags", Utf8("[\"\\ud83d\"]"))); break;
            case "first message 0xFF":
                WriteMetadata(Metadata("description", Utf8("null")));
                WriteMessages(Line("user", [.. Utf8("\"hi "), 0xFF, .. Utf8("\"")]));
                break;
            case "later message lone surrogate":
                WriteMessages(Line("user", Utf8("\"hello\"")), Line("assistant", Utf8("\"cut emoji \\ud83d\"")), Line("user", [.. Utf8("\"x"), 0xF0, 0x9F, .. Utf8("\"")]));
                break;
            case "progress 1e309": WriteMetadata(Metadata("progress", Utf8("1e309"))); break;
            case "total_cost 1e309": WriteMetadata(Metadata("total_cost", Utf8("1e309"))); break;
            case "total_tokens 1e309": WriteMetadata(Metadata("total_tokens", Utf8("1e309"))); break;
            case "total_tokens long.MaxValue": WriteMetadata(Metadata("total_tokens", Utf8(long.MaxValue.ToString()))); break;
            case "message_count 1e12": WriteMetadata(Metadata("message_count", Utf8("1000000000000"))); break;
            case "duplicate key": WriteMetadata(Metadata("status", Utf8("\"completed\""), duplicate: true)); break;
            case "metadata of 3 MB":
                WriteMetadata(Metadata("tags", Utf8("[" + string.Join(", ", Enumerable.Repeat("\"tag\"", 450_000)) + "]")));
                break;
            case "metadata.json is a folder": Replace("metadata.json", p => Directory.CreateDirectory(p)); break;
            case "messages.jsonl is a folder": Replace("messages.jsonl", p => Directory.CreateDirectory(p)); break;
            case ".lock is a FIFO": Replace(".lock", Fifo); break;
            case "metadata.json is a FIFO": Replace("metadata.json", Fifo); break;
            case "messages.jsonl is a FIFO": Replace("messages.jsonl", Fifo); break;
            case "snapshot is a FIFO": Fifo(Path.Combine(BadFolder, "snapshots", "step_1.json")); break;
            default: throw new ArgumentException(kind);
        }
    }

    public static TheoryData<string> Kinds() =>
    [
        "metadata 0xFF byte", "metadata overlong sequence", "metadata cut multibyte", "metadata lone surrogate", "tag lone surrogate",
        "first message 0xFF", "later message lone surrogate",
        "progress 1e309", "total_cost 1e309", "total_tokens 1e309", "total_tokens long.MaxValue", "message_count 1e12", "duplicate key",
        "metadata of 3 MB", "metadata.json is a folder", "messages.jsonl is a folder",
        ".lock is a FIFO", "metadata.json is a FIFO", "messages.jsonl is a FIFO", "snapshot is a FIFO",
    ];

    /// <summary>Runs a command on a thread of its own: a FIFO opened for reading would block it forever.</summary>
    private CliResult Within(params string[] args)
    {
        var run = Task.Factory.StartNew(() => _cli.Run(args), TaskCreationOptions.LongRunning);
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), $"'{string.Join(' ', args)}' still runs after 60 s (it hangs)");
        return run.Result;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_command_answers_and_the_good_session_still_lists(string kind)
    {
        Poison(kind);

        var list = Within("list", "--json");
        Assert.True(list.ExitCode == ExitCodes.Ok, list.ToString());
        Assert.Contains(_good, list.Out);
        Assert.Contains(_bad, list.Out);

        var search = Within("search", "tokenizers");
        Assert.True(search.ExitCode == ExitCodes.Ok, search.ToString());
        Assert.Contains(_good, search.Out);

        var stats = Within("stats");
        Assert.True(stats.ExitCode == ExitCodes.Ok, stats.ToString());

        var doctor = Within("doctor", "--dry-run");
        Assert.StartsWith("Checked 2 sessions", doctor.Out);
        Assert.DoesNotContain($"  {_good}:", doctor.Out);

        var show = Within("show", _bad);
        Assert.True(show.ExitCode is ExitCodes.Ok or ExitCodes.Failure, show.ToString());
        Assert.Equal(ExitCodes.Ok, Within("show", _good).ExitCode);

        var delete = Within("delete", "--yes", _bad);
        if (kind == ".lock is a FIFO")
        {
            // The session cannot be locked for the move: refused at once, saying why; doctor names the FIFO.
            Assert.Contains(".lock is not a regular file", delete.Error);
            Assert.True(Directory.Exists(BadFolder));
            Assert.Contains(".lock is not a regular file", doctor.Out);
        }
        else
        {
            Assert.True(delete.ExitCode == ExitCodes.Ok, delete.ToString());
            Assert.False(Directory.Exists(BadFolder));
        }
        Assert.Contains(_good, Within("list").Out);
    }

    [Theory]
    [InlineData("metadata 0xFF byte")]
    [InlineData("metadata lone surrogate")]
    [InlineData("duplicate key")]
    [InlineData("metadata of 3 MB")]
    public void Unreadable_text_or_structure_marks_the_session_damaged(string kind)
    {
        Poison(kind);

        var list = Within("list", "--json");

        using var json = System.Text.Json.JsonDocument.Parse(list.Out);
        var bad = json.RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == _bad);
        Assert.Equal(System.Text.Json.JsonValueKind.String, bad.GetProperty("damaged").ValueKind);
        Assert.Equal(ExitCodes.Failure, Within("rename", _bad, "new title").ExitCode);
    }
}
