using System.Text;
using System.Text.RegularExpressions;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Which session a file holds, from its first few kilobytes only: Gemini writes the sessionId
/// in the metadata line of a .jsonl and near the top of a legacy .json. Lets an index tell
/// what changed without parsing every transcript.
/// </summary>
internal static partial class GeminiStamps
{
    private const int HeadBytes = 1024;

    /// <summary>The sessionId in the file's head, else its file name (unreadable files are listed under it).</summary>
    public static string SessionIdOf(string path)
    {
        try
        {
            using var stream = GeminiTranscriptReader.Open(path);
            byte[] head = new byte[HeadBytes];
            int read = stream.ReadAtLeast(head, HeadBytes, throwOnEndOfStream: false);
            var match = SessionIdField().Match(Encoding.UTF8.GetString(head, 0, read));
            if (match.Success) return Regex.Unescape(match.Groups[1].Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable now: named by its file, like the damaged entry the listing shows.
        }
        return Path.GetFileNameWithoutExtension(path);
    }

    /// <summary>The stamps of all files holding each session, combined: any change to any copy changes it.</summary>
    public static IEnumerable<SessionStamp> Of(IEnumerable<string> files, GeminiIdCache? ids = null)
    {
        ids ??= GeminiIdCache.None;
        var byId = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            var stamp = FileStamp.Of(file);
            string id = ids.IdOf(file, stamp, SessionIdOf);
            byId[id] = byId.TryGetValue(id, out var seen)
                ? new FileStamp(seen.Length + stamp.Length, Math.Max(seen.LastWriteTicks, stamp.LastWriteTicks))
                : stamp;
        }
        ids.Save();
        return [.. byId.Select(pair => new SessionStamp(pair.Key, pair.Value, null))];
    }

    [GeneratedRegex("\"sessionId\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex SessionIdField();
}
