using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// A finder that is the store's own Find with what a listing shares worked out once (who is
/// live, the name index, the time) instead of once per session: a first list of 20,000 agent
/// sessions asked for them 20,000 times (a folder listing and a stat or two each). The row is the
/// one <see cref="ISessionStore.Find"/> gives.
/// </summary>
internal sealed class SummaryFinder(Func<string, SessionSummary?> find) : ISessionFinder
{
    public SessionSummary? Find(string id, out FileStamp? messages)
    {
        messages = null;
        return find(id);
    }

    public void Dispose()
    {
    }
}
