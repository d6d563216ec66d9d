using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace SessionBrowser.Core.Stores.OpenCode;

/// <summary>
/// Writes opencode databases the way opencode 1.18 does (its schema, WAL, rows as <c>opencode
/// import</c> leaves them: the figures in the messages' data, the session's token columns 0), for
/// tests, the demo and the benchmark. A session is built message by message, then written.
/// </summary>
public sealed class OpenCodeHomeWriter(string folder)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private long _counter;

    /// <summary>opencode's data folder (what <see cref="OpenCodeStore"/> reads).</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    public string Database => Path.Combine(Folder, OpenCodeStore.DatabaseName);

    /// <summary>opencode 1.18.33's schema, as <c>.schema</c> prints it, with its migration rows.</summary>
    public static string Schema()
    {
        using var stream = typeof(OpenCodeHomeWriter).Assembly.GetManifestResourceStream("OpenCodeSchema.sql")
            ?? throw new InvalidOperationException("OpenCodeSchema.sql is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Creates the database with opencode's schema when there is none yet.</summary>
    public void Create()
    {
        if (File.Exists(Database)) return;
        Directory.CreateDirectory(Folder);
        using var connection = Open();
        Execute(connection, Schema());
    }

    /// <summary>An id as opencode's Identifier.ascending makes them: prefix, 12 hex digits of time, 14 more characters.</summary>
    public string NewId(string prefix, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}_{time.ToUnixTimeMilliseconds():x12}{++_counter:D14}");

    /// <summary>A new session in <paramref name="directory"/>, starting at <paramref name="start"/>.</summary>
    public Session Begin(string directory, string id, DateTimeOffset start, string title, string model = "claude-sonnet-4") =>
        new(this, directory, id, start, title, model);

    internal SqliteConnection Open()
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Database,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    internal static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    public sealed class Session
    {
        private readonly OpenCodeHomeWriter _writer;
        private readonly string _model;
        private readonly List<(string Id, long Time, string Data)> _messages = [];
        private readonly List<(string Id, string MessageId, long Time, string Data)> _parts = [];
        private readonly DateTimeOffset _start;
        private string? _parent;
        private long? _archived;
        private string? _lastUser;

        internal Session(OpenCodeHomeWriter writer, string directory, string id, DateTimeOffset start, string title, string model)
        {
            _writer = writer;
            Directory = directory;
            Id = id;
            Title = title;
            _start = start;
            Time = start;
            _model = model;
        }

        public string Directory { get; }
        public string Id { get; }
        public string Title { get; }

        /// <summary>The time of the last message written.</summary>
        public DateTimeOffset Time { get; private set; }

        public Session User(string text, TimeSpan? after = null)
        {
            string id = Message(after, new JsonObject
            {
                ["role"] = "user", ["agent"] = "build",
                ["model"] = new JsonObject { ["providerID"] = "anthropic", ["modelID"] = _model },
            });
            _lastUser = id;
            return Part(id, new JsonObject { ["type"] = "text", ["text"] = text });
        }

        /// <summary>An assistant message: optional reasoning, an optional tool call with its output, the answer, and its tokens and cost.</summary>
        public Session Assistant(string text, int input, int output, double cost, string? reasoning = null,
            (string Tool, JsonObject Input, string Output)? call = null, TimeSpan? after = null)
        {
            string id = Message(after, new JsonObject
            {
                ["role"] = "assistant",
                ["parentID"] = _lastUser, ["modelID"] = _model, ["providerID"] = "anthropic", ["mode"] = "build", ["agent"] = "build",
                ["path"] = new JsonObject { ["cwd"] = Directory, ["root"] = Directory },
                ["cost"] = cost,
                ["tokens"] = new JsonObject
                {
                    ["input"] = input, ["output"] = output, ["reasoning"] = 0,
                    ["cache"] = new JsonObject { ["read"] = 0, ["write"] = 0 },
                },
            });
            Part(id, new JsonObject { ["type"] = "step-start" });
            if (reasoning is not null) Part(id, new JsonObject { ["type"] = "reasoning", ["text"] = reasoning, ["time"] = Span() });
            if (call is { } c)
            {
                Part(id, new JsonObject
                {
                    ["type"] = "tool", ["callID"] = $"call_{_writer._counter}", ["tool"] = c.Tool,
                    ["state"] = new JsonObject
                    {
                        ["status"] = "completed", ["input"] = c.Input, ["output"] = c.Output, ["title"] = c.Tool,
                        ["metadata"] = new JsonObject(), ["time"] = Span(),
                    },
                });
            }
            if (text.Length > 0) Part(id, new JsonObject { ["type"] = "text", ["text"] = text });
            return Part(id, new JsonObject { ["type"] = "step-finish", ["reason"] = "stop", ["cost"] = cost });
        }

        /// <summary>A part whose data is written as it is (not JSON, for fault tests), in the last message.</summary>
        public Session RawPart(string data)
        {
            _parts.Add((_writer.NewId("prt", Time), _messages[^1].Id, Ms(Time), data));
            return this;
        }

        /// <summary>A subagent's session: a child of <paramref name="parentId"/>.</summary>
        public Session ChildOf(string parentId)
        {
            _parent = parentId;
            return this;
        }

        public Session Archived(DateTimeOffset at)
        {
            _archived = Ms(at);
            return this;
        }

        /// <summary>Writes the session's rows in one transaction (the database made first when needed).</summary>
        public void Write()
        {
            _writer.Create();
            using var connection = _writer.Open();
            using var transaction = connection.BeginTransaction();
            Execute(connection, """
                INSERT OR IGNORE INTO project (id, worktree, time_created, time_updated, sandboxes) VALUES ('global', '/', $t, $t, '[]')
                """, ("$t", Ms(_start)));
            Execute(connection, """
                INSERT INTO session (id, project_id, parent_id, slug, directory, path, title, version, time_created, time_updated, time_archived)
                VALUES ($id, 'global', $parent, $slug, $dir, $path, $title, '1.18.33', $created, $updated, $archived)
                """,
                ("$id", Id), ("$parent", _parent), ("$slug", "session-" + Id[^6..].ToLowerInvariant()), ("$dir", Directory),
                ("$path", Directory.TrimStart('/')), ("$title", Title), ("$created", Ms(_start)), ("$updated", Ms(Time)), ("$archived", _archived));
            foreach (var (id, time, data) in _messages)
                Execute(connection, "INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES ($id, $s, $t, $t, $data)",
                    ("$id", id), ("$s", Id), ("$t", time), ("$data", data));
            foreach (var (id, message, time, data) in _parts)
                Execute(connection, "INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES ($id, $m, $s, $t, $t, $data)",
                    ("$id", id), ("$m", message), ("$s", Id), ("$t", time), ("$data", data));
            transaction.Commit();
        }

        private string Message(TimeSpan? after, JsonObject data)
        {
            Time += after ?? TimeSpan.FromSeconds(5);
            var time = new JsonObject { ["created"] = Ms(Time) };
            if ((string?)data["role"] == "assistant") time["completed"] = Ms(Time) + 2000;
            data.Insert(1, "time", time);
            string id = _writer.NewId("msg", Time);
            _messages.Add((id, Ms(Time), data.ToJsonString(Compact)));
            return id;
        }

        private Session Part(string messageId, JsonObject data)
        {
            _parts.Add((_writer.NewId("prt", Time), messageId, Ms(Time), data.ToJsonString(Compact)));
            return this;
        }

        private JsonObject Span() => new() { ["start"] = Ms(Time), ["end"] = Ms(Time) + 1000 };

        private static long Ms(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
    }
}
