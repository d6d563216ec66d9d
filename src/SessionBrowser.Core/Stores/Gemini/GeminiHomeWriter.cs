using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Gemini;

/// <summary>
/// Writes a Gemini CLI home (~/.gemini) the way Gemini 0.61 does: projects.json, slug folders
/// with .project_root (or the older sha256 folders), chats/session-*.jsonl or legacy .json.
/// For test fixtures, the demo and the benchmark; never used on a real Gemini folder.
/// </summary>
public sealed class GeminiHomeWriter(string home)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Pretty = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
    private readonly SortedDictionary<string, string> _registry = new(StringComparer.Ordinal);

    public string Home { get; } = home;

    /// <summary>Registers a project the v0.29+ way and returns its folder tmp/&lt;slug&gt;.</summary>
    public string AddProject(string projectPath, string? slug = null)
    {
        slug ??= Slugify(Path.GetFileName(projectPath));
        string folder = Path.Combine(Home, "tmp", slug);
        Directory.CreateDirectory(Path.Combine(folder, "chats"));
        File.WriteAllText(Path.Combine(folder, ".project_root"), projectPath);
        _registry[projectPath] = slug;
        WriteRegistry();
        return folder;
    }

    /// <summary>The pre-v0.29 folder tmp/&lt;sha256 of the path&gt;.</summary>
    public string AddHashFolder(string projectPath)
    {
        string folder = Path.Combine(Home, "tmp", GeminiProjects.HashOf(projectPath));
        Directory.CreateDirectory(Path.Combine(folder, "chats"));
        return folder;
    }

    public GeminiSessionWriter Session(string projectFolder, string sessionId, DateTimeOffset start, bool legacy = false) =>
        new(projectFolder, sessionId, start, legacy);

    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static string Json(JsonNode node, bool pretty = false) => node.ToJsonString(pretty ? Pretty : Compact);

    private void WriteRegistry()
    {
        var projects = new JsonObject();
        foreach (var (path, slug) in _registry) projects[path] = slug;
        Directory.CreateDirectory(Home);
        File.WriteAllText(Path.Combine(Home, "projects.json"), Json(new JsonObject { ["projects"] = projects }, pretty: true));
    }

    private static string Slugify(string name)
    {
        var slug = new StringBuilder();
        foreach (char c in name.ToLowerInvariant()) slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        string text = string.Join('-', slug.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 0 ? text : "project";
    }
}

/// <summary>
/// One session file, written record by record as Gemini's ChatRecordingService does (a
/// metadata line, message lines repeated on update, $set and $rewindTo lines), or, when
/// legacy, as one pretty-printed document on <see cref="Save"/>.
/// </summary>
public sealed class GeminiSessionWriter
{
    private readonly List<string> _lines = [];
    private readonly JsonObject _metadata;
    private readonly List<JsonObject> _legacyMessages = [];
    private readonly bool _legacy;
    private DateTimeOffset _clock;

    internal GeminiSessionWriter(string projectFolder, string sessionId, DateTimeOffset start, bool legacy)
    {
        _legacy = legacy;
        _clock = start;
        string stamp = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm", CultureInfo.InvariantCulture);
        string prefix = sessionId.Length >= 8 ? sessionId[..8] : sessionId;
        FilePath = Path.Combine(projectFolder, "chats", $"session-{stamp}-{prefix}.json{(legacy ? "" : "l")}");
        _metadata = new JsonObject
        {
            ["sessionId"] = sessionId,
            ["projectHash"] = ProjectHash(projectFolder),
            ["startTime"] = GeminiHomeWriter.Time(start),
            ["lastUpdated"] = GeminiHomeWriter.Time(start),
        };
        if (!legacy) _metadata["kind"] = "main";
        if (!legacy) _lines.Add(GeminiHomeWriter.Json(_metadata));
    }

    public string FilePath { get; set; }

    /// <summary>Moves the session's clock on; every record after this carries the new time.</summary>
    public GeminiSessionWriter At(DateTimeOffset time)
    {
        _clock = time;
        return this;
    }

    public GeminiSessionWriter User(string id, string text) =>
        Message(new JsonObject { ["id"] = id, ["type"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = text }) });

    public GeminiSessionWriter Gemini(string id, string text, JsonArray? toolCalls = null, JsonArray? thoughts = null, long tokens = 0, string model = "gemini-2.5-pro")
    {
        var message = new JsonObject { ["id"] = id, ["type"] = "gemini", ["content"] = text };
        if (thoughts is not null) message["thoughts"] = thoughts;
        if (toolCalls is not null) message["toolCalls"] = toolCalls;
        if (tokens > 0)
            message["tokens"] = new JsonObject { ["input"] = tokens * 3 / 4, ["output"] = tokens / 4, ["cached"] = 0, ["total"] = tokens };
        message["model"] = model;
        return Message(message);
    }

    /// <summary>Any message record; a timestamp is added when missing.</summary>
    public GeminiSessionWriter Message(JsonObject message)
    {
        message["timestamp"] ??= GeminiHomeWriter.Time(_clock);
        _metadata["lastUpdated"] = GeminiHomeWriter.Time(_clock);
        if (_legacy)
        {
            int at = _legacyMessages.FindIndex(m => m["id"]?.GetValue<string>() == message["id"]?.GetValue<string>());
            if (at >= 0) _legacyMessages[at] = message;
            else _legacyMessages.Add(message);
        }
        else
        {
            _lines.Add(GeminiHomeWriter.Json(message));
            _lines.Add(GeminiHomeWriter.Json(new JsonObject { ["$set"] = new JsonObject { ["lastUpdated"] = GeminiHomeWriter.Time(_clock) } }));
        }
        return this;
    }

    /// <summary>A <c>{"$set": {...}}</c> line (legacy: merged into the document).</summary>
    public GeminiSessionWriter Set(JsonObject fields)
    {
        foreach (var (name, value) in fields)
        {
            if (name == "messages" && _legacy)
            {
                _legacyMessages.Clear();
                _legacyMessages.AddRange(value!.AsArray().Select(m => (JsonObject)m!.DeepClone()));
            }
            else if (name != "messages")
            {
                _metadata[name] = value?.DeepClone();
            }
        }
        if (!_legacy) _lines.Add(GeminiHomeWriter.Json(new JsonObject { ["$set"] = fields.DeepClone() }));
        return this;
    }

    public GeminiSessionWriter Summary(string summary) => Set(new JsonObject { ["summary"] = summary });

    public GeminiSessionWriter RewindTo(string messageId)
    {
        _lines.Add(GeminiHomeWriter.Json(new JsonObject { ["$rewindTo"] = messageId }));
        return this;
    }

    /// <summary>A line exactly as given (a torn or corrupt line for tests).</summary>
    public GeminiSessionWriter Raw(string line)
    {
        _lines.Add(line);
        return this;
    }

    public GeminiSessionWriter Kind(string kind)
    {
        _metadata["kind"] = kind;
        if (!_legacy) _lines[0] = GeminiHomeWriter.Json(_metadata);
        return this;
    }

    public string Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        if (_legacy)
        {
            var document = (JsonObject)_metadata.DeepClone();
            document["messages"] = new JsonArray([.. _legacyMessages.Select(m => (JsonNode)m.DeepClone())]);
            File.WriteAllText(FilePath, GeminiHomeWriter.Json(document, pretty: true));
        }
        else
        {
            File.WriteAllText(FilePath, string.Join('\n', _lines) + "\n");
        }
        var time = Timestamps(_metadata["lastUpdated"]!.GetValue<string>());
        File.SetLastWriteTimeUtc(FilePath, time.UtcDateTime);
        return FilePath;
    }

    /// <summary>sha256 of the project path, as Gemini records it (a sha256 folder is its own name).</summary>
    private static string ProjectHash(string projectFolder)
    {
        string marker = Path.Combine(projectFolder, ".project_root");
        return File.Exists(marker) ? GeminiProjects.HashOf(File.ReadAllText(marker).Trim()) : Path.GetFileName(projectFolder);
    }

    private static DateTimeOffset Timestamps(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
