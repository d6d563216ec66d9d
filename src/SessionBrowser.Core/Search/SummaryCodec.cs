using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Search;

/// <summary>
/// A session summary as the index stores it: JSON written and read field by field. The
/// serializer's first call costs ~50 ms of start-up in every process, a third of a
/// <c>list</c>; this costs none. Unknown metadata fields are kept.
/// </summary>
internal static class SummaryCodec
{
    public static string Write(SessionSummary s)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Write(s, buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// How the index stores a summary: its own JSON, read only by <see cref="Read"/>, so non-ASCII
    /// text is kept as UTF-8 rather than \uXXXX escapes (a Chinese title took twice the bytes, and
    /// the default encoder's checks were a third of writing a first list's 10,000 rows), and the
    /// writer's structural checks are skipped (the fields are written in one fixed shape).
    /// Quotes, backslashes and control characters are still escaped: the text stays valid JSON.
    /// </summary>
    private static readonly JsonWriterOptions Stored = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>This thread's writer, pointed at the next buffer (one writer per summary was 10,000 objects in a first list).</summary>
    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>As <see cref="Write(SessionSummary)"/>, as UTF-8 into <paramref name="buffer"/> (what SQLite stores): no string made.</summary>
    public static void Write(SessionSummary s, ArrayBufferWriter<byte> buffer)
    {
        var json = _writer ??= new Utf8JsonWriter(buffer, Stored);
        json.Reset(buffer);
        try
        {
            json.WriteStartObject();
            json.WriteString("source", s.Ref.Source);
            json.WriteString("id", s.Ref.Id);
            json.WriteString("title", s.Title);
            json.WriteString("status", s.Status);
            json.WriteNumber("liveness", (int)s.Liveness);
            Time(json, "created", s.CreatedAt);
            Time(json, "last", s.LastActive);
            json.WriteNumber("messages", s.MessageCount);
            json.WriteNumber("tokens", s.TotalTokens);
            json.WriteNumber("cost", s.TotalCost);
            json.WriteNumber("steps", s.TotalSteps);
            json.WriteNumber("progress", s.Progress);
            Text(json, "task", s.CurrentTask);
            json.WriteStartArray("tags");
            foreach (var tag in s.Tags) json.WriteStringValue(tag);
            json.WriteEndArray();
            Text(json, "work_dir", s.WorkDir);
            Text(json, "git_branch", s.GitBranch);
            Text(json, "model", s.Model);
            Text(json, "description", s.Description);
            Text(json, "damaged", s.Damaged);
            Text(json, "deletion_warning", s.DeletionWarning);
            if (s.WrittenAt is not null) Time(json, "written", s.WrittenAt);
            json.WriteString("path", s.Path);
            if (s.Metadata is { } meta)
            {
                json.WritePropertyName("metadata");
                WriteMetadata(json, meta);
            }
            json.WriteEndObject();
            json.Flush();
        }
        finally
        {
            // The buffer is the caller's: the writer keeps no hold on it.
            json.Reset(Stream.Null);
        }
    }

    public static SessionSummary Read(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        string source = "", id = "", title = "", status = SessionStatus.Paused, path = "";
        string? task = null, workDir = null, gitBranch = null, model = null, description = null, damaged = null, warning = null;
        DateTimeOffset? created = null, last = null, written = null;
        int liveness = 0, messages = 0, steps = 0;
        long tokens = 0;
        double cost = 0, progress = 0;
        var tags = new List<string>();
        SessionMetadata? metadata = null;

        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "source": source = SharedStrings.Of(reader.GetString()!); break;
                case "id": id = reader.GetString()!; break;
                case "title": title = reader.GetString()!; break;
                case "status": status = SharedStrings.Of(reader.GetString()!); break;
                case "liveness": liveness = reader.GetInt32(); break;
                case "created": created = TimeOf(ref reader); break;
                case "last": last = TimeOf(ref reader); break;
                case "written": written = TimeOf(ref reader); break;
                case "messages": messages = reader.GetInt32(); break;
                case "tokens": tokens = reader.GetInt64(); break;
                case "cost": cost = reader.GetDouble(); break;
                case "steps": steps = reader.GetInt32(); break;
                case "progress": progress = reader.GetDouble(); break;
                case "task": task = reader.GetString(); break;
                case "tags":
                    while (reader.Read() && reader.TokenType == JsonTokenType.String) tags.Add(SharedStrings.Of(reader.GetString()!));
                    break;
                case "work_dir": workDir = SharedStrings.OfNullable(reader.GetString()); break;
                case "git_branch": gitBranch = SharedStrings.OfNullable(reader.GetString()); break;
                case "model": model = SharedStrings.OfNullable(reader.GetString()); break;
                case "description": description = reader.GetString(); break;
                case "damaged": damaged = reader.GetString(); break;
                case "deletion_warning": warning = reader.GetString(); break;
                case "path": path = reader.GetString()!; break;
                case "metadata": metadata = ReadMetadata(ref reader, bytes); break;
                default: reader.Skip(); break;
            }
        }
        // A title is most often the description itself, and the metadata repeats the summary's fields: one instance each.
        title = SharedStrings.Reuse(title, description)!;
        if (metadata is not null) tags = ShareWith(metadata, id, status, workDir, model, description, task, tags);
        return new SessionSummary
        {
            Ref = new SessionRef(source, id),
            Title = title,
            Status = status,
            Liveness = (Liveness)liveness,
            CreatedAt = created,
            LastActive = last,
            MessageCount = messages,
            TotalTokens = tokens,
            TotalCost = cost,
            TotalSteps = steps,
            Progress = progress,
            CurrentTask = task,
            Tags = tags,
            WorkDir = workDir,
            GitBranch = gitBranch,
            Model = model,
            Description = description,
            Damaged = damaged,
            DeletionWarning = warning,
            WrittenAt = written,
            Path = path,
            Metadata = metadata,
        };
    }

    /// <summary>
    /// Points the metadata's fields at the summary's equal strings (a row of 100,000 in the browser
    /// held each twice), and the summary's tags at the metadata's list when they are the same, as
    /// the native store's own reader does. Returns the tags for the summary.
    /// </summary>
    private static List<string> ShareWith(SessionMetadata m, string id, string status, string? workDir, string? model, string? description,
        string? task, List<string> tags)
    {
        m.Id = SharedStrings.Reuse(m.Id, id)!;
        m.Status = SharedStrings.Reuse(m.Status, status)!;
        m.WorkDir = SharedStrings.Reuse(m.WorkDir, workDir)!;
        m.Model = SharedStrings.Reuse(m.Model, model)!;
        m.Description = SharedStrings.Reuse(m.Description, description);
        m.CurrentTask = SharedStrings.Reuse(m.CurrentTask, task);
        if (!m.Tags.SequenceEqual(tags, StringComparer.Ordinal)) return tags;
        for (int i = 0; i < tags.Count; i++) m.Tags[i] = tags[i];
        return m.Tags;
    }

    // The metadata's fields one by one too; only unknown fields (rare) go through JsonNode.
    private static void WriteMetadata(Utf8JsonWriter json, SessionMetadata m)
    {
        json.WriteStartObject();
        json.WriteString("id", m.Id);
        json.WriteString("created_at", m.CreatedAt);
        json.WriteString("last_active", m.LastActive);
        json.WriteString("status", m.Status);
        json.WriteString("work_dir", m.WorkDir);
        json.WriteString("model", m.Model);
        json.WriteNumber("total_steps", m.TotalSteps);
        json.WriteNumber("message_count", m.MessageCount);
        json.WriteNumber("tool_calls", m.ToolCalls);
        json.WriteNumber("total_tokens", m.TotalTokens);
        json.WriteNumber("total_cost", m.TotalCost);
        json.WriteStartArray("tags");
        foreach (var tag in m.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        Text(json, "description", m.Description);
        Text(json, "current_task", m.CurrentTask);
        json.WriteNumber("progress", m.Progress);
        if (m.Extra.Count > 0)
        {
            json.WritePropertyName("extra");
            m.Extra.WriteTo(json);
        }
        json.WriteEndObject();
    }

    private static SessionMetadata ReadMetadata(ref Utf8JsonReader reader, byte[] bytes)
    {
        var m = new SessionMetadata();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "id": m.Id = reader.GetString()!; break;
                case "created_at": m.CreatedAt = reader.GetString()!; break;
                case "last_active": m.LastActive = reader.GetString()!; break;
                case "status": m.Status = reader.GetString()!; break;
                case "work_dir": m.WorkDir = reader.GetString()!; break;
                case "model": m.Model = reader.GetString()!; break;
                case "total_steps": m.TotalSteps = reader.GetInt32(); break;
                case "message_count": m.MessageCount = reader.GetInt32(); break;
                case "tool_calls": m.ToolCalls = reader.GetInt32(); break;
                case "total_tokens": m.TotalTokens = reader.GetInt64(); break;
                case "total_cost": m.TotalCost = reader.GetDouble(); break;
                case "tags":
                    while (reader.Read() && reader.TokenType == JsonTokenType.String) m.Tags.Add(reader.GetString()!);
                    break;
                case "description": m.Description = reader.GetString(); break;
                case "current_task": m.CurrentTask = reader.GetString(); break;
                case "progress": m.Progress = reader.GetDouble(); break;
                case "extra":
                    long start = reader.TokenStartIndex;
                    reader.Skip();
                    m.Extra = JsonNode.Parse(bytes.AsSpan((int)start, (int)(reader.BytesConsumed - start)))!.AsObject();
                    break;
                default: reader.Skip(); break;
            }
        }
        return m;
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    // The writer's round-trip form (fraction trimmed of trailing zeros), written with no string made; TimeOf reads it back.
    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time) json.WriteString(name, time);
        else json.WriteNull(name);
    }

    private static DateTimeOffset? TimeOf(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
