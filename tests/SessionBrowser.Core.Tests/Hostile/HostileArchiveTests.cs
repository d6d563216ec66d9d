using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Hostile;

/// <summary>Issue 14, items 4 and 5: import zips built to hurt (reserved ids, many small bombs, a huge manifest).</summary>
public sealed class HostileArchiveTests : IDisposable
{
    private readonly TempDirectory _dir = new("hostile-zip");

    public void Dispose() => _dir.Dispose();

    private const string Metadata = """{"id": "ID", "status": "completed"}""";

    /// <summary>A zip whose manifest lists every entry of one session, with correct sizes and checksums.</summary>
    private string Zip(string id, IEnumerable<(string Name, byte[] Content)> extra, Func<string, string>? manifestText = null)
    {
        string path = _dir.Combine($"{Guid.NewGuid():N}.zip");
        var entries = new List<(string Name, byte[] Content)> { ($"sessions/{id}/metadata.json", Encoding.UTF8.GetBytes(Metadata.Replace("ID", id))) };
        entries.AddRange(extra.Select(e => ($"sessions/{id}/{e.Name}", e.Content)));
        var files = entries.Select(e => new ManifestFile(e.Name, e.Content.Length, Convert.ToHexStringLower(SHA256.HashData(e.Content)))).ToList();
        string manifest = new ExportManifest(1, "2025-01-01T00:00:00", [new ManifestSession(id, "t", files)]).ToJson();
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
            s.Write(content);
        }
        using var m = new StreamWriter(zip.CreateEntry(ExportManifest.FileName, CompressionLevel.Optimal).Open());
        m.Write(manifestText?.Invoke(manifest) ?? manifest);
        return path;
    }

    [Fact]
    public void A_session_named_index_json_is_refused_and_the_store_is_untouched()
    {
        var store = new NativeStore(_dir.Combine("store"));
        string zip = Zip("index.json", []);

        var error = Assert.Throws<InvalidDataException>(() => SessionImporter.Import(store, zip));

        Assert.Contains("index.json", error.Message);
        Assert.False(Directory.Exists(Path.Combine(store.Root, "index.json")));
    }

    [Fact]
    public void An_id_with_a_direction_override_is_refused()
    {
        string zip = Zip("abc\u202Egpj.exe", []);

        var error = Assert.Throws<InvalidDataException>(() => ArchiveValidator.Validate(zip));

        Assert.Contains("not a valid session id", error.Message);
    }

    [Fact]
    public void Many_entries_each_just_at_the_ratio_threshold_are_a_bomb_together()
    {
        // Each entry is exactly 1 MiB of zeros: the per-entry ratio check never looks at it.
        var zeros = new byte[1 << 20];
        string zip = Zip("a3b4c5d6", Enumerable.Range(0, 48).Select(i => ($"artifacts/z{i}", zeros)));

        var error = Assert.Throws<InvalidDataException>(() => ArchiveValidator.Validate(zip));

        Assert.Contains("the zip is compressed", error.Message);
    }

    [Fact]
    public void A_huge_manifest_is_refused_before_it_is_read()
    {
        // Valid JSON, padded with 40 MiB of random white space: it compresses only 4:1, so no ratio
        // check sees it, yet a manifest that size (or 1 GiB) is read whole into memory.
        var random = new Random(14);
        var padding = new char[40 << 20];
        for (int i = 0; i < padding.Length; i++) padding[i] = " \t\r\n"[random.Next(4)];
        string zip = Zip("a3b4c5d6", [], manifest => manifest + new string(padding));

        var error = Assert.Throws<InvalidDataException>(() => ArchiveValidator.Validate(zip));

        Assert.Contains("manifest.json unpacks to", error.Message);
    }

    [Fact]
    public void An_ordinary_export_still_imports()
    {
        var store = new NativeStore(_dir.Combine("store"));
        string zip = Zip("a3b4c5d6", [("messages.jsonl", Encoding.UTF8.GetBytes("{\"role\": \"user\", \"content\": \"hi\"}\n"))]);

        var imported = Assert.Single(SessionImporter.Import(store, zip));

        Assert.Equal("a3b4c5d6", imported.Id);
        Assert.Equal("hi", Assert.Single(store.ReadMessages("a3b4c5d6")).Message!.Content);
    }
}
