using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Lifecycle;

/// <summary>
/// Builds a whole new session folder out of sight (a hidden folder in the store root, which
/// listings skip) and moves it into place in one rename, so a session made by import or merge
/// is either complete or absent, never half there. Disposing removes what was not published;
/// after a kill, <c>doctor</c> finds the folder by its name (see <see cref="WorkFolderName"/>).
/// </summary>
internal sealed class NewSessionFolder : IDisposable
{
    private readonly NativeStore _store;

    /// <summary>What the folders are made for, in their names: doctor looks for leftovers of each.</summary>
    public static readonly string[] Purposes = ["import", "merge"];

    public NewSessionFolder(NativeStore store, string purpose)
    {
        _store = store;
        Directory.CreateDirectory(store.Root);
        Path = System.IO.Path.Combine(store.Root, WorkFolderName.New(purpose));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The hidden folder to fill.</summary>
    public string Path { get; }

    public bool Published { get; private set; }

    /// <summary><paramref name="preferredId"/> when no session uses it, else a fresh id.</summary>
    public string ChooseId(string? preferredId) =>
        preferredId is not null && _store.IsFreeId(preferredId) ? preferredId : FreshId();

    /// <summary>Moves the folder into place as session <paramref name="id"/>; fails rather than replace anything.</summary>
    public void Publish(string id)
    {
        if (!_store.IsFreeId(id)) throw new IOException($"session {id} appeared while this one was being written; nothing was replaced");
        Directory.Move(Path, _store.SessionDir(id));
        Published = true;
    }

    /// <summary>A new id no session uses (see <see cref="NativeStore.NewId"/>).</summary>
    public string FreshId() => _store.NewId();

    public void Dispose()
    {
        if (!Published && Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
