using System.Security.Cryptography;
using System.Text;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// File and folder names of Kimi CLI's share folder (AGENT-FORMATS.md, Kimi CLI), and the one
/// rule that tells its folders apart from the native store's when both live in the same
/// <c>sessions/</c>: a native session is <c>sessions/&lt;id&gt;/metadata.json</c>; Kimi CLI keeps
/// its sessions one level further down, in <c>sessions/&lt;md5 of the work dir&gt;/&lt;uuid&gt;/</c>.
/// </summary>
public static class KimiLayout
{
    public const string ShareDirVariable = "KIMI_SHARE_DIR";
    public const string SessionsFolder = "sessions";
    public const string MetadataFile = "kimi.json";
    public const string ContextFile = "context.jsonl";
    public const string WireFile = "wire.jsonl";
    public const string StateFile = "state.json";

    /// <summary>The native store's marker file (FORMATS.md §1); a folder holding it is never Kimi CLI's.</summary>
    private const string NativeMarker = "metadata.json";

    /// <summary>The folder Kimi CLI keeps a work dir's sessions in: the md5 of the path's UTF-8 bytes, lowercase hex.</summary>
    public static string HashOf(string workDir) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(workDir)));

    /// <summary>32 lowercase hex digits: the name Kimi CLI gives a work dir's folder.</summary>
    public static bool IsWorkDirName(ReadOnlySpan<char> name)
    {
        if (name.Length != 32) return false;
        foreach (char c in name)
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f')) return false;
        return true;
    }

    /// <summary>
    /// Whether an entry of <c>sessions/</c> is a Kimi CLI work dir folder: an md5 name and no
    /// native metadata.json in it. The native store skips exactly these; the Kimi store reads
    /// exactly these, so one folder is never both, and the name alone settles almost every case
    /// (native ids are 8 characters) without a stat.
    /// </summary>
    public static bool IsWorkDirFolder(string folder) =>
        IsWorkDirName(Path.GetFileName(folder.AsSpan())) && !File.Exists(Path.Combine(folder, NativeMarker));
}
