using System.Globalization;
using SessionBrowser.Core.Model;
using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Commands.Output;

/// <summary>How the command line words a session's facts, the same in every command.</summary>
internal static class SessionWording
{
    /// <summary>The one status word a person needs (see <see cref="SessionSummary.DisplayStatus"/>).</summary>
    public static string Status(SessionSummary session) => OneLine(session.DisplayStatus);

    /// <summary>The title with what a person must notice: why it is damaged, and that its agent is about to delete it.</summary>
    public static string TitleWithMarks(SessionSummary session)
    {
        string title = session.Damaged is { } reason ? $"{session.Title} ({reason})" : session.Title;
        return session.DeletionWarning is null ? title : "⚠ expiring: " + title;
    }

    /// <summary>"3 hours ago"; "unknown" when the time could not be read.</summary>
    public static string Age(DateTimeOffset? time, TimeProvider clock) =>
        time is { } t ? RelativeTime.Describe(t, clock.GetUtcNow()) : "unknown";

    public static string Cost(double dollars) => dollars.ToString("$0.00", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "unknown";

    /// <summary>Session text is data, not terminal commands: escape sequences and control characters (but newline and tab) go.</summary>
    public static string Printable(string text) => TextSanitizer.Clean(text);

    /// <summary>One line: newlines and runs of spaces become single spaces.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', Printable(text).Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
