using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>A file of a session in a validated archive: the zip entry and its path inside the session folder.</summary>
public sealed record ArchiveFile(string EntryName, string RelativePath, long Size, string Sha256);

public sealed record ArchiveSession(string Id, string? Description, IReadOnlyList<ArchiveFile> Files);

/// <summary>An export zip that passed every check: safe to extract, as the manifest says.</summary>
public sealed record ValidatedArchive(string ZipPath, ExportManifest Manifest, IReadOnlyList<ArchiveSession> Sessions, long TotalBytes);

/// <summary>
/// Checks an export zip completely before anything is written: every entry name is a plain
/// relative path under <c>sessions/&lt;id&gt;/</c> (no absolute paths, drive letters, backslashes,
/// <c>..</c>, empty or control-character names, duplicates), no entry is a link or other special
/// file, the sizes stay within <see cref="ImportLimits"/>, the manifest lists exactly the files
/// present, every checksum matches, and every session has a metadata.json holding a JSON object.
/// Any failure throws <see cref="InvalidDataException"/> whose message names the entry and the rule.
/// </summary>
public static class ArchiveValidator
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;
    private const int UnixSymlink = 0xA000;
    private const string MetadataFile = "metadata.json";

    public static ValidatedArchive Validate(string zipPath, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(zipPath); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{zipPath} is not a readable zip ({e.Message})"); }
        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
                throw new InvalidDataException($"the zip holds {zip.Entries.Count} entries; the limit is {limits.MaxEntries}");

            var files = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            ZipArchiveEntry? manifestEntry = null;
            long declaredTotal = 0, compressedTotal = 0;
            foreach (var entry in zip.Entries)
            {
                string name = entry.FullName;
                CheckName(name);
                CheckType(entry);
                CheckSize(entry, limits);
                declaredTotal += entry.Length;
                compressedTotal += entry.CompressedLength;
                if (declaredTotal > limits.MaxTotalBytes)
                    throw new InvalidDataException($"the zip unpacks to more than {limits.MaxTotalBytes} bytes (the limit)");
                if (name.EndsWith('/')) continue; // a folder: made as needed
                if (!files.TryAdd(name, entry)) throw new InvalidDataException($"entry '{name}' appears twice");
                if (name == ExportManifest.FileName) manifestEntry = entry;
            }
            if (manifestEntry is null) throw new InvalidDataException("the zip has no manifest.json: it is not a SessionBrowser export");
            if (manifestEntry.Length > limits.MaxManifestBytes)
                throw new InvalidDataException($"manifest.json unpacks to {manifestEntry.Length} bytes; the limit is {limits.MaxManifestBytes}");
            // Thousands of entries just under the per-entry check add up: the zip as a whole is held to the same ratio.
            CheckRatio("the zip", declaredTotal, compressedTotal, limits);

            var manifest = ExportManifest.Parse(ReadText(manifestEntry, limits));
            var sessions = new List<ArchiveSession>();
            var listed = new HashSet<string>(StringComparer.Ordinal) { ExportManifest.FileName };
            var seenIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var session in manifest.Sessions)
            {
                if (!SessionIds.IsValid(session.Id)) throw new InvalidDataException($"manifest.json: '{session.Id}' is not a valid session id");
                if (!seenIds.Add(session.Id)) throw new InvalidDataException($"manifest.json: session {session.Id} is listed twice");
                string prefix = ExportManifest.EntryPath(session.Id, "");
                var sessionFiles = new List<ArchiveFile>();
                foreach (var file in session.Files)
                {
                    if (!file.Path.StartsWith(prefix, StringComparison.Ordinal))
                        throw new InvalidDataException($"manifest.json: '{file.Path}' is not inside {prefix}");
                    if (!listed.Add(file.Path)) throw new InvalidDataException($"manifest.json: '{file.Path}' is listed twice");
                    if (!files.TryGetValue(file.Path, out var entry))
                        throw new InvalidDataException($"'{file.Path}' is in manifest.json but not in the zip");
                    if (entry.Length != file.Size)
                        throw new InvalidDataException($"'{file.Path}' is {entry.Length} bytes; manifest.json says {file.Size}");
                    string actual = Sha256Of(entry, limits);
                    if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
                        throw new InvalidDataException($"'{file.Path}' does not match its checksum in manifest.json");
                    sessionFiles.Add(new ArchiveFile(file.Path, file.Path[prefix.Length..], file.Size, actual));
                }
                var metadata = sessionFiles.FirstOrDefault(f => f.RelativePath == MetadataFile)
                    ?? throw new InvalidDataException($"session {session.Id} has no {MetadataFile}");
                CheckMetadata(files[metadata.EntryName], session.Id, limits);
                sessions.Add(new ArchiveSession(session.Id, session.Description, sessionFiles));
            }
            var unlisted = files.Keys.FirstOrDefault(name => !listed.Contains(name));
            if (unlisted is not null) throw new InvalidDataException($"'{unlisted}' is in the zip but not in manifest.json");

            return new ValidatedArchive(Path.GetFullPath(zipPath), manifest, sessions, declaredTotal);
        }
    }

    /// <summary>Copies an entry to <paramref name="target"/>, checking size and checksum again on the way (the zip may have changed since validation).</summary>
    internal static void Extract(ZipArchiveEntry entry, ArchiveFile file, Stream target, ImportLimits limits)
    {
        string actual = CopyHashed(entry, target, limits);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"'{file.EntryName}' changed while importing: checksum mismatch");
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0) throw new InvalidDataException("an entry has an empty name");
        if (name.Any(char.IsControl)) throw new InvalidDataException($"entry '{Printable(name)}' has control characters in its name");
        if (name.Contains('\\')) throw new InvalidDataException($"entry '{name}' uses '\\' (absolute or Windows path); export zips use '/'");
        // "C:x" is a drive path everywhere; on Windows any ':' opens an alternate data stream.
        if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':') || (OperatingSystem.IsWindows() && name.Contains(':')))
            throw new InvalidDataException($"entry '{name}' is an absolute path");
        string trimmed = name.EndsWith('/') ? name[..^1] : name;
        var segments = trimmed.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
            throw new InvalidDataException($"entry '{name}' leaves its folder ('..', '.' or an empty part)");
        if (trimmed == ExportManifest.FileName) return;
        if (segments[0] != ExportManifest.SessionsFolder)
            throw new InvalidDataException($"entry '{name}' is outside {ExportManifest.SessionsFolder}/");
        if (segments.Length >= 2 && !SessionIds.IsValid(segments[1]))
            throw new InvalidDataException($"entry '{name}': '{segments[1]}' is not a valid session id");
    }

    private static void CheckType(ZipArchiveEntry entry)
    {
        int type = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
        if (type == UnixSymlink) throw new InvalidDataException($"entry '{entry.FullName}' is a symbolic link; links are not imported");
        if (type != 0 && type != UnixRegularFile && type != UnixDirectory)
            throw new InvalidDataException($"entry '{entry.FullName}' is a special file (type {type:X4}); only files and folders are imported");
        if (entry.IsEncrypted) throw new InvalidDataException($"entry '{entry.FullName}' is encrypted");
        if (entry.FullName.EndsWith('/') && entry.Length != 0)
            throw new InvalidDataException($"entry '{entry.FullName}' is a folder with content");
    }

    private static void CheckSize(ZipArchiveEntry entry, ImportLimits limits)
    {
        if (entry.Length > limits.MaxEntryBytes)
            throw new InvalidDataException($"entry '{entry.FullName}' unpacks to {entry.Length} bytes; the limit is {limits.MaxEntryBytes}");
        CheckRatio($"entry '{entry.FullName}'", entry.Length, entry.CompressedLength, limits);
    }

    private static void CheckRatio(string what, long length, long compressedLength, ImportLimits limits)
    {
        if (length <= limits.RatioCheckAboveBytes) return;
        double ratio = compressedLength == 0 ? double.PositiveInfinity : (double)length / compressedLength;
        if (ratio > limits.MaxCompressionRatio)
            throw new InvalidDataException($"{what} is compressed {ratio:0}:1; the limit is {limits.MaxCompressionRatio:0}:1 (zip bomb?)");
    }

    private static void CheckMetadata(ZipArchiveEntry entry, string id, ImportLimits limits)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(ReadText(entry, limits)); }
        catch (System.Text.Json.JsonException e) { throw new InvalidDataException($"session {id}: metadata.json is not valid JSON ({e.Message})"); }
        if (node is not JsonObject) throw new InvalidDataException($"session {id}: metadata.json is not a JSON object");
    }

    private static string ReadText(ZipArchiveEntry entry, ImportLimits limits)
    {
        using var buffer = new MemoryStream();
        CopyHashed(entry, buffer, limits);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Sha256Of(ZipArchiveEntry entry, ImportLimits limits) => CopyHashed(entry, Stream.Null, limits);

    /// <summary>Streams an entry, never reading more than it declares (a lying header is a bomb).</summary>
    private static string CopyHashed(ZipArchiveEntry entry, Stream target, ImportLimits limits)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            using var source = entry.Open();
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                total += read;
                if (total > entry.Length || total > limits.MaxEntryBytes)
                    throw new InvalidDataException($"entry '{entry.FullName}' unpacks to more than the {entry.Length} bytes it declares");
                hash.AppendData(buffer, 0, read);
                target.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException) { throw; }
        catch (Exception e) when (e is IOException or NotSupportedException)
        {
            throw new InvalidDataException($"entry '{entry.FullName}' cannot be read ({e.Message})");
        }
        if (total != entry.Length) throw new InvalidDataException($"entry '{entry.FullName}' is shorter than it declares");
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Printable(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
