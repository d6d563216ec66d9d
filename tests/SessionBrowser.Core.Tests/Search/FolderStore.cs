using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>
/// A small store over real files for the search tests, independent of any real source's format:
/// &lt;root&gt;/&lt;id&gt;/meta.json and messages.jsonl. It has the optional capabilities (seek, stamps)
/// so the index's incremental paths run; <see cref="Plain"/> hides them to test the fallbacks.
/// </summary>
internal sealed class FolderStore(string root, string source = "test") : ISessionStore, ISeekableMessages, IStampedStore
{
    public string Source => source;
    public string Root => root;
    public int FindCalls { get; private set; }

    public void Write(string id, string title, string status = "paused", string[]? tags = null, string model = "m1",
        DateTimeOffset? lastActive = null, string? workDir = null)
    {
        var dir = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
        var meta = new JsonObject
        {
            ["title"] = title, ["status"] = status, ["model"] = model, ["work_dir"] = workDir ?? "/home/u/" + id,
            ["tags"] = new JsonArray([.. (tags ?? []).Select(t => (JsonNode)t)]),
            ["last"] = (lastActive ?? new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero)).ToString("O"),
        };
        File.WriteAllText(Path.Combine(dir, "meta.json"), meta.ToJsonString());
        if (!File.Exists(Path.Combine(dir, "messages.jsonl"))) File.WriteAllText(Path.Combine(dir, "messages.jsonl"), "");
    }

    public void Append(string id, string role, string content, DateTimeOffset? time = null)
    {
        var line = new JsonObject { ["role"] = role, ["content"] = content, ["timestamp"] = time?.ToString("O") }.ToJsonString();
        File.AppendAllText(Path.Combine(root, id, "messages.jsonl"), line + "\n");
    }

    public void AppendRaw(string id, string text) => File.AppendAllText(Path.Combine(root, id, "messages.jsonl"), text);

    public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default) =>
        [.. Directory.EnumerateDirectories(root).Select(d => Find(Path.GetFileName(d))).OfType<SessionSummary>()];

    public SessionSummary? Find(string id)
    {
        FindCalls++;
        var dir = Path.Combine(root, id);
        if (!Directory.Exists(dir)) return null;
        try
        {
            var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "meta.json")))!.AsObject();
            return new SessionSummary
            {
                Ref = new SessionRef(source, id),
                Title = (string)meta["title"]!,
                Status = (string)meta["status"]!,
                Model = (string?)meta["model"],
                WorkDir = (string?)meta["work_dir"],
                Tags = [.. meta["tags"]!.AsArray().Select(t => (string)t!)],
                LastActive = DateTimeOffset.Parse((string)meta["last"]!, System.Globalization.CultureInfo.InvariantCulture),
                CreatedAt = DateTimeOffset.Parse((string)meta["last"]!, System.Globalization.CultureInfo.InvariantCulture).AddHours(-1),
                MessageCount = MessageOffsets(id).Count,
                Path = dir,
            };
        }
        catch (Exception e) when (e is IOException or JsonException or NullReferenceException or InvalidOperationException)
        {
            return new SessionSummary { Ref = new SessionRef(source, id), Title = id, Damaged = "meta.json: " + e.Message, Path = dir };
        }
    }

    public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) =>
        ReadMessages(id, 0, 0, cancellationToken);

    public IEnumerable<MessageRecord> ReadMessages(string id, long fromOffset, int firstIndex, CancellationToken cancellationToken = default)
    {
        long offset = fromOffset;
        var path = Path.Combine(root, id, "messages.jsonl");
        if (!File.Exists(path)) yield break;
        var bytes = File.ReadAllBytes(path);
        int index = firstIndex;
        for (long start = offset; start < bytes.Length;)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', (int)start);
            if (end < 0) yield break; // torn last line: not a record yet
            var text = Encoding.UTF8.GetString(bytes, (int)start, end - (int)start);
            MessageRecord record;
            try
            {
                var node = JsonNode.Parse(text)!.AsObject();
                record = new MessageRecord(index, start, new Message((string)node["role"]!, (string)node["content"]!, (string?)node["timestamp"]));
            }
            catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException)
            {
                record = new MessageRecord(index, start, null, "bad line: " + e.Message);
            }
            yield return record;
            index++;
            start = end + 1;
        }
    }

    public IReadOnlyList<long> MessageOffsets(string id, long fromOffset = 0, CancellationToken cancellationToken = default) =>
        [.. ReadMessages(id, fromOffset, 0, cancellationToken).Select(r => r.Offset)];

    public IEnumerable<SessionStamp> Stamps(IReadOnlySet<string>? messagesOf = null, CancellationToken cancellationToken = default) =>
        Directory.EnumerateDirectories(root).Select(d => StampOf(Path.GetFileName(d))!);

    public SessionStamp? StampOf(string id)
    {
        var dir = Path.Combine(root, id);
        if (!Directory.Exists(dir)) return null;
        var messages = new FileInfo(Path.Combine(dir, "messages.jsonl"));
        return new SessionStamp(id, FileStamp.Of(Path.Combine(dir, "meta.json")), messages.Exists ? FileStamp.Of(messages) : FileStamp.Missing);
    }

    public IReadOnlyList<SnapshotInfo> ListSnapshots(string id) => [];
    public IReadOnlyList<string> FilesOf(string id) => [Path.Combine(root, id)];
    public ResumeCommand? ResumeCommandFor(string id) => null;

    /// <summary>The same sessions without the optional capabilities (like a source that can only list and read).</summary>
    public ISessionStore Plain() => new PlainView(this);

    private sealed class PlainView(FolderStore inner) : ISessionStore
    {
        public string Source => inner.Source;
        public string Root => inner.Root;
        public IReadOnlyList<SessionSummary> List(CancellationToken cancellationToken = default) => inner.List(cancellationToken);
        public SessionSummary? Find(string id) => inner.Find(id);
        public IEnumerable<MessageRecord> ReadMessages(string id, CancellationToken cancellationToken = default) => inner.ReadMessages(id, cancellationToken);
        public IReadOnlyList<SnapshotInfo> ListSnapshots(string id) => [];
        public IReadOnlyList<string> FilesOf(string id) => inner.FilesOf(id);
        public ResumeCommand? ResumeCommandFor(string id) => null;
    }
}

/// <summary>A temporary folder for one test, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("search-test-").FullName;

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
