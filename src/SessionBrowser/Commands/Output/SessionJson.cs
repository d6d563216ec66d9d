using System.Text.Json;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Commands.Output;

/// <summary>
/// The JSON shapes of the command line. Field names are those of metadata.json (FORMATS.md §1)
/// so a script that reads the store directly and one that reads our output see the same names.
/// </summary>
internal static class SessionJson
{
    /// <summary>
    /// One row of <c>list --json</c>: the metadata fields plus <c>source</c>, <c>title</c>,
    /// <c>live</c>, <c>interrupted</c>, <c>damaged</c> (null, or why the session cannot be read) and
    /// <c>deletion_warning</c> (null, or why its agent will delete it by itself, e.g. Gemini's retention).
    /// </summary>
    public static void WriteSummary(Utf8JsonWriter json, SessionSummary session)
    {
        var meta = session.Metadata;
        json.WriteStartObject();
        json.WriteString("id", session.Id);
        json.WriteString("source", session.Source);
        json.WriteString("title", session.Title);
        json.WriteString("status", session.Status);
        json.WriteBoolean("live", session.Liveness == Liveness.Live);
        json.WriteBoolean("interrupted", session.Liveness == Liveness.Interrupted);
        WriteStringOrNull(json, "damaged", session.Damaged);
        WriteStringOrNull(json, "deletion_warning", session.DeletionWarning);
        WriteStringOrNull(json, "created_at", meta?.CreatedAt ?? Format(session.CreatedAt));
        WriteStringOrNull(json, "last_active", meta?.LastActive ?? Format(session.LastActive));
        WriteStringOrNull(json, "work_dir", meta?.WorkDir ?? session.WorkDir);
        WriteStringOrNull(json, "git_branch", session.GitBranch);
        WriteStringOrNull(json, "model", meta?.Model ?? session.Model);
        json.WriteNumber("total_steps", meta?.TotalSteps ?? session.TotalSteps);
        json.WriteNumber("message_count", meta?.MessageCount ?? session.MessageCount);
        json.WriteNumber("tool_calls", meta?.ToolCalls ?? 0);
        json.WriteNumber("total_tokens", meta?.TotalTokens ?? session.TotalTokens);
        json.WriteNumber("total_cost", Money(meta?.TotalCost ?? session.TotalCost));
        WriteStrings(json, "tags", meta?.Tags ?? session.Tags);
        WriteStringOrNull(json, "description", meta?.Description ?? session.Description);
        WriteStringOrNull(json, "current_task", meta?.CurrentTask ?? session.CurrentTask);
        json.WriteNumber("progress", meta?.Progress ?? session.Progress);
        json.WriteEndObject();
    }

    /// <summary>One message of <c>show --json</c>: role, content, timestamp, metadata (null when absent).</summary>
    public static void WriteMessage(Utf8JsonWriter json, Message message)
    {
        json.WriteStartObject();
        json.WriteString("role", message.Role);
        json.WriteString("content", message.Content);
        WriteStringOrNull(json, "timestamp", message.Timestamp);
        json.WritePropertyName("metadata");
        if (message.Metadata is null) json.WriteNullValue();
        else message.Metadata.WriteTo(json);
        json.WriteEndObject();
    }

    /// <summary>Dollars to six places: sums of float costs print as 3.7058420000000005 otherwise.</summary>
    public static double Money(double dollars) => Math.Round(dollars, 6, MidpointRounding.AwayFromZero);

    public static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static string? Format(DateTimeOffset? time) => time is { } t ? Timestamps.Format(t) : null;
}
