using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Codex;

/// <summary>
/// <c>session_index.jsonl</c>: Codex's append-only name index, one <c>{id, thread_name, updated_at}</c>
/// per line, a later line for the same id being a rename. Codex's session list reads the name
/// from here (checked with codex 0.171: a line appended by hand is the name its app server lists,
/// while <c>threads.name</c> stays empty), so a rename is one appended line, written like Codex
/// writes it.
/// </summary>
internal static class CodexNames
{
    /// <summary>The latest entry of every id (a torn or foreign line is skipped).</summary>
    public static Dictionary<string, Entry> Read(string indexPath)
    {
        var names = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var line in JsonLines.ReadLines(indexPath))
        {
            if (Parse(line.Bytes.Span) is { } entry) names[entry.Id] = entry;
        }
        return names;
    }

    /// <summary>One name; a class, so the dictionary of thousands read on every listing runs precompiled code.</summary>
    public sealed record Entry(string Id, string Name, string? UpdatedAt);

    /// <summary>Appends <c>{"id":…,"thread_name":…,"updated_at":…}</c> with Codex's nanosecond UTC time.</summary>
    public static void Append(string indexPath, string id, string name, DateTimeOffset now)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("thread_name", name);
            writer.WriteString("updated_at", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }
        JsonLines.Append(indexPath, [Encoding.UTF8.GetString(buffer.ToArray())]);
    }

    /// <summary>
    /// Rewrites the file (atomically) without the session's lines; the removed lines, byte for byte
    /// and with their line numbers, go to <paramref name="keepFile"/> first. No lines: nothing written.
    /// </summary>
    public static int Remove(string indexPath, string id, string keepFile)
    {
        if (!File.Exists(indexPath)) return 0;
        var lines = Split(File.ReadAllBytes(indexPath));
        var removed = new List<(int Index, byte[] Bytes)>();
        for (int i = 0; i < lines.Count; i++)
            if (Parse(lines[i].AsSpan().TrimEnd("\r\n"u8)) is { } entry && entry.Id == id) removed.Add((i, lines[i]));
        if (removed.Count == 0) return 0;
        var kept = new JsonArray();
        foreach (var (index, bytes) in removed) kept.Add((JsonNode)new JsonObject { ["Index"] = index, ["Bytes"] = Convert.ToBase64String(bytes) });
        AtomicFile.WriteAllText(keepFile, kept.ToJsonString());
        var indexes = removed.Select(r => r.Index).ToHashSet();
        AtomicFile.WriteAllBytes(indexPath, Join(lines.Where((_, i) => !indexes.Contains(i))));
        return removed.Count;
    }

    /// <summary>Puts kept lines back at their line numbers (byte-identical when nothing else changed the file meanwhile).</summary>
    public static void Restore(string indexPath, string keepFile)
    {
        if (!File.Exists(keepFile)) return;
        var kept = ReadKept(File.ReadAllBytes(keepFile));
        var lines = File.Exists(indexPath) ? Split(File.ReadAllBytes(indexPath)) : [];
        foreach (var line in kept.OrderBy(k => k.Index))
        {
            int at = Math.Min(line.Index, lines.Count);
            // A line appended after an unterminated last line would join it: end that line first.
            if (at == lines.Count && at > 0 && lines[^1] is { Length: > 0 } last && last[^1] != '\n') lines[^1] = [.. last, (byte)'\n'];
            lines.Insert(at, Convert.FromBase64String(line.Bytes));
        }
        AtomicFile.WriteAllBytes(indexPath, Join(lines));
    }

    /// <summary>A removed line and where it was: <c>[{"Index": n, "Bytes": base64}, …]</c> in the keep file.</summary>
    private sealed record KeptLine(int Index, string Bytes);

    private static List<KeptLine> ReadKept(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(line => new KeptLine(line.GetProperty("Index").GetInt32(), line.GetProperty("Bytes").GetString() ?? ""))
            .ToList();
    }

    private static Entry? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            // A name with invalid text reads with replacement characters rather than not at all.
            var reader = new Utf8JsonReader(JsonTextRepair.Repaired(line) is { } repaired ? repaired : line);
            string? id = null, name = null, updated = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Read on every listing (thousands of lines): names compared as bytes, only wanted values made strings.
                int wanted = reader.ValueTextEquals("id"u8) ? 1 : reader.ValueTextEquals("thread_name"u8) ? 2 : reader.ValueTextEquals("updated_at"u8) ? 3 : 0;
                reader.Read();
                string? value = wanted > 0 && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                switch (wanted)
                {
                    case 1: id = value; break;
                    case 2: name = value; break;
                    case 3: updated = value; break;
                }
            }
            return id is null || name is null ? null : new Entry(id, name, updated);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The file's lines, each with its own line end (the last may have none).</summary>
    private static List<byte[]> Split(byte[] bytes)
    {
        var lines = new List<byte[]>();
        int start = 0;
        while (start < bytes.Length)
        {
            int newline = Array.IndexOf(bytes, (byte)'\n', start);
            int end = newline < 0 ? bytes.Length : newline + 1;
            lines.Add(bytes[start..end]);
            start = end;
        }
        return lines;
    }

    private static byte[] Join(IEnumerable<byte[]> lines) => [.. lines.SelectMany(line => line)];
}
