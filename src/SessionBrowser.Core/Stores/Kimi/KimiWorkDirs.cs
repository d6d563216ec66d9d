using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// kimi.json: <c>{"work_dirs": [{"path", "kaos", "last_session_id"}]}</c>, the only place a
/// work dir folder's md5 name turns back into a path. Read whole (it is small); an unreadable or
/// missing file maps nothing, and the sessions are still listed, with their folder's hash.
/// </summary>
internal sealed class KimiWorkDirs
{
    private readonly Dictionary<string, string> _pathOfHash;

    private KimiWorkDirs(Dictionary<string, string> pathOfHash, string? problem)
    {
        _pathOfHash = pathOfHash;
        Problem = problem;
    }

    public static readonly KimiWorkDirs None = new([], null);

    /// <summary>Why kimi.json could not be read (null when it was, or is missing).</summary>
    public string? Problem { get; }

    public static KimiWorkDirs Load(string root)
    {
        string file = Path.Combine(root, KimiLayout.MetadataFile);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new KimiWorkDirs([], $"{KimiLayout.MetadataFile} cannot be read: {e.Message}");
        }
        try
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var value in KimiJsonEdit.Values(bytes))
            {
                if (value.Text is { Length: > 0 } path && IsEntryField(value.Path, "path"))
                    map.TryAdd(KimiLayout.HashOf(path), path);
            }
            return new KimiWorkDirs(map, null);
        }
        catch (JsonException e)
        {
            return new KimiWorkDirs([], $"{KimiLayout.MetadataFile} is not valid JSON ({e.Message})");
        }
    }

    /// <summary>The work dir a hashed folder belongs to; null when kimi.json does not name it.</summary>
    public string? PathOf(string hash) => _pathOfHash.GetValueOrDefault(hash);

    /// <summary>"work_dirs[3].path" for field "path".</summary>
    public static bool IsEntryField(string path, string field) =>
        path.StartsWith("work_dirs[", StringComparison.Ordinal) && path.EndsWith("]." + field, StringComparison.Ordinal)
        && path.IndexOf('.') == path.Length - field.Length - 1;

    /// <summary>The index of the work_dirs entry a value belongs to ("work_dirs[3].x" → 3).</summary>
    public static int EntryOf(string path) =>
        int.Parse(path.AsSpan(10, path.IndexOf(']') - 10), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The stamp of kimi.json: sessions whose folder it does not name change when it does.</summary>
    public static FileStamp StampOf(string root) => FileStamp.Of(Path.Combine(root, KimiLayout.MetadataFile));
}
