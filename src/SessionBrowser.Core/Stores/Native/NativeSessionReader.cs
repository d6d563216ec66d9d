using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// Turns one entry of the store root into a list row: a session folder, a damaged folder (with
/// the reason), or a legacy flat <c>&lt;id&gt;.json</c>. Kept cheap for 10,000 sessions: only
/// metadata.json is read, plus the first user line of messages.jsonl when there is no description.
/// </summary>
internal static class NativeSessionReader
{
    public const string Untitled = "(untitled)";
    public const string DamagedStatus = "damaged";
    private const int MaxTitleLength = 200;
    private static readonly string[] LegacyFields = ["id", "work_dir", "created_at", "last_active", "message_count"];

    /// <summary>A session folder's row (Kimi CLI's folders never get here: see KimiLayout.IsWorkDirFolder).</summary>
    public static SessionSummary ReadFolder(string folder, string id)
    {
        try
        {
            return ReadReadableFolder(folder, id);
        }
        catch (Exception e) when (ReadFailures.IsReadFailure(e))
        {
            // A folder without read or search permission, say: this session is damaged, the others still list.
            return Damaged(folder, id, $"cannot be read: {e.Message}", readTitle: false);
        }
    }

    private static SessionSummary ReadReadableFolder(string folder, string id)
    {
        var read = JsonFile.TryRead(Path.Combine(folder, NativeLayout.MetadataFile), NativeLayout.MaxMetadataBytes);
        var meta = MetadataOf(read, id, out string? problem);
        if (meta is null) return Damaged(folder, id, problem ?? "metadata.json cannot be read");
        // Whether it is held, not who held it last: a list of 10,000 asks per session (no holder record read and parsed).
        bool held = FileLock.IsHeld(Path.Combine(folder, NativeLayout.LockFile));
        return Summary(folder, id, read.Repaired, meta, TitleOf(meta.Description, folder), held);
    }

    /// <summary>The session's metadata from its metadata.json as read; null (with the reason) when that is not usable.</summary>
    internal static SessionMetadata? MetadataOf(in JsonReadResult read, string id, out string? problem)
    {
        problem = read.Error;
        if (!read.Ok) return null;
        var meta = NativeJson.ReadMetadata(read.Node, id, out problem);
        // The folder name is the id the store knows it by, whatever the file claims (a rewrite fixes the file).
        if (meta is not null) meta.Id = id;
        return meta;
    }

    /// <summary>The row of a session folder whose metadata.json was read and is usable.</summary>
    internal static SessionSummary Summary(string folder, string id, bool repaired, SessionMetadata meta, string title, bool held) => new()
    {
        // Readable after repair, but a rewrite would save the replacement characters: damaged, never written.
        Damaged = repaired ? $"{NativeLayout.MetadataFile} {JsonTextRepair.Problem}" : null,
        Ref = new SessionRef(NativeStore.SourceName, id),
        Title = title,
        Status = meta.Status,
        Liveness = LivenessOf(meta.Status, held),
        CreatedAt = meta.CreatedTime,
        LastActive = meta.LastActiveTime,
        MessageCount = meta.MessageCount,
        TotalTokens = meta.TotalTokens,
        TotalCost = meta.TotalCost,
        TotalSteps = meta.TotalSteps,
        Progress = meta.Progress,
        CurrentTask = meta.CurrentTask,
        Tags = meta.Tags,
        WorkDir = meta.WorkDir,
        Model = meta.Model,
        Description = meta.Description,
        Path = folder,
        Metadata = meta,
    };

    /// <summary>A link where a session folder would be: listed as damaged (so it can be seen and deleted, the link alone), never read through.</summary>
    public static SessionSummary ReadLink(string path, string id)
    {
        string? target = null;
        try { target = new FileInfo(path).LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return new SessionSummary
        {
            Ref = new SessionRef(NativeStore.SourceName, id),
            Title = id,
            Status = DamagedStatus,
            Liveness = Liveness.Idle,
            Damaged = $"the session folder is a symbolic link{(target is null ? "" : " to " + target)}; links are not followed",
            Path = path,
        };
    }

    /// <summary>
    /// The legacy flat layout: <c>{id, work_dir, created_at, last_active, message_count}</c>. Read-only.
    /// A JSON object with none of those fields is some other file (null); unreadable JSON is a damaged session.
    /// </summary>
    public static SessionSummary? ReadLegacyFile(string file, string id)
    {
        var read = JsonFile.TryRead(file, NativeLayout.MaxMetadataBytes);
        if (!read.Ok) return Damaged(file, id, read.Error!);
        if (read.Node is not JsonObject obj || !LegacyFields.Any(obj.ContainsKey)) return null;
        var meta = NativeJson.ReadMetadata(obj, id, out _)!;
        meta.Id = id;
        if (!obj.ContainsKey("status")) meta.Status = SessionStatus.Paused;
        return new SessionSummary
        {
            Ref = new SessionRef(NativeStore.SourceName, id),
            Title = TitleOf(meta.Description, folder: null),
            Status = meta.Status,
            Liveness = Liveness.Idle,
            CreatedAt = meta.CreatedTime,
            LastActive = meta.LastActiveTime,
            MessageCount = meta.MessageCount,
            WorkDir = meta.WorkDir,
            Model = meta.Model,
            Description = meta.Description,
            Path = file,
            Metadata = meta,
        };
    }

    public static Liveness LivenessOf(string status, bool lockHeld) =>
        lockHeld ? Liveness.Live : status == SessionStatus.Active ? Liveness.Interrupted : Liveness.Idle;

    /// <summary>Description, else the first user message (one line), else "(untitled)".</summary>
    public static string TitleOf(string? description, string? folder)
    {
        if (!string.IsNullOrWhiteSpace(description)) return OneLine(description);
        return TitleFrom(folder is null ? null : FirstUserMessage(Path.Combine(folder, NativeLayout.MessagesFile)));
    }

    /// <summary>The title of a session without a description: its first user message (one line), else "(untitled)".</summary>
    internal static string TitleFrom(string? firstUserMessage) => firstUserMessage is null ? Untitled : OneLine(firstUserMessage);

    /// <summary>The content of the first readable user message, reading no further than needed.</summary>
    // The first user message is nearly always within the first few KB.
    public static string? FirstUserMessage(string messagesFile) =>
        FirstUserMessage(JsonLines.ReadLines(messagesFile, 0, 4096, CancellationToken.None));

    /// <summary>The content of the first readable user message among <paramref name="lines"/>.</summary>
    internal static string? FirstUserMessage(IEnumerable<JsonLine> lines)
    {
        foreach (var line in lines)
        {
            var obj = JsonLines.TryParseObject(line, out _);
            if (obj is null) continue;
            if (NativeJson.String(obj, "role") == Roles.User)
            {
                var message = NativeJson.ReadMessage(obj, out _);
                if (message is not null && !string.IsNullOrWhiteSpace(message.Content)) return message.Content;
            }
        }
        return null;
    }

    /// <summary>The first non-blank line, white space collapsed, cut at 200 characters.</summary>
    public static string OneLine(string text)
    {
        // Most descriptions are one such line already: no copies (a first list makes 10,000 titles).
        if (IsOneLine(text)) return text;
        string line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        line = string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0) return Untitled;
        return line.Length <= MaxTitleLength ? line : line[..(MaxTitleLength - 1)] + "…";
    }

    /// <summary>Whether <see cref="OneLine"/> would give the text back as it is: one line, single spaces, none at the ends, not too long.</summary>
    private static bool IsOneLine(string text)
    {
        if (text.Length == 0 || text.Length > MaxTitleLength || text[0] == ' ' || text[^1] == ' ') return false;
        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ' ' ? text[i - 1] == ' ' : char.IsWhiteSpace(c)) return false;
        }
        return !char.IsWhiteSpace(text[0]);
    }

    private static SessionSummary Damaged(string path, string id, string reason, bool readTitle = true)
    {
        bool isFolder = readTitle && Directory.Exists(path);
        string? first = null;
        (DateTimeOffset? Created, DateTimeOffset? Last) times = (null, null);
        try
        {
            if (isFolder)
            {
                string messages = Path.Combine(path, NativeLayout.MessagesFile);
                first = FirstUserMessage(messages);
                times = MessageTimes(messages);
            }
        }
        catch (Exception e) when (ReadFailures.IsReadFailure(e)) { }
        // The file's time only when the messages carry none: a copied or restored folder is new on
        // disk, and a session last used a year ago must not sort as active a second ago.
        if (times.Last is null)
        {
            try { times.Last = new DateTimeOffset(Directory.Exists(path) ? Directory.GetLastWriteTime(path) : File.GetLastWriteTime(path)); }
            catch (Exception e) when (ReadFailures.IsReadFailure(e)) { }
        }
        return new SessionSummary
        {
            Ref = new SessionRef(NativeStore.SourceName, id),
            Title = first is null ? id : OneLine(first),
            Status = DamagedStatus,
            Liveness = Liveness.Idle,
            CreatedAt = times.Created,
            LastActive = times.Last,
            Damaged = reason,
            Path = path,
        };
    }

    /// <summary>How much of each end of messages.jsonl is read for a damaged session's times.</summary>
    private const int TimesWindow = 64 * 1024;

    /// <summary>
    /// The first and last message times in messages.jsonl, for a session whose metadata cannot say:
    /// from the first and the last <see cref="TimesWindow"/> bytes only, so a huge file costs no more.
    /// </summary>
    private static (DateTimeOffset? First, DateTimeOffset? Last) MessageTimes(string messagesFile)
    {
        if (!File.Exists(messagesFile)) return (null, null);
        DateTimeOffset? first = null, last = null;
        foreach (var line in JsonLines.ReadLines(messagesFile, 0, 4096, CancellationToken.None))
        {
            if (line.Offset > TimesWindow) break;
            if (TimeOf(line) is { } time) { first = time; break; }
        }
        long length = new FileInfo(messagesFile).Length;
        // From the middle of a line on, that first piece does not parse and is skipped.
        foreach (var line in JsonLines.ReadLines(messagesFile, Math.Max(0, length - TimesWindow), CancellationToken.None))
            if (TimeOf(line) is { } time) last = time;
        return (first, last ?? first);
    }

    private static DateTimeOffset? TimeOf(JsonLine line) =>
        JsonLines.TryParseObject(line, out _) is { } obj ? NativeJson.ReadMessage(obj, out _)?.Time : null;
}
