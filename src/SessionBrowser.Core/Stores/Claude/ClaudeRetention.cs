using System.Globalization;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>
/// Claude's <c>cleanupPeriodDays</c> from settings.json in its config folder (default 30): at
/// every start Claude deletes the transcripts not written for longer than that; 0 deletes them
/// all. A settings file that cannot be read is taken as the default, since Claude then runs
/// with its defaults too.
/// </summary>
public sealed record ClaudeRetention(int Days, string? Problem)
{
    public const int DefaultDays = 30;

    public const string SettingsFile = "settings.json";

    public static ClaudeRetention Load(string claudeHome)
    {
        string path = Path.Combine(claudeHome, SettingsFile);
        try
        {
            if (!File.Exists(path)) return new ClaudeRetention(DefaultDays, null);
            using var document = JsonDocument.Parse(File.ReadAllBytes(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("cleanupPeriodDays", out var days) && days.ValueKind == JsonValueKind.Number)
            {
                return days.TryGetInt32(out int value) && value >= 0
                    ? new ClaudeRetention(value, null)
                    : new ClaudeRetention(DefaultDays, $"cleanupPeriodDays {days.GetRawText()} is not a whole number of days; Claude uses {DefaultDays}");
            }
            return new ClaudeRetention(DefaultDays, null);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return new ClaudeRetention(DefaultDays, $"{path} cannot be read ({e.Message}); Claude uses {DefaultDays} days");
        }
    }

    public string Policy => Days == 0
        ? "Claude deletes every transcript at its next start (cleanupPeriodDays is 0)"
        : string.Create(CultureInfo.InvariantCulture, $"Claude deletes transcripts not written for {Days} days at its next start (cleanupPeriodDays)");

    /// <summary>Why Claude deletes a transcript last written at <paramref name="lastWrite"/> at its next start; null when it keeps it.</summary>
    public string? Warning(DateTimeOffset lastWrite, DateTimeOffset now)
    {
        if (Days == 0) return "Claude will delete this at its next start (cleanupPeriodDays is 0)";
        return lastWrite < now - TimeSpan.FromDays(Days)
            ? string.Create(CultureInfo.InvariantCulture, $"Claude will delete this at its next start (not written for more than {Days} days; cleanupPeriodDays)")
            : null;
    }
}
