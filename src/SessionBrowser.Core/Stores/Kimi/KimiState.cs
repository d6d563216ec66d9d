using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Kimi;

/// <summary>
/// state.json, the session's settings Kimi CLI rewrites as one <c>json.dumps</c> line:
/// <c>custom_title</c> (the user's title) and <c>archived</c> are what a list needs. Kimi
/// reads a broken file as defaults; we do too, and say so.
/// </summary>
internal sealed record KimiState(string? CustomTitle, bool Archived, string? Problem)
{
    private const string TitleField = "custom_title";

    public static readonly KimiState Default = new(null, false, null);

    /// <summary>
    /// What a session folder without state.json gets when renamed: Kimi CLI's default state
    /// (its SessionState model in field order), in the form Kimi writes it.
    /// </summary>
    private const string DefaultDocument =
        "{\"version\": 1, \"approval\": {\"yolo\": false, \"afk\": false, \"auto_approve_actions\": []}, \"additional_dirs\": [], " +
        "\"custom_title\": null, \"title_generated\": false, \"title_generate_attempts\": 0, \"plan_mode\": false, " +
        "\"plan_session_id\": null, \"plan_slug\": null, \"wire_mtime\": null, \"archived\": false, \"archived_at\": null, " +
        "\"auto_archive_exempt\": false, \"todos\": []}";

    public static KimiState Read(string file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Default with { Problem = $"{KimiLayout.StateFile} cannot be read: {e.Message}" };
        }
        try
        {
            var values = KimiJsonEdit.Values(bytes);
            return new KimiState(
                values.FirstOrDefault(v => v.Path == TitleField).Text is { Length: > 0 } title ? title : null,
                values.Any(v => v.Path == "archived" && v.Type == JsonTokenType.True),
                null);
        }
        catch (JsonException e)
        {
            return Default with { Problem = $"{KimiLayout.StateFile} is not valid JSON ({e.Message}); Kimi CLI uses its defaults" };
        }
    }

    /// <summary>
    /// Sets custom_title by replacing only its value's bytes (every other field stays exactly as
    /// Kimi wrote it), atomically. A file without the field gets it first; a folder without the
    /// file gets Kimi's default state. An unreadable file is refused: Kimi's own next write would
    /// replace it, ours must not guess.
    /// </summary>
    public static void SetTitle(string file, string title)
    {
        byte[] encoded = KimiJsonEdit.String(title);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException)
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(DefaultDocument);
        }
        List<JsonValueSpan> values;
        try
        {
            values = KimiJsonEdit.Values(bytes);
        }
        catch (JsonException e)
        {
            throw new SessionRefusedException($"{file} is not valid JSON ({e.Message}); it is left as it is");
        }
        var span = values.FirstOrDefault(v => v.Path == TitleField);
        byte[] updated;
        if (span.Path is not null)
        {
            updated = KimiJsonEdit.Replace(bytes, span, encoded);
        }
        else
        {
            int brace = bytes.AsSpan().IndexOfAnyExcept(" \t\r\n"u8);
            if (brace < 0 || bytes[brace] != (byte)'{') throw new SessionRefusedException($"{file} is not a JSON object; it is left as it is");
            bool empty = values.Count == 0 && bytes.AsSpan(brace + 1).Trim(" \t\r\n"u8).StartsWith("}"u8);
            updated = [.. bytes[..(brace + 1)], .. "\"custom_title\": "u8, .. encoded, .. (empty ? ""u8 : ", "u8), .. bytes[(brace + 1)..]];
        }
        AtomicFile.WriteAllBytes(file, updated);
    }
}
