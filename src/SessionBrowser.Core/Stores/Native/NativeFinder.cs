using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Kimi;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Reads session rows for a first list with the store folder held open (<see cref="FolderHandle"/>):
/// each session's folder, its metadata.json and its .lock by names relative to it, no path walked
/// from the root and no FileStream. Only a plain session is read here; a link, a FIFO, damaged
/// or missing metadata, anything unreadable goes to <see cref="NativeStore.Find"/>, whose rules
/// and messages say what it is, so the rows are the same either way (the tests compare them).
/// </summary>
internal sealed class NativeFinder(NativeStore store) : ISessionFinder
{
    private readonly FolderHandle _root = FolderHandle.Open(store.Root);

    /// <summary>
    /// The store's full path, made once: a session read here has a valid id and was opened as an
    /// entry of the store folder, so its path is this joined with the id, which is what
    /// <see cref="NativeStore.SessionDir"/> proves with four full-path normalisations per session.
    /// </summary>
    private readonly string _fullRoot = Path.GetFullPath(store.Root);

    [ThreadStatic]
    private static byte[]? _buffer;

    public SessionSummary? Find(string id, out FileStamp? messages) => Find(id, out messages, out _);

    /// <summary>
    /// <see cref="Find(string, out FileStamp?)"/> with the session folder's stamp as
    /// <see cref="NativeStore.Stamps"/> takes it (<paramref name="stampMessages"/>: messages.jsonl's
    /// too), taken before reading: metadata.json's from the file opened to read it, so a plain
    /// session costs no stat of its own.
    /// </summary>
    public StampedSummary FindStamped(string id, StampFolder root, bool stampMessages)
    {
        var found = Find(id, out var messages, out var head, root);
        var messagesStamp = messages ?? (stampMessages ? FileStat.Of(root, id, NativeLayout.MessagesFile) : FileStamp.NotTaken);
        return new StampedSummary(new SessionStamp(id, head, messagesStamp), found);
    }

    /// <param name="head">metadata.json's stamp: from the open file, else (when <paramref name="stampRoot"/> is given) a stat of it before the path-based read.</param>
    private SessionSummary? Find(string id, out FileStamp? messages, out FileStamp head, StampFolder? stampRoot = null)
    {
        messages = null;
        head = default;
        // A Kimi CLI work-dir folder (32 hex digits) is told apart by Find's rules.
        if (_root.IsOpen && !KimiLayout.IsWorkDirName(id) && SessionIds.IsValid(id))
        {
            try
            {
                if (Plain(id, out messages, out head) is { } found) return found;
            }
            catch (Exception e) when (ReadFailures.IsReadFailure(e))
            {
            }
        }
        messages = null;
        if (stampRoot is not null) head = FileStat.Of(stampRoot, id, NativeLayout.MetadataFile);
        return store.Find(id);
    }

    /// <summary>The row of a session folder whose metadata.json reads and is usable; null for anything else.</summary>
    private SessionSummary? Plain(string id, out FileStamp? messages, out FileStamp head)
    {
        messages = null;
        head = default;
        using var folder = _root.OpenChild(id);
        if (!folder.IsOpen) return null;
        var buffer = _buffer ??= new byte[4096];
        int length = folder.ReadFile(NativeLayout.MetadataFile, NativeLayout.MaxMetadataBytes, ref buffer, out head);
        _buffer = buffer;
        if (length < 0) return null;
        // Both readers copy what they keep: the buffer is this thread's again for the next read.
        var meta = PlainMetadata.TryRead(buffer.AsSpan(0, length), id);
        bool repaired = false;
        if (meta is null)
        {
            var read = JsonFile.Parse(buffer.AsSpan(0, length), NativeLayout.MetadataFile);
            meta = NativeSessionReader.MetadataOf(read, id, out _);
            if (meta is null) return null;
            repaired = read.Repaired;
        }
        string path = Path.Join(_fullRoot, id);
        bool held = folder.IsLockHeld(NativeLayout.LockFile) ?? FileLock.IsHeld(Path.Combine(path, NativeLayout.LockFile));
        string title = string.IsNullOrWhiteSpace(meta.Description)
            ? NativeSessionReader.TitleFrom(FirstUserMessage(folder, path, out messages))
            : NativeSessionReader.TitleOf(meta.Description, folder: null);
        return NativeSessionReader.Summary(path, id, repaired, meta, title, held);
    }

    /// <summary>How much of messages.jsonl is read here for a title (as the path-based reader's first read).</summary>
    private const int TitleWindow = 4096;

    /// <summary>
    /// <see cref="NativeSessionReader.FirstUserMessage(string)"/> from the first 4 KB read through
    /// the open folder; when the answer is not within them (or the file is no plain file), the
    /// path-based reader reads as far as it needs. <paramref name="stamp"/>: the file's stamp,
    /// taken before the read, when it was read here.
    /// </summary>
    private static string? FirstUserMessage(FolderHandle folder, string path, out FileStamp? stamp)
    {
        stamp = null;
        var buffer = _buffer ??= new byte[TitleWindow];
        int length = folder.ReadStart(NativeLayout.MessagesFile, TitleWindow, ref buffer, out bool whole, out var taken);
        _buffer = buffer;
        if (length >= 0)
        {
            stamp = taken;
            // The message's text is a string of its own: the buffer can be read into again.
            if (NativeSessionReader.FirstUserMessage(JsonLines.LinesIn(buffer.AsMemory(0, length), whole)) is { } first) return first;
            if (whole) return null;
        }
        return NativeSessionReader.FirstUserMessage(Path.Combine(path, NativeLayout.MessagesFile));
    }

    public void Dispose() => _root.Dispose();
}
