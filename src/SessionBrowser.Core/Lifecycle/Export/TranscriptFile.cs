using System.Text;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// A session's transcript (<see cref="TranscriptWriter"/>) written to a file: beside the target
/// under a temporary name, moved into place only when complete, so nobody sees half a
/// transcript; an existing file is replaced only when <c>replace</c> says so.
/// </summary>
public static class TranscriptFile
{
    /// <summary>The transcript to <paramref name="output"/>, messages read one at a time.</summary>
    public static void WriteTo(TextWriter output, ISessionStore store, SessionSummary session, bool html)
    {
        var messages = store.ReadMessages(session.Id);
        if (html) TranscriptWriter.WriteHtml(output, session, messages);
        else TranscriptWriter.WriteMarkdown(output, session, messages);
    }

    /// <exception cref="IOException">The target exists (and <paramref name="replace"/> is false), its folder is missing, or it cannot be written.</exception>
    public static void Write(ISessionStore store, SessionSummary session, string path, bool html, bool replace = false)
    {
        path = Path.GetFullPath(path);
        ExportTarget.Check(path, replace);
        string temp = ExportTarget.Temporary(path);
        try
        {
            using (var writer = new StreamWriter(new FileStream(temp, FileMode.CreateNew, FileAccess.Write), new UTF8Encoding(false)))
                WriteTo(writer, store, session, html);
            File.Move(temp, path, overwrite: replace);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}

/// <summary>The rules an export's target follows, for zips and transcripts alike.</summary>
internal static class ExportTarget
{
    /// <exception cref="IOException">The target is a folder, exists and may not be replaced, or its folder is missing.</exception>
    public static void Check(string fullPath, bool replace)
    {
        if (Directory.Exists(fullPath)) throw new IOException($"{fullPath} is a folder; give a file name");
        if (File.Exists(fullPath) && !replace)
            throw new IOException($"{fullPath} already exists; choose another name or remove it first");
        string folder = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(folder)) throw new IOException($"folder {folder} does not exist");
    }

    /// <summary>A hidden name beside the target, written first and renamed into place when complete.</summary>
    public static string Temporary(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
}
