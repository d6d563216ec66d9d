using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// Writes a Codex home the way Codex 0.171 lays it out: rollouts by date (or archived, plain or
/// zstd), session_index.jsonl names, shell snapshots, and state_5.sqlite / thread_history_1.sqlite
/// with the tables (as Codex 0.171 creates them, the columns we fill) that tie rows to a thread.
/// </summary>
public sealed class CodexHomeWriter(string home)
{
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CodexHome _home = new(Path.GetFullPath(home));
    private readonly List<CodexRolloutWriter> _saved = [];

    public string Home => _home.Root;

    public CodexRolloutWriter Session(string id, DateTimeOffset start, string cwd, CodexEventStyle style = CodexEventStyle.Legacy,
        bool archived = false, bool compressed = false, string source = "cli", string model = "gpt-5-codex", string? branch = "main")
    {
        string name = $"rollout-{start.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss", CultureInfo.InvariantCulture)}-{id}.jsonl" + (compressed ? ".zst" : "");
        string folder = archived ? _home.Archived
            : Path.Combine(_home.Sessions, start.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture),
                start.UtcDateTime.ToString("MM", CultureInfo.InvariantCulture), start.UtcDateTime.ToString("dd", CultureInfo.InvariantCulture));
        return new CodexRolloutWriter(Path.Combine(folder, name), id, start, cwd, style, source, model, branch);
    }

    /// <summary>Writes the rollout (zstd-compressed when its name says so) and remembers it for the databases.</summary>
    public string Save(CodexRolloutWriter rollout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(rollout.Path)!);
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(rollout.Lines.Select(line => line + "\n")));
        if (rollout.Path.EndsWith(".zst", StringComparison.Ordinal))
        {
            using var compressor = new Compressor(3);
            bytes = compressor.Wrap(bytes).ToArray();
        }
        File.WriteAllBytes(rollout.Path, bytes);
        File.SetLastWriteTimeUtc(rollout.Path, rollout.LastTime.UtcDateTime);
        _saved.Add(rollout);
        return rollout.Path;
    }

    /// <summary>A rename as Codex records it: one appended session_index.jsonl line.</summary>
    public void Name(string id, string name, DateTimeOffset at)
    {
        Directory.CreateDirectory(Home);
        CodexNames.Append(_home.Index, id, name, at);
    }

    /// <summary>A shell snapshot like Codex's (<c>shell_snapshots/&lt;id&gt;.&lt;time&gt;.sh</c>).</summary>
    public string ShellSnapshot(string id, DateTimeOffset at)
    {
        Directory.CreateDirectory(_home.Snapshots);
        string path = Path.Combine(_home.Snapshots, $"{id}.{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.sh");
        File.WriteAllText(path, "# Snapshot file\nunset -f $(declare -F | cut -d' ' -f3) 2>/dev/null\nexport PATH=/usr/local/bin:/usr/bin:/bin\nalias ll='ls -l'\n");
        return path;
    }

    /// <summary>state_5.sqlite (threads rows of every saved rollout) and thread_history_1.sqlite (one turn and its items each).</summary>
    public void WriteDatabases()
    {
        SQLitePCL.Batteries_V2.Init();
        Directory.CreateDirectory(Home);
        using (var state = Open(_home.State))
        {
            Execute(state, ThreadsTable);
            using var transaction = state.BeginTransaction();
            foreach (var rollout in _saved) InsertThread(state, rollout);
            transaction.Commit();
        }
        using (var history = Open(_home.History))
        {
            Execute(history, HistoryTables);
            using var transaction = history.BeginTransaction();
            foreach (var rollout in _saved) InsertHistory(history, rollout);
            transaction.Commit();
        }
    }

    private void InsertThread(SqliteConnection connection, CodexRolloutWriter rollout)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT OR REPLACE INTO threads (id, rollout_path, created_at, updated_at, source, model_provider, cwd, title, sandbox_policy,
                approval_mode, tokens_used, has_user_event, archived, git_branch, cli_version, first_user_message, model, created_at_ms,
                updated_at_ms, preview, recency_at, recency_at_ms, originator)
            VALUES ($id, $path, $created, $updated, 'cli', 'openai', $cwd, $title, '{"type":"workspace-write"}', 'on-request', $tokens, 1,
                $archived, 'main', '0.171.0', $title, $model, $created_ms, $updated_ms, $title, $updated, $updated_ms, 'codex-tui')
            """;
        insert.Parameters.AddWithValue("$id", rollout.Id);
        insert.Parameters.AddWithValue("$path", rollout.Path);
        insert.Parameters.AddWithValue("$created", rollout.Started.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("$updated", rollout.LastTime.ToUnixTimeSeconds());
        insert.Parameters.AddWithValue("$created_ms", rollout.Started.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$updated_ms", rollout.LastTime.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$cwd", rollout.Cwd);
        insert.Parameters.AddWithValue("$title", rollout.FirstPrompt ?? "");
        insert.Parameters.AddWithValue("$tokens", rollout.Tokens);
        insert.Parameters.AddWithValue("$archived", rollout.Path.Contains(CodexHome.ArchivedFolder, StringComparison.Ordinal) ? 1 : 0);
        insert.Parameters.AddWithValue("$model", rollout.Model);
        insert.ExecuteNonQuery();
    }

    private static void InsertHistory(SqliteConnection connection, CodexRolloutWriter rollout)
    {
        using var turn = connection.CreateCommand();
        turn.CommandText = """
            INSERT OR REPLACE INTO thread_turns (thread_id, turn_id, rollout_ordinal, status, started_at, completed_at, first_user_item_id)
            VALUES ($id, 'rollout-3', 3, 'completed', $started, $completed, 'item-1');
            INSERT OR REPLACE INTO thread_items (thread_id, turn_id, item_id, rollout_ordinal, created_at_ms, item_json, item_type)
            VALUES ($id, 'rollout-3', 'item-1', 4, $started_ms, $json, 'userMessage');
            INSERT OR REPLACE INTO thread_history_projection_state (thread_id, next_rollout_byte_offset, next_rollout_ordinal)
            VALUES ($id, 0, 0);
            """;
        turn.Parameters.AddWithValue("$id", rollout.Id);
        turn.Parameters.AddWithValue("$started", rollout.Started.ToUnixTimeSeconds());
        turn.Parameters.AddWithValue("$completed", rollout.LastTime.ToUnixTimeSeconds());
        turn.Parameters.AddWithValue("$started_ms", rollout.Started.ToUnixTimeMilliseconds());
        turn.Parameters.AddWithValue("$json", new JsonObject
        {
            ["type"] = "userMessage",
            ["id"] = "item-1",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = rollout.FirstPrompt ?? "" }),
        }.ToJsonString());
        turn.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    // As codex 0.171 creates them (read from a state_5.sqlite it made), the columns a thread needs.
    private const string ThreadsTable = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS threads (
            id TEXT PRIMARY KEY, rollout_path TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            source TEXT NOT NULL, model_provider TEXT NOT NULL, cwd TEXT NOT NULL, title TEXT NOT NULL,
            sandbox_policy TEXT NOT NULL, approval_mode TEXT NOT NULL, tokens_used INTEGER NOT NULL DEFAULT 0,
            has_user_event INTEGER NOT NULL DEFAULT 0, archived INTEGER NOT NULL DEFAULT 0, archived_at INTEGER,
            git_sha TEXT, git_branch TEXT, git_origin_url TEXT, cli_version TEXT NOT NULL DEFAULT '',
            first_user_message TEXT NOT NULL DEFAULT '', agent_nickname TEXT, agent_role TEXT,
            memory_mode TEXT NOT NULL DEFAULT 'enabled', model TEXT, reasoning_effort TEXT, agent_path TEXT,
            created_at_ms INTEGER, updated_at_ms INTEGER, thread_source TEXT, preview TEXT NOT NULL DEFAULT '',
            recency_at INTEGER NOT NULL DEFAULT 0, recency_at_ms INTEGER NOT NULL DEFAULT 0,
            history_mode TEXT NOT NULL DEFAULT 'legacy', name TEXT, is_pinned INTEGER NOT NULL DEFAULT 0, originator TEXT);
        CREATE INDEX IF NOT EXISTS idx_threads_updated_at ON threads(updated_at DESC, id DESC);
        CREATE TABLE IF NOT EXISTS thread_dynamic_tools (
            thread_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
            input_schema TEXT NOT NULL, defer_loading INTEGER NOT NULL DEFAULT 0, namespace TEXT,
            PRIMARY KEY(thread_id, position), FOREIGN KEY(thread_id) REFERENCES threads(id) ON DELETE CASCADE);
        """;

    private const string HistoryTables = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS thread_turns (
            thread_id TEXT NOT NULL, turn_id TEXT NOT NULL, rollout_ordinal INTEGER NOT NULL, status TEXT NOT NULL,
            error_json TEXT, started_at INTEGER, completed_at INTEGER, duration_ms INTEGER, first_user_item_id TEXT,
            final_agent_item_id TEXT, rollout_byte_offset INTEGER, rollout_end_ordinal INTEGER, rollout_end_byte_offset INTEGER,
            root_turn_id TEXT, PRIMARY KEY (thread_id, turn_id));
        CREATE TABLE IF NOT EXISTS thread_items (
            thread_id TEXT NOT NULL, turn_id TEXT NOT NULL, item_id TEXT NOT NULL, rollout_ordinal INTEGER NOT NULL,
            created_at_ms INTEGER NOT NULL, item_json TEXT NOT NULL, item_type TEXT NOT NULL DEFAULT '',
            updated_at_ordinal INTEGER NOT NULL DEFAULT 0, started_at_ms INTEGER, completed_at_ms INTEGER,
            PRIMARY KEY (thread_id, turn_id, item_id));
        CREATE TABLE IF NOT EXISTS thread_history_projection_state (
            thread_id TEXT PRIMARY KEY, next_rollout_byte_offset INTEGER NOT NULL, next_rollout_ordinal INTEGER NOT NULL);
        """;
}
