using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SessionBrowser.Core.Stores.OpenCode;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.OpenCode;

/// <summary>An opencode data folder built with opencode's schema: three top-level sessions (one archived) and a child.</summary>
public sealed class OpenCodeFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    public const string Parser = "ses_0a1b2c3d4e5fParserSession01";
    public const string Docs = "ses_0a1b2c3d4e5fDocsSession0001";
    public const string Old = "ses_0a1b2c3d4e5fOldSession00001";
    public const string Child = "ses_0a1b2c3d4e5fChildSession001";

    private readonly TempDirectory _temp = new("opencode");

    public OpenCodeFixture()
    {
        Writer = new OpenCodeHomeWriter(_temp.Combine("share", "opencode"));
        ProjectDir = _temp.Combine("work", "api");
        OtherDir = _temp.Combine("work", "docs");
        Directory.CreateDirectory(ProjectDir);
        Directory.CreateDirectory(OtherDir);
        Writer.Begin(ProjectDir, Parser, Start.AddHours(2), "Fix the parser")
            .User("The parser drops trailing fields")
            .Assistant("Fixed the tokenizer.", 1200, 300, 0.0125, reasoning: "Look at the tokenizer first.",
                call: ("read", new JsonObject { ["filePath"] = ProjectDir + "/parser.ts" }, "export function parse() {}"))
            .User("Add a test")
            .Assistant("Added parser.test.ts.", 1500, 200, 0.02)
            .Write();
        Writer.Begin(OtherDir, Docs, Start.AddHours(1), "Write the README", model: "gpt-5")
            .User("Document the install steps")
            .Assistant("README written.", 800, 400, 0.01)
            .Write();
        Writer.Begin(ProjectDir, Old, Start, "Old experiment")
            .User("Try the streaming API")
            .Assistant("It streams.", 100, 50, 0.001)
            .Archived(Start.AddDays(1))
            .Write();
        Writer.Begin(ProjectDir, Child, Start.AddHours(2).AddMinutes(1), "Explore the tokenizer (@explore subagent)")
            .ChildOf(Parser)
            .User("Find the tokenizer")
            .Assistant("It is in lexer.ts.", 300, 30, 0.002)
            .Write();
    }

    public OpenCodeHomeWriter Writer { get; }
    public string ProjectDir { get; }
    public string OtherDir { get; }
    public string Folder => Writer.Folder;

    public OpenCodeStore Store() => new(Writer.Folder);

    /// <summary>A read-write connection as opencode holds one.</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Writer.Database, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Every row of every table, typed, in a stable order: for "nothing else changed" and "undo is exact".</summary>
    public string Dump()
    {
        using var connection = Connect();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var dump = new System.Text.StringBuilder();
        foreach (string table in tables)
        {
            dump.Append("== ").Append(table).Append('\n');
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.IsDBNull(i) ? "NULL" : $"{reader.GetFieldType(i).Name}:{Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}")));
            foreach (string row in rows.Order(StringComparer.Ordinal)) dump.Append(row).Append('\n');
        }
        return dump.ToString();
    }

    public void Dispose() => _temp.Dispose();
}
