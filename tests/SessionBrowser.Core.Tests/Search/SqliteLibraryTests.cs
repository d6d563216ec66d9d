using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Search;

namespace SessionBrowser.Core.Tests.Search;

/// <summary>The SQLite the index runs on: a version with the FTS5 features the index may use.</summary>
public sealed class SqliteLibraryTests
{
    [Fact]
    public void Library_is_at_least_3_43()
    {
        var version = Version.Parse(IndexDatabase.LibraryVersion());
        Assert.True(version >= new Version(3, 43), $"SQLite {version} is older than 3.43 (FTS5 contentless_delete)");
    }

    [Fact]
    public void Fts5_contentless_delete_and_unindexed_columns_work()
    {
        IndexDatabase.LibraryVersion(); // loads the native library
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE VIRTUAL TABLE t USING fts5(body, ts UNINDEXED, content='', contentless_delete=1, contentless_unindexed=1);
            INSERT INTO t(rowid, body, ts) VALUES (1, 'alpha beta', 'x'), (2, 'beta gamma', 'y');
            DELETE FROM t WHERE rowid = 1;
            SELECT group_concat(rowid || ':' || ts) FROM t WHERE t MATCH 'beta';
            """;
        Assert.Equal("2:y", command.ExecuteScalar());
    }
}
