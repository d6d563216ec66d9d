using System.IO.Compression;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>One session brought in by an import: the id it had in the zip and the id it has now.</summary>
public sealed record ImportedSession(string OriginalId, string Id, string? Description)
{
    public bool GotNewId => OriginalId != Id;
}

/// <summary>
/// Imports an export zip into the native store. Everything is validated first
/// (<see cref="ArchiveValidator"/>); only then is each session unpacked into a hidden folder,
/// checked again on the way, and moved into place in one rename. An id that is taken gets a
/// fresh id (metadata.json follows); nothing in the store is ever overwritten.
/// </summary>
public static class SessionImporter
{
    public static IReadOnlyList<ImportedSession> Import(NativeStore store, string zipPath, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var archive = ArchiveValidator.Validate(zipPath, limits);
        return Apply(store, archive, limits);
    }

    public static IReadOnlyList<ImportedSession> Apply(NativeStore store, ValidatedArchive archive, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var imported = new List<ImportedSession>();
        using var zip = ZipFile.OpenRead(archive.ZipPath);
        foreach (var session in archive.Sessions)
        {
            using var folder = new NewSessionFolder(store, "import");
            foreach (var file in session.Files)
            {
                string target = Path.Combine(folder.Path, file.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var entry = zip.GetEntry(file.EntryName) ?? throw new InvalidDataException($"'{file.EntryName}' vanished from the zip while importing");
                using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
                ArchiveValidator.Extract(entry, file, output, limits);
            }
            Directory.CreateDirectory(Path.Combine(folder.Path, NativeLayout.SnapshotsFolder));
            Directory.CreateDirectory(Path.Combine(folder.Path, NativeLayout.ArtifactsFolder));

            string id = folder.ChooseId(session.Id);
            SetMetadataId(Path.Combine(folder.Path, NativeLayout.MetadataFile), id);
            folder.Publish(id);
            var metadata = store.Get(id) ?? throw new IOException($"session {id} vanished right after import");
            store.Index.Add(metadata);
            imported.Add(new ImportedSession(session.Id, id, metadata.Description));
        }
        return imported;
    }

    // The folder name is the id; metadata.json is made to agree. Only when it differs is the file
    // rewritten, and then every other field, known or not, is written back as it was.
    private static void SetMetadataId(string path, string id)
    {
        var node = JsonFile.TryRead(path).Node as JsonObject ?? throw new InvalidDataException($"session {id}: metadata.json is not a JSON object");
        if (node["id"] is JsonValue current && current.TryGetValue(out string? text) && text == id) return;
        node["id"] = id;
        JsonFile.Write(path, node);
    }
}
