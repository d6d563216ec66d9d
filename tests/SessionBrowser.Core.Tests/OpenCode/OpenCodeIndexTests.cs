using SessionBrowser.Core.Search;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.OpenCode;

/// <summary>An opencode database that cannot be read now never breaks the indexed list or search of the other sessions.</summary>
public sealed class OpenCodeIndexTests : IDisposable
{
    private readonly OpenCodeFixture _home = new();
    private readonly TempDirectory _other = new("opencode-other");

    public void Dispose()
    {
        _home.Dispose();
        _other.Dispose();
    }

    private CachedSources Sources(params ISessionStore[] stores) =>
        new(stores, new SearchOptions { CacheDirectory = _other.Combine("cache") });

    [Fact]
    public void A_database_that_is_not_sqlite_is_one_damaged_row_beside_the_others_in_the_index_and_search()
    {
        string broken = _other.Combine("broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "opencode.db"), new string('x', 4096));
        var search = Sources(_home.Store(), new OpenCodeStore(broken));

        for (int run = 0; run < 2; run++)
        {
            var rows = search.List().Select(m => m.Session).ToList();
            Assert.Equal(4, rows.Count);
            Assert.Contains("cannot be read", Assert.Single(rows, s => s.Damaged is not null).Damaged, StringComparison.Ordinal);
        }
        var hits = search.Search("tokenizer");
        Assert.Contains(hits.Hits, h => h.Session.Id == OpenCodeFixture.Parser);
    }

    [Fact]
    public void While_opencode_holds_an_exclusive_lock_the_index_keeps_what_it_had_and_says_so()
    {
        var indexed = Sources(_home.Store());
        indexed.Reconcile();
        Assert.Equal(3, indexed.List().Count());
        _home.Execute("PRAGMA journal_mode = DELETE");

        using var opencode = _home.Connect();
        using (var exclusive = opencode.CreateCommand())
        {
            exclusive.CommandText = "BEGIN EXCLUSIVE";
            exclusive.ExecuteNonQuery();
        }
        var search = Sources(_home.Store());
        search.Reconcile();
        Assert.Contains("busy", search.Notice, StringComparison.Ordinal);
        Assert.Contains(search.Search("tokenizer").Hits, h => h.Session.Id == OpenCodeFixture.Parser);
        var listed = Assert.Single(search.List());
        Assert.Contains("busy", listed.Session.Damaged, StringComparison.Ordinal);
    }
}
