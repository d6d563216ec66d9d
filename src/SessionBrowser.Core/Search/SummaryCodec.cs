using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Search;

/// <summary>
/// A session summary as the index stores it: JSON written and read field by field. The
/// serializer's first call costs ~50 ms of start-up in every process, a third of a
/// <c>list</c>; this costs none. The metadata goes through the native mapping, unknown fields kept.
/// </summary>
internal static class SummaryCodec
{
    public static string Write(SessionSummary s)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
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
            Text(json, "model", s.Model);
            Text(json, "description", s.Description);
            Text(json, "damaged", s.Damaged);
            Text(json, "deletion_warning", s.DeletionWarning);
            json.WriteString("path", s.Path);
            if (s.Metadata is { } meta)
            {
                json.WritePropertyName("metadata");
                NativeJson.WriteMetadata(meta).WriteTo(json);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static SessionSummary Read(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        string source = "", id = "", title = "", status = SessionStatus.Paused, path = "";
        string? task = null, workDir = null, model = null, description = null, damaged = null, warning = null;
        DateTimeOffset? created = null, last = null;
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
                case "source": source = reader.GetString()!; break;
                case "id": id = reader.GetString()!; break;
                case "title": title = reader.GetString()!; break;
                case "status": status = reader.GetString()!; break;
                case "liveness": liveness = reader.GetInt32(); break;
                case "created": created = TimeOf(ref reader); break;
                case "last": last = TimeOf(ref reader); break;
                case "messages": messages = reader.GetInt32(); break;
                case "tokens": tokens = reader.GetInt64(); break;
                case "cost": cost = reader.GetDouble(); break;
                case "steps": steps = reader.GetInt32(); break;
                case "progress": progress = reader.GetDouble(); break;
                case "task": task = reader.GetString(); break;
                case "tags":
                    while (reader.Read() && reader.TokenType == JsonTokenType.String) tags.Add(reader.GetString()!);
                    break;
                case "work_dir": workDir = reader.GetString(); break;
                case "model": model = reader.GetString(); break;
                case "description": description = reader.GetString(); break;
                case "damaged": damaged = reader.GetString(); break;
                case "deletion_warning": warning = reader.GetString(); break;
                case "path": path = reader.GetString()!; break;
                case "metadata":
                    long start = reader.TokenStartIndex;
                    reader.Skip();
                    var node = JsonNode.Parse(bytes.AsSpan((int)start, (int)(reader.BytesConsumed - start)));
                    metadata = NativeJson.ReadMetadata(node, id, out _);
                    break;
                default: reader.Skip(); break;
            }
        }
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
            Model = model,
            Description = description,
            Damaged = damaged,
            DeletionWarning = warning,
            Path = path,
            Metadata = metadata,
        };
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time) json.WriteString(name, time.ToString("O", CultureInfo.InvariantCulture));
        else json.WriteNull(name);
    }

    private static DateTimeOffset? TimeOf(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
