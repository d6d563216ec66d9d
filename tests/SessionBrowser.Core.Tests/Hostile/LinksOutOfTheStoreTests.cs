using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Hostile;

/// <summary>
/// Issue 14, items 1, 3 and 19: links inside the store (a session folder, an artifacts folder)
/// are never followed, so no repair, merge or write reaches a file outside the store.
/// </summary>
public sealed class LinksOutOfTheStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("hostile-links");
    private readonly NativeStore _store;
    private readonly string _outside;

    public LinksOutOfTheStoreTests()
    {
        _store = new NativeStore(_dir.Combine("store"));
        _outside = _dir.Combine("outside");
        Directory.CreateDirectory(_outside);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Doctor_never_deletes_temporary_files_behind_a_linked_artifacts_folder()
    {
        var session = _store.Create("/w", "m");
        string bait = Path.Combine(_outside, ".precious.tmp");
        File.WriteAllText(bait, "not ours");
        string artifacts = Path.Combine(_store.SessionDir(session.Id), NativeLayout.ArtifactsFolder);
        Directory.Delete(artifacts);
        Directory.CreateSymbolicLink(artifacts, _outside);

        var report = _store.Check(repair: true);

        Assert.True(File.Exists(bait));
        Assert.DoesNotContain(report.Problems, p => p.Problem.Contains(".precious.tmp"));
    }

    [Fact]
    public void Doctor_lists_a_linked_session_folder_as_damaged_and_deletes_nothing_behind_it()
    {
        File.WriteAllText(Path.Combine(_outside, NativeLayout.MetadataFile), """{"id": "evil", "status": "paused"}""");
        string bait = Path.Combine(_outside, ".precious.tmp");
        File.WriteAllText(bait, "not ours");
        Directory.CreateDirectory(_store.Root);
        Directory.CreateSymbolicLink(Path.Combine(_store.Root, "evil"), _outside);

        var report = _store.Check(repair: true);

        Assert.True(File.Exists(bait));
        var problem = Assert.Single(report.Problems, p => p.SessionId == "evil");
        Assert.Contains("symbolic link", problem.Problem);
        Assert.False(problem.Repaired);
    }

    [Fact]
    public void A_session_folder_linked_to_another_session_is_listed_once_whole_and_never_written_through()
    {
        var real = _store.Create("/w", "m", "the real one");
        Directory.CreateSymbolicLink(_store.SessionDir("twin"), _store.SessionDir(real.Id));

        var listed = _store.List();

        Assert.Single(listed, s => s.Damaged is null);
        var twin = Assert.Single(listed, s => s.Id == "twin");
        Assert.Contains("symbolic link", twin.Damaged);
        Assert.Throws<IOException>(() => SessionNaming.Rename(_store, "twin", "hijacked"));
        Assert.Equal("the real one", _store.Get(real.Id)!.Description);
        Assert.Equal(real.Id, _store.Get(real.Id)!.Id);
        Assert.Empty(_store.ReadMessages("twin"));
    }

    [Fact]
    public void Merge_skips_an_artifacts_folder_that_is_a_link()
    {
        File.WriteAllText(Path.Combine(_outside, "id_ed25519"), "PRIVATE KEY");
        var a = _store.Create("/w", "m");
        var b = _store.Create("/w", "m");
        _store.AppendMessage(a.Id, "user", "one");
        _store.AppendMessage(b.Id, "user", "two");
        string artifacts = Path.Combine(_store.SessionDir(a.Id), NativeLayout.ArtifactsFolder);
        Directory.Delete(artifacts);
        Directory.CreateSymbolicLink(artifacts, _outside);

        var merged = SessionMerger.Merge(_store, [a.Id, b.Id], "merged");

        var copied = Directory.EnumerateFiles(_store.SessionDir(merged.Merged.Id), "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(copied, f => Path.GetFileName(f) == "id_ed25519");
    }
}
