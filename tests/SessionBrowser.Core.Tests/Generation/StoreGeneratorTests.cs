using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Generation;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Generation;

public class StoreGeneratorTests
{
    [Fact]
    public void Same_seed_same_bytes_other_seed_other_bytes()
    {
        using var dir = new TempDirectory("native-gen");
        var options = new GeneratorOptions { Sessions = 40, Messages = 30, Seed = 11, IncludeFaults = true, LargeSessionMessages = 500 };
        StoreGenerator.Generate(dir.Combine("a"), options);
        StoreGenerator.Generate(dir.Combine("b"), options);
        StoreGenerator.Generate(dir.Combine("c"), options with { Seed = 12 });
        Assert.Equal(Digest(dir.Combine("a")), Digest(dir.Combine("b")));
        Assert.NotEqual(Digest(dir.Combine("a")), Digest(dir.Combine("c")));
    }

    [Fact]
    public void Metadata_is_consistent_with_the_messages_and_snapshots()
    {
        using var dir = new TempDirectory("native-gen");
        var result = StoreGenerator.Generate(dir.Path, new GeneratorOptions { Sessions = 120, Messages = 20, Seed = 3 });
        var store = new NativeStore(dir.Path);
        var sessions = store.List();
        Assert.Equal(120, sessions.Count);
        Assert.Equal(result.Messages, sessions.Sum(s => (long)s.MessageCount));
        Assert.All(sessions, s => Assert.Null(s.Damaged));
        foreach (var session in sessions)
        {
            var messages = store.ReadMessages(session.Id).ToList();
            Assert.All(messages, r => Assert.Null(r.Damage));
            Assert.Equal(session.MessageCount, messages.Count);
            var meta = session.Metadata!;
            Assert.Equal(meta.ToolCalls, messages.Count(m => m.Message!.Role == Roles.Tool));
            Assert.Equal(meta.TotalSteps, messages.Count(m => m.Message!.Role == Roles.Assistant));
            long tokens = messages.Where(m => m.Message!.Role == Roles.Assistant)
                .Sum(m => (long)m.Message!.Metadata!["tokens"]!["input"]!.GetValue<int>() + m.Message!.Metadata!["tokens"]!["output"]!.GetValue<int>());
            Assert.Equal(meta.TotalTokens, tokens);
            double cost = messages.Where(m => m.Message!.Role == Roles.Assistant).Sum(m => m.Message!.Metadata!["cost"]!.GetValue<double>());
            Assert.Equal(meta.TotalCost, cost, 6);
            var times = messages.Select(m => m.Message!.Time!.Value).ToList();
            Assert.Equal(times.Order(), times);
            Assert.True(session.LastActive >= times[^1]);
            foreach (var snapshot in store.ListSnapshots(session.Id))
            {
                // A snapshot closes its step: the messages before it end with that step's assistant reply.
                var before = messages.Where(m => m.Message!.Time <= snapshot.Time).ToList();
                Assert.Equal(snapshot.Step, before.Count(m => m.Message!.Role == Roles.Assistant));
                Assert.Equal(Roles.Assistant, before[^1].Message!.Role);
            }
        }
        var statuses = sessions.Select(s => s.Status).ToHashSet();
        Assert.Superset(new HashSet<string> { "active", "paused", "completed", "crashed" }, statuses);
        Assert.Contains(sessions, s => s.Liveness == Liveness.Interrupted);
        Assert.Contains(sessions, s => s.Description is null && s.Title != "(untitled)");
        Assert.Contains(sessions, s => s.Tags.Count > 0);
        Assert.Equal(sessions.Select(s => s.Id).Order(), store.Index.Ids().Order());
    }

    [Fact]
    public void Content_covers_markdown_cjk_emoji_and_tools()
    {
        using var dir = new TempDirectory("native-gen");
        StoreGenerator.Generate(dir.Path, new GeneratorOptions { Sessions = 30, Messages = 40, Seed = 5 });
        var store = new NativeStore(dir.Path);
        string all = string.Join("\n", store.List().SelectMany(s => store.ReadMessages(s.Id)).Select(r => r.Message!.Content));
        foreach (string needle in new[] { "```python", "```rust", "```csharp", "| file |", "- [x] ", "- [ ] ", "> ", "](https://", "## ", "会话", "🎉" })
            Assert.Contains(needle, all);
        var tool = store.List().SelectMany(s => store.ReadMessages(s.Id)).First(r => r.Message!.Role == Roles.Tool).Message!;
        Assert.NotNull(tool.Metadata!["tool"]);
        Assert.NotNull(tool.Metadata!["exit_code"]);
    }

    [Fact]
    public void Faults_and_the_large_session_are_there_when_asked()
    {
        using var dir = new TempDirectory("native-gen");
        var result = StoreGenerator.Generate(dir.Path, new GeneratorOptions { Sessions = 5, Messages = 10, Seed = 1, IncludeFaults = true, LargeSessionMessages = 2000 });
        var store = new NativeStore(dir.Path);
        var sessions = store.List().ToDictionary(s => s.Id);
        Assert.Equal(2000, store.ReadMessages(result.LargeSessionId!).Count());
        Assert.Equal(2000, sessions[result.LargeSessionId!].MessageCount);
        Assert.NotNull(sessions["c0ffee01"].Damaged);
        Assert.NotNull(sessions["c0ffee02"].Damaged);
        Assert.Null(sessions["c0ffee03"].Damaged);
        Assert.NotNull(store.ReadMessages("c0ffee03").Last().Damage);
        Assert.True(sessions.ContainsKey("0ld5e551"));
        Assert.DoesNotContain(sessions.Keys, id => id.StartsWith("5f4dcc3b", StringComparison.Ordinal));
        Assert.Contains(store.Check(repair: false).Problems, p => p.SessionId == "90ne0000");
    }

    [Fact]
    public void The_reference_python_reads_a_generated_store()
    {
        using var dir = new TempDirectory("native-gen");
        var result = StoreGenerator.Generate(dir.Path, new GeneratorOptions { Sessions = 15, Messages = 12, Seed = 9 });
        var dump = JsonNode.Parse(Python.Run("dump", dir.Path))!;
        Assert.Equal(15, dump["sessions"]!.AsArray().Count);
        Assert.Equal(result.Messages, dump["sessions"]!.AsArray().Sum(s => s!["messages"]!.AsArray().Count));
    }

    [Fact]
    public void Refuses_a_folder_that_is_not_empty()
    {
        using var dir = new TempDirectory("native-gen");
        Fixture.Write(dir.Combine("keep.txt"), "mine");
        Assert.Throws<IOException>(() => StoreGenerator.Generate(dir.Path, new GeneratorOptions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => StoreGenerator.Generate(dir.Combine("x"), new GeneratorOptions { Messages = 0 }));
        Assert.Equal("mine", File.ReadAllText(dir.Combine("keep.txt")));
    }

    private static string Digest(string root)
    {
        using var sha = SHA256.Create();
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            byte[] name = System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\0");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            byte[] content = File.ReadAllBytes(file);
            sha.TransformBlock(content, 0, content.Length, null, 0);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!);
    }
}
