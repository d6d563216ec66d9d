using System.Collections.Concurrent;
using System.Globalization;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// Qwen Code's sessions (AGENT-FORMATS.md, Qwen Code) behind <see cref="ISessionStore"/>: every
/// project under <c>~/.qwen/projects</c>, archived ones included (status "archived"), titled
/// by Qwen's rule, read line by line with byte offsets so a long transcript opens at once and
/// the index reads only what was appended. Qwen deletes no transcripts by itself (its
/// cleanupPeriodDays sweeps only file-history backups, subagent transcripts and debug logs), so
/// there is no retention to warn about.
/// </summary>
public sealed partial class QwenStore : ISessionStore, IStampedStore, ISeekableMessages, IRenamableStore
{
    public const string SourceName = "qwen";
    public const string ArchivedStatus = "archived";

    /// <summary>Where Qwen keeps everything unless $QWEN_HOME says otherwise.</summary>
    public const string HomeVariable = "QWEN_HOME";

    private readonly ConcurrentDictionary<string, (FileStamp Stamp, QwenTranscript Transcript)> _transcripts = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public QwenStore(string home, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(home);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>$QWEN_HOME, else ~/.qwen (Qwen's Storage.getGlobalQwenDir).</summary>
    public static string DefaultHome(Func<string, string?> environment, string userHome) =>
        environment(HomeVariable) is { Length: > 0 } home ? home : Path.Combine(userHome, ".qwen");

    /// <summary>The store at the default home; null when Qwen Code has never kept a session here.</summary>
    public static QwenStore? OpenDefault(Func<string, string?> environment, string userHome, TimeProvider? clock = null)
    {
        var store = new QwenStore(DefaultHome(environment, userHome), clock);
        return Directory.Exists(Path.Combine(store.Root, QwenFiles.ProjectsFolder)) ? store : null;
    }

    public string Source => SourceName;
    public string Root { get; }

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default)
    {
        var files = QwenFiles.List(Root, cancellationToken);
        var sessions = new SessionSummary[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => sessions[i] = ReadFailures.OrDamaged(() => Summary(files[i], cancellationToken),
                e => SessionSummary.Unreadable(Source, files[i].Id, files[i].Path, e)));
        return sessions;
    }

    public SessionSummary? Find(string id) => FileOf(id) is { } file ? Summary(file, CancellationToken.None) : null;

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        ReadMessages(id, 0, 0, cancellationToken);

    /// <summary>Messages from a line start, numbered from <paramref name="firstIndex"/>; a damaged line carries the next good message's index.</summary>
    public IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default)
    {
        if (FileOf(id) is not { } file) yield break;
        int index = firstIndex;
        foreach (var line in JsonLines.ReadLines(file.Path, fromOffset, cancellationToken))
        {
            var (isRecord, message, damage) = Classify(line, parse: true);
            if (!isRecord) continue;
            // A damaged line keeps the next message's index; a repaired message still carries its damage.
            yield return message is null
                ? new MessageRecord(index, line.Offset, null, damage)
                : new MessageRecord(index++, line.Offset, message, damage);
        }
    }

    public IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        FileOf(id) is { } file
            ? [.. JsonLines.ReadLines(file.Path, fromOffset, cancellationToken).Where(line => Classify(line, parse: false).IsRecord).Select(line => line.Offset)]
            : [];

    /// <summary>
    /// Whether a line is a record the reader yields (a message, or a damaged line) and, when
    /// <paramref name="parse"/>, the message. The type is read first, so bookkeeping lines and
    /// offsets cost no full parse; ReadMessages and MessageOffsets agree by using this one rule.
    /// </summary>
    private static (bool IsRecord, Message? Message, string? Damage) Classify(in JsonLine line, bool parse)
    {
        string? type = QwenLines.TypeOf(line.Bytes.Span);
        if (type is not null && !QwenLines.IsMessage(type)) return (false, null, null);
        if (type is not null && !parse) return (true, null, null);
        try
        {
            using var document = JsonLines.ParseDocument(line, QwenLines.Options, out string? repair);
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
                return (true, null, $"line at byte {line.Offset} is JSON but not an object");
            return type is null ? (false, null, null) : (true, QwenLines.ToMessage(root), repair);
        }
        catch (System.Text.Json.JsonException)
        {
            return (true, null, QwenLines.Unreadable(line));
        }
    }

    public ResumeCommand? ResumeCommandFor(string id)
    {
        if (FileOf(id) is not { } file) return null;
        var transcript = Transcript(file, CancellationToken.None);
        return new ResumeCommand(["qwen", "--resume", id], transcript.Cwd is { Length: > 0 } cwd && Directory.Exists(cwd) ? cwd : null);
    }

    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default) =>
        QwenFiles.List(Root, cancellationToken).Select(file => StampOf(file));

    public SessionStamp? StampOf(string id) => FileOf(id) is { } file ? StampOf(file) : null;

    // One file holds both what the summary is built from and the messages.
    private static SessionStamp StampOf(QwenFile file)
    {
        var stamp = FileStamp.Of(file.Path);
        return new SessionStamp(file.Id, stamp, stamp);
    }

    /// <summary>
    /// The transcript named by the id: chats/&lt;id&gt;.jsonl (else chats/archive/) in the first
    /// project folder holding one, found by a stat per project, not a listing of every chat.
    /// </summary>
    internal QwenFile? FileOf(string id)
    {
        if (!QwenFiles.IsSessionFileName(id + ".jsonl")) return null;
        foreach (string project in ProjectFolders())
            foreach (bool archived in new[] { false, true })
            {
                string path = Path.Combine(QwenFiles.ChatsFolder(project, archived), id + ".jsonl");
                if (File.Exists(path) && !FileTree.IsLink(path)) return new QwenFile(id, path, project, archived);
            }
        return null;
    }

    private IEnumerable<string> ProjectFolders()
    {
        string projects = Path.Combine(Root, QwenFiles.ProjectsFolder);
        try
        {
            return [.. Directory.EnumerateDirectories(projects).Where(p => !FileTree.IsLink(p)).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private SessionSummary Summary(QwenFile file, CancellationToken cancellationToken)
    {
        var transcript = Transcript(file, cancellationToken);
        var modified = File.GetLastWriteTimeUtc(file.Path);
        return new SessionSummary
        {
            Ref = new SessionRef(SourceName, file.Id),
            Title = QwenTitles.Make(transcript.CustomTitle, transcript.FirstPrompt),
            Description = transcript.CustomTitle,
            Status = file.Archived ? ArchivedStatus : SessionStatus.Paused,
            CreatedAt = Timestamps.Parse(transcript.StartTime) ?? modified,
            LastActive = Timestamps.Parse(transcript.LastTime) ?? modified,
            MessageCount = transcript.MessageCount,
            TotalTokens = transcript.Tokens,
            Model = transcript.Model,
            WorkDir = transcript.Cwd,
            Damaged = Damage(transcript),
            Path = file.Path,
        };
    }

    private static string? Damage(QwenTranscript transcript)
    {
        if (transcript.Error is not null) return transcript.Error;
        if (transcript.SessionId is null) return "the first line names no session (sessionId)";
        if (transcript.BadLines.Count == 0) return null;
        var (offset, reason) = transcript.BadLines[0];
        return transcript.BadLines.Count == 1
            ? reason
            : string.Create(CultureInfo.InvariantCulture, $"{transcript.BadLines.Count} unreadable lines skipped (first at byte {offset})");
    }

    private QwenTranscript Transcript(QwenFile file, CancellationToken cancellationToken)
    {
        var stamp = FileStamp.Of(file.Path);
        if (_transcripts.TryGetValue(file.Path, out var cached) && cached.Stamp == stamp) return cached.Transcript;
        var transcript = QwenTranscript.Read(file.Path, cancellationToken);
        _transcripts[file.Path] = (stamp, transcript);
        return transcript;
    }
}
