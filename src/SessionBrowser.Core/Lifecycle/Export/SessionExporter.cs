using System.IO.Compression;
using System.Security.Cryptography;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>A session folder to put in an export zip.</summary>
public sealed record ExportSource(string Id, string Folder, string? Description);

/// <summary>What an export wrote, and what it left out on purpose (lock files, links).</summary>
public sealed record ExportResult(string ZipPath, int Sessions, int Files, long Bytes, IReadOnlyList<string> Skipped);

/// <summary>
/// Writes session folders into a zip with a manifest (<see cref="ExportManifest"/>). The zip is
/// written beside the target under a temporary name and renamed into place only when complete,
/// and an existing file is never replaced. Each file's checksum is computed from the very bytes
/// written into the zip, so a session that grows during the export still yields a zip that
/// verifies. Lock files and symbolic links are left out (a link is never followed).
/// </summary>
public static class SessionExporter
{
    private const string LockFileName = ".lock";

    /// <exception cref="IOException">The target exists (and <paramref name="replace"/> is false) or cannot be written.</exception>
    public static ExportResult Export(IReadOnlyList<ExportSource> sessions, string zipPath, TimeProvider? clock = null, bool replace = false)
    {
        if (sessions.Count == 0) throw new ArgumentException("nothing to export", nameof(sessions));
        var duplicate = sessions.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"session {duplicate.Key} is named twice", nameof(sessions));

        zipPath = Path.GetFullPath(zipPath);
        ExportTarget.Check(zipPath, replace);
        string temp = ExportTarget.Temporary(zipPath);
        var skipped = new List<string>();
        int fileCount = 0;
        long bytes = 0;
        try
        {
            var manifestSessions = new List<ManifestSession>();
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                foreach (var session in sessions)
                {
                    var files = new List<ManifestFile>();
                    foreach (var (fullPath, relative) in FilesOf(session.Folder, skipped))
                    {
                        var file = AddFile(zip, fullPath, ExportManifest.EntryPath(session.Id, relative));
                        files.Add(file);
                        fileCount++;
                        bytes += file.Size;
                    }
                    manifestSessions.Add(new ManifestSession(session.Id, session.Description, files));
                }
                var manifest = new ExportManifest(ExportManifest.CurrentVersion, Timestamps.Now(clock), manifestSessions);
                var entry = zip.CreateEntry(ExportManifest.FileName, CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open());
                writer.Write(manifest.ToJson());
            }
            File.Move(temp, zipPath, overwrite: replace);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return new ExportResult(zipPath, sessions.Count, fileCount, bytes, skipped);
    }

    /// <summary>Regular files under <paramref name="root"/>, in a stable order, with '/'-separated relative paths.</summary>
    private static IEnumerable<(string FullPath, string Relative)> FilesOf(string root, List<string> skipped)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        var found = new List<(string, string)>();
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (var info in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                string relative = Path.GetRelativePath(root, info.FullName).Replace(Path.DirectorySeparatorChar, '/');
                if (info.LinkTarget is not null) skipped.Add($"{relative} (symbolic link, not followed)");
                else if (info is DirectoryInfo) pending.Push(info.FullName);
                else if (info.Name == LockFileName && dir == root) { /* the writer's lock, not session data */ }
                else if ((info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0) skipped.Add($"{relative} (not a regular file)");
                else found.Add((info.FullName, relative));
            }
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Item2, b.Item2));
        return found;
    }

    private static ManifestFile AddFile(ZipArchive zip, string fullPath, string entryPath)
    {
        var entry = zip.CreateEntry(entryPath, CompressionLevel.Optimal);
        var modified = File.GetLastWriteTime(fullPath);
        if (modified.Year is >= 1980 and <= 2107) entry.LastWriteTime = modified;

        using var source = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var target = entry.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            target.Write(buffer, 0, read);
            size += read;
        }
        return new ManifestFile(entryPath, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
