using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SessionBrowser.Commands;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Tests.Commands;

namespace SessionBrowser.Tests.Hostile;

/// <summary>
/// Issue 16 item 3: a first indexing runs with the disk syncs off (the index is a cache). The
/// real program killed with SIGKILL in the middle of one leaves an index the next search opens,
/// finishes and answers from exactly as a complete one would.
/// </summary>
public sealed class KilledIndexingTests
{
    private const int Sessions = 600;
    private const int MessagesPerSession = 30;

    [Fact]
    public void A_first_indexing_killed_midway_is_finished_by_the_next_search_which_finds_every_session()
    {
        using var cli = new CliHarness();
        var builder = new StoreBuilder(cli.Store);
        var ids = Enumerable.Range(0, Sessions).Select(i => AddSession(cli, builder, i)).ToList();

        bool landed = ChildProgram.KillWhen(cli, () => IndexedSoFar(cli) is > 0 and < Sessions, "search", "opening");

        Assert.True(landed, "the kill did not land inside the first indexing");
        Assert.InRange(IndexedSoFar(cli), 1, Sessions - 1);
        // The child's cache folder ($XDG_CACHE_HOME/sessionbrowser), not the in-process runs' own.
        CliResult Search(params string[] args) => cli.RunRaw(["--store", cli.Store, "search", .. args], cacheDirectory: ChildCache(cli));
        var again = Search("opening", "--json", "--limit", "1000");
        Assert.True(again.ExitCode == ExitCodes.Ok, again.ToString());
        Assert.Contains("index: ", again.Error, StringComparison.Ordinal);
        Assert.Equal(Sessions, IndexedSoFar(cli));
        // Every session's own word finds that session's every message, once.
        foreach (int i in new[] { 0, Sessions / 3, Sessions / 2, Sessions - 1 })
        {
            var found = Search($"session{i}only", "--json", "--limit", "1000");
            Assert.True(found.ExitCode == ExitCodes.Ok, found.ToString());
            var hits = JsonDocument.Parse(found.Out).RootElement.EnumerateArray().ToList();
            Assert.All(hits, hit => Assert.Equal(ids[i], hit.GetProperty("id").GetString()));
            Assert.Equal(Enumerable.Range(1, MessagesPerSession), hits.Select(hit => hit.GetProperty("message").GetInt32()).Order());
        }
        // The word every session's first message has: every session found, once.
        var all = Search("opening", "--json", "--limit", "10000");
        Assert.Equal(ids.Order(StringComparer.Ordinal),
            JsonDocument.Parse(all.Out).RootElement.EnumerateArray().Select(hit => hit.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>A session with a messages file written as the store writes it: a word of its own, one its first message shares with every other first message.</summary>
    private static string AddSession(CliHarness cli, StoreBuilder builder, int i)
    {
        string id = builder.Add(TimeSpan.FromHours(i + 1), $"session {i}");
        var text = new StringBuilder();
        for (int m = 0; m < MessagesPerSession; m++)
        {
            text.Append($"{{\"role\": \"{(m % 2 == 0 ? "user" : "assistant")}\", \"content\": \"session{i}only message {m} {(m == 0 ? "opening" : "reply")} ")
                .Append(string.Join(' ', Enumerable.Range(0, 40).Select(w => $"filler{(i * 31 + m * 7 + w) % 500}")))
                .Append($"\", \"timestamp\": \"2025-05-01T00:{m:00}:00\", \"metadata\": {{}}}}\n");
        }
        File.WriteAllText(Path.Combine(cli.Store, id, NativeLayout.MessagesFile), text.ToString());
        return id;
    }

    private static string ChildCache(CliHarness cli) => Path.Combine(cli.Cache, "sessionbrowser");

    /// <summary>Sessions whose messages the index holds (committed): read beside the writer, as another process would.</summary>
    private static int IndexedSoFar(CliHarness cli)
    {
        var folder = ChildCache(cli);
        if (!Directory.Exists(folder) || Directory.GetFiles(folder, "native-*.db") is not [var path]) return 0;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sessions WHERE msg_indexed = 1";
            return Convert.ToInt32(command.ExecuteScalar());
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or its schema not written yet
        }
    }
}
