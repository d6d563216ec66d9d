using System.Globalization;
using System.Text;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Which session each transcript holds, remembered between runs by the file's stamp. Finding it
/// means reading the head of every file (a fifth of a `list` of 1,000 Gemini sessions); with this,
/// only files new or changed since the last run are opened. A cache in the program's cache
/// folder, never in ~/.gemini: missing or unreadable, it is simply rebuilt. One line per file:
/// length, write time (ticks), session id, path, separated by tabs.
/// </summary>
internal sealed class GeminiIdCache
{
    private readonly string? _path;
    private readonly Dictionary<string, (FileStamp Stamp, string Id)> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (FileStamp Stamp, string Id)> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private GeminiIdCache(string? path) => _path = path;

    /// <summary>Nothing remembered and nothing written (no cache folder given).</summary>
    public static GeminiIdCache None => new(null);

    public static GeminiIdCache Load(string? path)
    {
        var cache = new GeminiIdCache(path);
        if (path is null) return cache;
        try
        {
            foreach (var line in File.ReadLines(path, Encoding.UTF8))
            {
                var parts = line.Split('\t', 4);
                if (parts.Length == 4
                    && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long length)
                    && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks))
                    cache._known[parts[3]] = (new FileStamp(length, ticks), parts[2]);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing or unreadable: start empty.
        }
        return cache;
    }

    /// <summary>The session id in <paramref name="file"/>, from memory while its stamp is unchanged.</summary>
    public string IdOf(string file, FileStamp stamp, Func<string, string> read)
    {
        lock (_gate)
        {
            if (!(_known.TryGetValue(file, out var known) && known.Stamp == stamp)) known = (stamp, read(file));
            _seen[file] = known;
            return known.Id;
        }
    }

    /// <summary>Writes what this run saw (files gone are forgotten), when it differs from what was loaded.</summary>
    public void Save()
    {
        lock (_gate)
        {
            if (_path is null || SameAsLoaded()) return;
            var text = new StringBuilder();
            foreach (var (file, (stamp, id)) in _seen)
            {
                if (file.Contains('\n') || file.Contains('\t') || id.Contains('\t') || id.Contains('\n')) continue;
                text.Append(CultureInfo.InvariantCulture, $"{stamp.Length}\t{stamp.LastWriteTicks}\t{id}\t{file}\n");
            }
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                AtomicFile.WriteAllText(_path, text.ToString());
                _known.Clear();
                foreach (var (file, entry) in _seen) _known[file] = entry;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only cache folder: the next run reads the heads again.
            }
        }
    }

    private bool SameAsLoaded() =>
        _seen.Count == _known.Count && _seen.All(pair => _known.TryGetValue(pair.Key, out var known) && known == pair.Value);
}
