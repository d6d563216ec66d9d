using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionBrowser.Core.Stores.Qwen;

/// <summary>
/// Writes Qwen Code transcripts the way Qwen 0.24 does (one JSON record a line, uuid chain,
/// Gemini-style parts, usageMetadata on model turns, custom_title system lines), for tests,
/// the demo and the benchmark. A session is built turn by turn, then written.
/// </summary>
public sealed class QwenHomeWriter(string home)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Home { get; } = Path.GetFullPath(home);

    /// <summary>A new session of the project at <paramref name="cwd"/>, starting at <paramref name="start"/>.</summary>
    public Session Begin(string cwd, string id, DateTimeOffset start, string model = "qwen3-coder-plus") => new(this, cwd, id, start, model);

    /// <summary>Where Qwen keeps the project's sessions.</summary>
    public string ChatsFolder(string cwd, bool archived = false) =>
        QwenFiles.ChatsFolder(Path.Combine(Home, QwenFiles.ProjectsFolder, QwenFiles.ProjectKey(cwd)), archived);

    public sealed class Session
    {
        private readonly QwenHomeWriter _writer;
        private readonly List<string> _lines = [];
        private readonly string _model;
        private string? _parent;
        private DateTimeOffset _time;
        private int _calls;

        internal Session(QwenHomeWriter writer, string cwd, string id, DateTimeOffset start, string model)
        {
            _writer = writer;
            Cwd = cwd;
            Id = id;
            _time = start;
            _model = model;
        }

        public string Cwd { get; }
        public string Id { get; }

        /// <summary>The time of the last record written.</summary>
        public DateTimeOffset Time => _time;

        public Session User(string text, TimeSpan? after = null) =>
            Add("user", "real_user", after, new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = text }) });

        /// <summary>A model turn: its text, an optional tool call, and token usage.</summary>
        public Session Assistant(string text, int promptTokens, int outputTokens, (string Name, JsonObject Args)? call = null, TimeSpan? after = null)
        {
            var parts = new JsonArray();
            if (text.Length > 0) parts.Add((JsonNode?)new JsonObject { ["text"] = text });
            if (call is { } c)
                parts.Add((JsonNode?)new JsonObject { ["functionCall"] = new JsonObject { ["id"] = $"call_{++_calls}", ["name"] = c.Name, ["args"] = c.Args } });
            return Add("assistant", "assistant_output", after, new JsonObject { ["role"] = "model", ["parts"] = parts }, record =>
            {
                record["model"] = _model;
                record["usageMetadata"] = new JsonObject
                {
                    ["promptTokenCount"] = promptTokens, ["candidatesTokenCount"] = outputTokens,
                    ["cachedContentTokenCount"] = 0, ["totalTokenCount"] = promptTokens + outputTokens,
                };
            });
        }

        /// <summary>The result of the last tool call.</summary>
        public Session ToolResult(string name, string output, TimeSpan? after = null)
        {
            string callId = $"call_{_calls}";
            var response = new JsonObject { ["id"] = callId, ["name"] = name, ["response"] = new JsonObject { ["output"] = output } };
            return Add("tool_result", "tool_result", after,
                new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["functionResponse"] = response }) },
                record => record["toolCallResult"] = new JsonObject { ["callId"] = callId, ["status"] = "success", ["resultDisplay"] = $"{name} done" });
        }

        /// <summary>A custom_title system line, as /rename writes it.</summary>
        public Session Title(string title, TimeSpan? after = null) =>
            Add("system", "system", after, null, record =>
            {
                record["subtype"] = "custom_title";
                record["systemPayload"] = new JsonObject { ["customTitle"] = title, ["titleSource"] = "manual" };
            });

        /// <summary>A raw line as it is (a torn or foreign line, for fault tests).</summary>
        public Session Raw(string line)
        {
            _lines.Add(line);
            return this;
        }

        /// <summary>Writes chats/&lt;id&gt;.jsonl (or chats/archive/); its time is the last record's. Returns the path.</summary>
        public string Write(bool archived = false)
        {
            string folder = _writer.ChatsFolder(Cwd, archived);
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, Id + ".jsonl");
            var text = new StringBuilder();
            foreach (string line in _lines) text.Append(line).Append('\n');
            File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
            File.SetLastWriteTimeUtc(path, _time.UtcDateTime);
            return path;
        }

        private Session Add(string type, string provenance, TimeSpan? after, JsonObject? message, Action<JsonObject>? extra = null)
        {
            _time += after ?? TimeSpan.FromSeconds(5);
            string uuid = Guid.NewGuid().ToString();
            var record = new JsonObject
            {
                ["uuid"] = uuid, ["parentUuid"] = _parent, ["sessionId"] = Id,
                ["timestamp"] = _time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["type"] = type, ["provenance"] = provenance, ["cwd"] = Cwd, ["version"] = "0.24.4", ["gitBranch"] = "main",
            };
            if (message is not null) record["message"] = message;
            extra?.Invoke(record);
            _lines.Add(record.ToJsonString(Compact));
            _parent = uuid;
            return this;
        }
    }
}
