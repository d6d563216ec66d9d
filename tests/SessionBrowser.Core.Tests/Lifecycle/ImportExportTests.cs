using System.IO.Compression;
using System.Text;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Lifecycle;

public sealed class ImportExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lifecycle-import-").FullName;
    private readonly NativeStore _source;
    private readonly NativeStore _target;

    public ImportExportTests()
    {
        _source = new NativeStore(Path.Combine(_dir, "source"));
        _target = new NativeStore(Path.Combine(_dir, "target"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Session(string description, params string[] contents)
    {
        var meta = _source.Create("/w/app", "kimi-k2", description, ["t1"]);
        foreach (string content in contents) _source.AppendMessage(meta.Id, Roles.User, content);
        _source.CreateSnapshot(meta.Id, 1, new System.Text.Json.Nodes.JsonObject { ["k"] = "v" });
        File.WriteAllText(Path.Combine(_source.SessionDir(meta.Id), "artifacts", "out.txt"), "artifact");
        return meta.Id;
    }

    private string Export(params string[] ids)
    {
        string zip = Path.Combine(_dir, $"{Guid.NewGuid():N}.zip");
        SessionExporter.Export([.. ids.Select(id => new ExportSource(id, _source.SessionDir(id), null))], zip);
        return zip;
    }

    /// <summary>Every file of the store, relative path to bytes: "nothing written" means this does not change.</summary>
    private static Dictionary<string, byte[]> Snapshot(string root) =>
        !Directory.Exists(root) ? [] : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);

    [Fact]
    public void An_existing_target_is_replaced_only_when_asked_and_never_left_half_written()
    {
        string id = Session("replace me", "hello");
        string zip = Path.Combine(_dir, "out.zip"), transcript = Path.Combine(_dir, "out.md");
        File.WriteAllText(zip, "mine");
        File.WriteAllText(transcript, "mine");
        var session = _source.Find(id)!;
        Assert.Throws<IOException>(() => SessionExporter.Export([new ExportSource(id, _source.SessionDir(id), null)], zip));
        Assert.Throws<IOException>(() => TranscriptFile.Write(_source, session, transcript, html: false));
        Assert.Equal("mine", File.ReadAllText(zip));
        Assert.Equal("mine", File.ReadAllText(transcript));

        SessionExporter.Export([new ExportSource(id, _source.SessionDir(id), null)], zip, replace: true);
        TranscriptFile.Write(_source, session, transcript, html: false, replace: true);
        using (var archive = ZipFile.OpenRead(zip)) Assert.Contains(archive.Entries, e => e.FullName.EndsWith("messages.jsonl", StringComparison.Ordinal));
        Assert.StartsWith("# replace me", File.ReadAllText(transcript));
        // The temporary files written beside the targets are gone.
        Assert.Empty(Directory.GetFiles(_dir, "*.partial"));
        Assert.Throws<IOException>(() => TranscriptFile.Write(_source, session, Path.Combine(_dir, "missing", "x.md"), html: true));
    }

    [Fact]
    public void Round_trip_keeps_messages_byte_identical()
    {
        string a = Session("Ünïcode 日本語 🎉", "first \"quoted\"", "second\nline", "emoji 🎉 and 中文");
        string b = Session("second session", "only one");
        var imported = SessionImporter.Import(_target, Export(a, b));

        Assert.Equal([a, b], imported.Select(i => i.Id));
        Assert.All(imported, i => Assert.False(i.GotNewId));
        foreach (string id in new[] { a, b })
        {
            Assert.Equal(File.ReadAllBytes(_source.MessagesPath(id)), File.ReadAllBytes(_target.MessagesPath(id)));
            Assert.Equal(File.ReadAllBytes(_source.MetadataPath(id)), File.ReadAllBytes(_target.MetadataPath(id)));
            Assert.Equal("artifact", File.ReadAllText(Path.Combine(_target.SessionDir(id), "artifacts", "out.txt")));
            Assert.Equal([1], _target.ListSnapshots(id).Select(s => s.Step));
        }
        Assert.Equal(_source.Get(a)!.Description, _target.Get(a)!.Description);
        Assert.Equal([a, b], _target.Index.Ids());
        Assert.Empty(Directory.GetDirectories(_target.Root, ".*"));
    }

    [Fact]
    public void An_id_clash_gets_a_new_id_and_never_overwrites()
    {
        string a = Session("original", "one");
        string zip = Export(a);
        SessionImporter.Import(_target, zip);
        _target.AppendMessage(a, Roles.User, "changed after the first import");
        byte[] before = File.ReadAllBytes(_target.MessagesPath(a));

        var again = Assert.Single(SessionImporter.Import(_target, zip));
        Assert.True(again.GotNewId);
        Assert.Equal(a, again.OriginalId);
        Assert.Equal(before, File.ReadAllBytes(_target.MessagesPath(a)));
        Assert.Equal(File.ReadAllBytes(_source.MessagesPath(a)), File.ReadAllBytes(_target.MessagesPath(again.Id)));
        Assert.Equal(again.Id, _target.Get(again.Id)!.Id);
        Assert.Contains(again.Id, _target.Index.Ids());
    }

    [Theory]
    [InlineData("traversal")]
    [InlineData("absolute")]
    [InlineData("symlink")]
    [InlineData("oversize")]
    [InlineData("checksum")]
    public void Malicious_zips_are_rejected_with_nothing_written(string attack)
    {
        string a = Session("victim", "one");
        SessionImporter.Import(_target, Export(a));
        string zip = Export(a);
        Tamper(zip, attack);
        var before = Snapshot(_target.Root);

        var limits = attack == "oversize" ? new ImportLimits { MaxEntryBytes = 64 } : ImportLimits.Default;
        Assert.Throws<InvalidDataException>(() => SessionImporter.Import(_target, zip, limits));

        Assert.Equal(before.Keys.Order(), Snapshot(_target.Root).Keys.Order());
        Assert.All(before, kv => Assert.Equal(kv.Value, File.ReadAllBytes(Path.Combine(_target.Root, kv.Key))));
        Assert.False(File.Exists(Path.Combine(_dir, "evil.txt")));
        Assert.False(File.Exists("/tmp/lifecycle-evil.txt"));
    }

    private static void Tamper(string zipPath, string attack)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Update);
        switch (attack)
        {
            case "traversal":
                Write(zip.CreateEntry("sessions/../../evil.txt"), "x");
                break;
            case "absolute":
                Write(zip.CreateEntry("/tmp/lifecycle-evil.txt"), "x");
                break;
            case "symlink":
                var link = zip.CreateEntry("sessions/" + zip.Entries[0].FullName.Split('/')[1] + "/artifacts/link");
                link.ExternalAttributes = (0xA000 | 0x1FF) << 16;
                Write(link, "/etc/passwd");
                break;
            case "oversize":
                break; // the limits do it
            case "checksum":
                var messages = zip.Entries.First(e => e.FullName.EndsWith("messages.jsonl", StringComparison.Ordinal));
                string name = messages.FullName;
                messages.Delete();
                Write(zip.CreateEntry(name), "{\"role\": \"user\", \"content\": \"tampered\"}\n");
                break;
        }
    }

    private static void Write(ZipArchiveEntry entry, string text)
    {
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
