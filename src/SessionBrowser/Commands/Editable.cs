using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;

namespace SessionBrowser.Commands;

/// <summary>
/// For commands that change a session in place (rename, tag): any source, as long as its session
/// can be read; whether the source can do the change is its ability's to say.
/// </summary>
internal static class Editable
{
    public static (ISessionStore Store, SessionSummary Session) Require(SessionMatch match, string action)
    {
        if (match.Session.Damaged is { } reason)
            throw new CliException($"session {match.Session.Id} is damaged ({reason}); it cannot be {action}");
        return (match.Store, match.Session);
    }
}
