using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// For commands that write a session (rename, tag, merge, export to zip): they work on the
/// native store only, and on sessions whose metadata can be read.
/// </summary>
internal static class NativeSession
{
    public static (NativeStore Store, SessionSummary Session) Require(SessionMatch match, string action)
    {
        if (match.Store is not NativeStore store)
            throw new CliException($"{match.Session.Ref} is a {match.Store.Source} session; only native sessions can be {action}");
        if (match.Session.Damaged is { } reason)
            throw new CliException($"session {match.Session.Id} is damaged ({reason}); it cannot be {action}");
        return (store, match.Session);
    }
}
