using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// Optional capability of a store that reads many sessions' summaries in a row for less than one
/// <see cref="ISessionStore.Find"/> each (a first list reads all 10,000): the native store keeps
/// its folder open and reads each session by names relative to it. Stores without it are asked
/// one <see cref="ISessionStore.Find"/> per session.
/// </summary>
public interface IBatchFind
{
    /// <summary>A finder for the sessions read next; dispose of it when they are read.</summary>
    ISessionFinder OpenFinder();
}

/// <summary>What <see cref="ISessionStore.Find"/> gives, the same row for the same files; usable from several threads at once.</summary>
public interface ISessionFinder : IDisposable
{
    /// <param name="id">The session.</param>
    /// <param name="messages">
    /// When the title was read from the session's messages file (it has no description), that
    /// file's stamp taken before it was read, as <see cref="IStampedStore.StampOf"/> gives it;
    /// null when none was taken (the caller stamps the file itself if it needs to).
    /// </param>
    SessionSummary? Find(string id, out FileStamp? messages);
}
