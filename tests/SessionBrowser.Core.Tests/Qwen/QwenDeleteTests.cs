using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores;
using SessionBrowser.Core.Stores.Qwen;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Qwen;

public sealed class QwenDeleteTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new("qwen-delete");
    private readonly QwenHomeWriter _writer;

    public QwenDeleteTests() => _writer = new QwenHomeWriter(_temp.Combine(".qwen"));

    public void Dispose() => _temp.Dispose();

    private static string Id(int n) => $"{n:x8}-1111-4222-8333-{n:x12}";

    private const string Organization = """
        {
          "schemaVersion": 1,
          "groups": [
            {
              "id": "g1",
              "name": "Work",
              "color": "blue",
              "order": 0,
              "createdAt": "2026-12-01T08:00:00.000Z",
              "updatedAt": "2026-12-01T08:00:00.000Z"
            }
          ],
          "sessions": {
            "00000001-1111-4222-8333-000000000001": {
              "groupId": "g1",
              "pinnedAt": "2026-12-01T09:00:00.000Z",
              "updatedAt": "2026-12-01T09:00:00.000Z"
            },
            "00000002-1111-4222-8333-000000000002": {
              "groupId": null,
              "color": "red",
              "updatedAt": "2026-12-01T09:00:00.000Z"
            }
          }
        }
        """;

    /// <summary>A session with every sidecar Qwen keeps, another session beside it, and the project's organization file.</summary>
    private (QwenStore Store, string Project, string[] Owned) Home()
    {
        string cwd = _temp.Combine("work");
        string transcript = _writer.Begin(cwd, Id(1), Start).User("delete me").Assistant("ok", 3, 1).Write();
        _writer.Begin(cwd, Id(2), Start).User("keep me").Write();
        string chats = _writer.ChatsFolder(cwd);
        string archive = _writer.ChatsFolder(cwd, archived: true);
        Directory.CreateDirectory(archive);
        string[] sidecars =
        [
            Path.Combine(chats, Id(1) + ".pr.json"), Path.Combine(chats, Id(1) + ".worktree.json"),
            Path.Combine(chats, Id(1) + ".ledger.jsonl"), Path.Combine(archive, Id(1) + ".pr.json"),
        ];
        foreach (string sidecar in sidecars) File.WriteAllText(sidecar, "{\"sidecar\":true}");
        string history = Path.Combine(_writer.Home, "file-history", Id(1));
        Directory.CreateDirectory(history);
        File.WriteAllText(Path.Combine(history, "backup-1"), "old text");
        string project = Path.GetDirectoryName(chats)!;
        File.WriteAllText(Path.Combine(project, QwenFiles.OrganizationFile), Organization.ReplaceLineEndings("\n"));
        return (new QwenStore(_writer.Home), project, [transcript, .. sidecars, history]);
    }

    /// <summary>What the trash does: plan, move the files into the entry, remove the records with a keep folder.</summary>
    private static string Delete(IDeletableStore store, string id, string trash)
    {
        var plan = store.PlanDelete(id);
        string items = Path.Combine(trash, "items");
        string keep = Path.Combine(trash, "keep");
        Directory.CreateDirectory(items);
        Directory.CreateDirectory(keep);
        for (int i = 0; i < plan.Files.Count; i++) FileTree.Move(plan.Files[i], Path.Combine(items, $"{i}"));
        store.RemoveRecords(id, keep);
        File.WriteAllLines(Path.Combine(trash, "paths"), plan.Files);
        return keep;
    }

    private static void Undo(IDeletableStore store, string id, string trash)
    {
        var paths = File.ReadAllLines(Path.Combine(trash, "paths"));
        for (int i = 0; i < paths.Length; i++)
        {
            Assert.True(store.Owns(paths[i]));
            FileTree.Move(Path.Combine(trash, "items", $"{i}"), paths[i]);
        }
        store.RestoreRecords(id, Path.Combine(trash, "keep"));
    }

    private static Dictionary<string, byte[]> Snapshot(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}trash{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => path, File.ReadAllBytes);

    [Fact]
    public void Delete_takes_the_transcript_sidecars_of_both_states_file_history_and_the_organization_entry()
    {
        var (store, project, owned) = Home();
        var plan = store.PlanDelete(Id(1));
        Assert.Equal(owned.Order(), plan.Files.Order());
        Assert.Equal([$"its entry in {Path.Combine(project, QwenFiles.OrganizationFile)}"], plan.Records);

        Delete(store, Id(1), _temp.Combine("trash"));
        Assert.All(owned, path => Assert.False(FileTree.Exists(path)));
        Assert.Null(store.Find(Id(1)));
        Assert.NotNull(store.Find(Id(2)));
        string organization = File.ReadAllText(Path.Combine(project, QwenFiles.OrganizationFile));
        Assert.DoesNotContain(Id(1), organization, StringComparison.Ordinal);
        Assert.Contains(Id(2), organization, StringComparison.Ordinal);
        // Qwen's own writer: JSON.stringify(store, null, 2), no newline at the end.
        Assert.Equal("""
            {
              "schemaVersion": 1,
              "groups": [
                {
                  "id": "g1",
                  "name": "Work",
                  "color": "blue",
                  "order": 0,
                  "createdAt": "2026-12-01T08:00:00.000Z",
                  "updatedAt": "2026-12-01T08:00:00.000Z"
                }
              ],
              "sessions": {
                "00000002-1111-4222-8333-000000000002": {
                  "groupId": null,
                  "color": "red",
                  "updatedAt": "2026-12-01T09:00:00.000Z"
                }
              }
            }
            """.ReplaceLineEndings("\n"), organization);
    }

    [Fact]
    public void Undo_puts_every_byte_back()
    {
        var (store, _, _) = Home();
        var before = Snapshot(_writer.Home);
        string trash = _temp.Combine("trash");
        Delete(store, Id(1), trash);
        Assert.NotEqual(before.Keys.Order(), Snapshot(_writer.Home).Keys.Order());

        Undo(store, Id(1), trash);
        var after = Snapshot(_writer.Home);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, pair => Assert.Equal(pair.Value, after[pair.Key]));
        Assert.Equal("delete me", store.Find(Id(1))!.Title);
    }

    [Fact]
    public void Undo_after_Qwen_changed_the_organization_file_keeps_its_change_and_adds_the_entry_back()
    {
        var (store, project, _) = Home();
        string trash = _temp.Combine("trash");
        Delete(store, Id(1), trash);
        string organization = Path.Combine(project, QwenFiles.OrganizationFile);
        File.WriteAllText(organization, File.ReadAllText(organization).Replace("\"Work\"", "\"Job\"", StringComparison.Ordinal));

        Undo(store, Id(1), trash);
        string text = File.ReadAllText(organization);
        Assert.Contains("\"Job\"", text, StringComparison.Ordinal);
        Assert.Contains(Id(1), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Owns_only_Qwens_projects_and_file_history()
    {
        var (store, project, _) = Home();
        Assert.True(store.Owns(Path.Combine(project, "chats", "x.jsonl")));
        Assert.True(store.Owns(Path.Combine(_writer.Home, "file-history", "x")));
        Assert.False(store.Owns(Path.Combine(_writer.Home, "settings.json")));
        Assert.False(store.Owns(Path.Combine(_writer.Home, "projects", "..", "..", "elsewhere")));
    }
}
