using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Commands;

/// <summary>
/// For commands that copy the native layout itself (merge, export to zip): native sessions only,
/// readable ones (see <see cref="Editable"/>).
/// </summary>
internal static class NativeSession
{
    public static (NativeStore Store, SessionSummary Session) Require(SessionMatch match, string action)
    {
        if (match.Store is not NativeStore store)
            throw new CliException($"{match.Session.Ref} is a {match.Store.Source} session; only native sessions can be {action}");
        var (_, session) = Editable.Require(match, action);
        return (store, session);
    }
}
