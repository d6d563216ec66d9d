using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SessionBrowser.Core.Lifecycle;

namespace SessionBrowser.Core.Tests.Lifecycle;

public sealed class ArchiveValidatorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lifecycle-zip-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Metadata = """{"id": "a3b4c5d6", "status": "completed"}""";
    private const string Messages = "{\"role\": \"user\", \"content\": \"hi\"}\n";

    private sealed record Entry(string Name, byte[] Content, int? UnixMode = null, bool InManifest = true, string? Sha = null);

    private static Entry File(string name, string content) => new(name, Encoding.UTF8.GetBytes(content));

    private static Entry[] Good() =>
    [
        File("sessions/a3b4c5d6/metadata.json", Metadata),
        File("sessions/a3b4c5d6/messages.jsonl", Messages),
    ];

    /// <summary>Writes a zip with a manifest listing the entries (sha from the content unless overridden).</summary>
    private string Zip(IEnumerable<Entry> entries, string sessionId = "a3b4c5d6", string? manifestOverride = null)
    {
        string path = Path.Combine(_dir, $"{Guid.NewGuid():N}.zip");
        var list = entries.ToList();
        var files = list.Where(e => e.InManifest && !e.Name.EndsWith('/'))
            .Select(e => new ManifestFile(e.Name, e.Content.Length, e.Sha ?? Convert.ToHexStringLower(SHA256.HashData(e.Content))))
            .ToList();
        var manifest = new ExportManifest(1, "2025-01-01T00:00:00", [new ManifestSession(sessionId, "test", files)]);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var e in list)
            {
                var entry = zip.CreateEntry(e.Name, CompressionLevel.Optimal);
                if (e.UnixMode is { } mode) entry.ExternalAttributes = mode << 16;
                using var s = entry.Open();
                s.Write(e.Content);
            }
            using var m = new StreamWriter(zip.CreateEntry(ExportManifest.FileName).Open());
            m.Write(manifestOverride ?? manifest.ToJson());
        }
        return path;
    }

    private static void Rejected(string zip, string reason, ImportLimits? limits = null)
    {
        var error = Assert.Throws<InvalidDataException>(() => ArchiveValidator.Validate(zip, limits));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_good_archive_validates()
    {
        var archive = ArchiveValidator.Validate(Zip(Good()));
        var session = Assert.Single(archive.Sessions);
        Assert.Equal("a3b4c5d6", session.Id);
        Assert.Equal(["metadata.json", "messages.jsonl"], session.Files.Select(f => f.RelativePath));
    }

    [Theory]
    [InlineData("sessions/a3b4c5d6/../../evil.txt", "leaves its folder")]
    [InlineData("sessions/../evil.txt", "leaves its folder")]
    [InlineData("../evil.txt", "leaves its folder")]
    [InlineData("sessions/a3b4c5d6/./x", "leaves its folder")]
    [InlineData("sessions/a3b4c5d6//x", "leaves its folder")]
    [InlineData("sessions/a3b4c5d6/..\\..\\evil.txt", "'\\'")]
    [InlineData("/etc/passwd", "absolute path")]
    [InlineData("/sessions/a3b4c5d6/x", "absolute path")]
    [InlineData("C:/Windows/x", "absolute path")]
    [InlineData("other/x.txt", "outside sessions/")]
    [InlineData("sessions/.trash/x", "not a valid session id")]
    [InlineData("sessions/a3b4c5d6/bad\u0001name", "control characters")]
    public void Hostile_names_are_rejected(string name, string reason)
    {
        Rejected(Zip([.. Good(), File(name, "x")]), reason);
    }

    [Fact]
    public void Symlink_entry_is_rejected()
    {
        const int symlink = 0xA000 | 0x1FF;
        Rejected(Zip([.. Good(), new Entry("sessions/a3b4c5d6/artifacts/link", Encoding.UTF8.GetBytes("/etc/passwd"), symlink)]), "symbolic link");
    }

    [Fact]
    public void Special_file_entry_is_rejected()
    {
        const int fifo = 0x1000 | 0x1A4;
        Rejected(Zip([.. Good(), new Entry("sessions/a3b4c5d6/artifacts/pipe", [], fifo)]), "special file");
    }

    [Fact]
    public void Regular_unix_modes_are_accepted()
    {
        const int regular = 0x8000 | 0x1A4;
        var archive = ArchiveValidator.Validate(Zip([.. Good(), new Entry("sessions/a3b4c5d6/artifacts/out.txt", [1, 2], regular)]));
        Assert.Equal(3, archive.Sessions[0].Files.Count);
    }

    [Fact]
    public void Oversize_entry_is_rejected()
    {
        var big = new Entry("sessions/a3b4c5d6/artifacts/big.bin", RandomNumberGenerator.GetBytes(5000));
        Rejected(Zip([.. Good(), big]), "the limit is 4096", new ImportLimits { MaxEntryBytes = 4096 });
    }

    [Fact]
    public void Oversize_total_is_rejected()
    {
        var a = new Entry("sessions/a3b4c5d6/artifacts/a.bin", RandomNumberGenerator.GetBytes(3000));
        var b = new Entry("sessions/a3b4c5d6/artifacts/b.bin", RandomNumberGenerator.GetBytes(3000));
        Rejected(Zip([.. Good(), a, b]), "more than 5000 bytes", new ImportLimits { MaxTotalBytes = 5000 });
    }

    [Fact]
    public void Too_many_entries_is_rejected()
    {
        Rejected(Zip(Good()), "the limit is 2", new ImportLimits { MaxEntries = 2 });
    }

    [Fact]
    public void Zip_bomb_ratio_is_rejected()
    {
        var zeros = new Entry("sessions/a3b4c5d6/artifacts/zeros.bin", new byte[8 << 20]);
        Rejected(Zip([.. Good(), zeros]), "zip bomb");
    }

    [Fact]
    public void Bad_checksum_is_rejected()
    {
        var tampered = File("sessions/a3b4c5d6/messages.jsonl", Messages) with { Sha = new string('0', 64) };
        Rejected(Zip([File("sessions/a3b4c5d6/metadata.json", Metadata), tampered]), "does not match its checksum");
    }

    [Fact]
    public void File_not_in_manifest_is_rejected()
    {
        Rejected(Zip([.. Good(), File("sessions/a3b4c5d6/extra.txt", "x") with { InManifest = false }]), "not in manifest.json");
    }

    [Fact]
    public void Manifest_file_missing_from_zip_is_rejected()
    {
        var files = Good().Select(e => new ManifestFile(e.Name, e.Content.Length, Convert.ToHexStringLower(SHA256.HashData(e.Content)))).ToList();
        files.Add(new ManifestFile("sessions/a3b4c5d6/gone.txt", 1, new string('0', 64)));
        string manifest = new ExportManifest(1, "", [new ManifestSession("a3b4c5d6", null, files)]).ToJson();
        Rejected(Zip(Good(), manifestOverride: manifest), "not in the zip");
    }

    [Fact]
    public void Session_without_metadata_is_rejected()
    {
        Rejected(Zip([File("sessions/a3b4c5d6/messages.jsonl", Messages)]), "has no metadata.json");
    }

    [Fact]
    public void Corrupt_metadata_is_rejected()
    {
        Rejected(Zip([File("sessions/a3b4c5d6/metadata.json", "{oops")]), "not valid JSON");
    }

    [Theory]
    [InlineData("{}", "format")]
    [InlineData("""{"format": "sessionbrowser-export", "format_version": 99, "sessions": []}""", "not supported")]
    [InlineData("""{"format": "sessionbrowser-export", "format_version": 1, "sessions": {}}""", "must be an array")]
    [InlineData("not json", "not valid JSON")]
    public void Bad_manifest_is_rejected(string manifest, string reason)
    {
        Rejected(Zip([], manifestOverride: manifest), reason);
    }

    [Fact]
    public void Missing_manifest_is_rejected()
    {
        string path = Path.Combine(_dir, "plain.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            zip.CreateEntry("sessions/a3b4c5d6/metadata.json");
        Rejected(path, "no manifest.json");
    }

    [Fact]
    public void Not_a_zip_is_rejected()
    {
        string path = Path.Combine(_dir, "junk.zip");
        System.IO.File.WriteAllText(path, "this is not a zip");
        Rejected(path, "not a readable zip");
    }

    [Fact]
    public void Exported_folder_validates_without_lock_and_links()
    {
        string session = Path.Combine(_dir, "store", "a3b4c5d6");
        Directory.CreateDirectory(Path.Combine(session, "snapshots"));
        Directory.CreateDirectory(Path.Combine(session, "artifacts"));
        System.IO.File.WriteAllText(Path.Combine(session, "metadata.json"), Metadata);
        System.IO.File.WriteAllText(Path.Combine(session, "messages.jsonl"), Messages);
        System.IO.File.WriteAllText(Path.Combine(session, "snapshots", "step_1.json"), """{"step": 1}""");
        System.IO.File.WriteAllText(Path.Combine(session, ".lock"), "pid 1");
        System.IO.File.CreateSymbolicLink(Path.Combine(session, "artifacts", "passwd"), "/etc/passwd");

        string zip = Path.Combine(_dir, "out.zip");
        var result = SessionExporter.Export([new ExportSource("a3b4c5d6", session, "test")], zip);
        Assert.Equal(3, result.Files);
        Assert.Contains(result.Skipped, s => s.StartsWith("artifacts/passwd", StringComparison.Ordinal));

        var archive = ArchiveValidator.Validate(zip);
        Assert.Equal(["messages.jsonl", "metadata.json", "snapshots/step_1.json"], archive.Sessions[0].Files.Select(f => f.RelativePath));
        Assert.Empty(Directory.GetFiles(_dir, "*.partial"));

        var again = Assert.Throws<IOException>(() => SessionExporter.Export([new ExportSource("a3b4c5d6", session, "test")], zip));
        Assert.Contains("already exists", again.Message);
    }
}
