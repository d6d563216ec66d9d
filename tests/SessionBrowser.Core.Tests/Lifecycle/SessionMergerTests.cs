using System.Text;
using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Lifecycle;

public sealed class SessionMergerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lifecycle-merge-").FullName;
    private readonly NativeStore _store;

    public SessionMergerTests() => _store = new NativeStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A session whose messages.jsonl is written by hand, with exact timestamps and an unknown field.</summary>
    private string Session(string description, string[] tags, int steps, int tools, long tokens, double cost, params (string Content, string Time)[] messages)
    {
        var meta = _store.Create("/w/" + description, "kimi-k2", description, tags);
        _store.Update(meta.Id, m =>
        {
            m.Status = SessionStatus.Completed;
            m.TotalSteps = steps;
            m.ToolCalls = tools;
            m.TotalTokens = tokens;
            m.TotalCost = cost;
            m.MessageCount = messages.Length;
        });
        var lines = messages.Select(m => $"{{\"role\": \"user\", \"content\": \"{m.Content}\", \"timestamp\": \"{m.Time}\", \"metadata\": {{}}, \"x_extra\": 1}}\n");
        File.WriteAllText(_store.MessagesPath(meta.Id), string.Concat(lines));
        File.WriteAllText(Path.Combine(_store.SessionDir(meta.Id), "artifacts", "notes.md"), description);
        return meta.Id;
    }

    private static Dictionary<string, byte[]> FilesOf(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != ".lock")
            .ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes);

    [Fact]
    public void Messages_in_time_order_counters_summed_inputs_untouched()
    {
        string a = Session("alpha", ["bug", "api"], 3, 2, 1000, 0.5,
            ("a1", "2025-01-01T10:00:00"), ("a2", "2025-01-01T10:10:00"), ("a3", "2025-01-01T10:20:00.500000"));
        string b = Session("beta", ["api", "ui"], 1, 4, 300, 0.25,
            ("b1", "2025-01-01T09:59:00"), ("b2", "2025-01-01T10:10:00"), ("b3", "2025-01-01T10:20:00.250000"));
        _store.AppendMessage(b, Roles.User, "unused"); // through the store too, then rewritten below
        File.AppendAllText(_store.MessagesPath(b), "{torn line\n");
        var beforeA = FilesOf(_store.SessionDir(a));
        var beforeB = FilesOf(_store.SessionDir(b));

        var result = SessionMerger.Merge(_store, [a, b], "alpha + beta");

        var merged = _store.Get(result.Merged.Id)!;
        var contents = _store.ReadMessages(merged.Id).Select(r => r.Message!.Content).ToList();
        // b1 first; a2/b2 tie at 10:10 -> input order; "unused" was appended now, so it is last.
        Assert.Equal(["b1", "a1", "a2", "b2", "b3", "a3", "unused"], contents);
        Assert.Equal(1, result.SkippedLines);
        Assert.Equal(7, merged.MessageCount);
        Assert.Equal(4, merged.TotalSteps);
        Assert.Equal(6, merged.ToolCalls);
        Assert.Equal(1300, merged.TotalTokens);
        Assert.Equal(0.75, merged.TotalCost, 10);
        Assert.Equal(["bug", "api", "ui"], merged.Tags);
        Assert.Equal("alpha + beta", merged.Description);
        Assert.Equal($"[\"{a}\",\"{b}\"]", merged.Extra[MergedMetadata.MergedFromField]!.ToJsonString());
        Assert.Contains(merged.Id, _store.Index.Ids());

        // Lines are copied byte for byte: the unknown field survives.
        Assert.All(File.ReadAllLines(_store.MessagesPath(merged.Id)).SkipLast(1), line => Assert.Contains("\"x_extra\": 1", line));
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(_store.SessionDir(merged.Id), "artifacts", a, "notes.md")));
        Assert.Equal("beta", File.ReadAllText(Path.Combine(_store.SessionDir(merged.Id), "artifacts", b, "notes.md")));

        Assert.Equal(beforeA, FilesOf(_store.SessionDir(a)));
        Assert.Equal(beforeB, FilesOf(_store.SessionDir(b)));
        Assert.Empty(Directory.GetDirectories(_root, ".merge-*"));
    }

    [Fact]
    public void A_live_input_is_refused_and_nothing_is_made()
    {
        string a = Session("alpha", [], 0, 0, 0, 0, ("a1", "2025-01-01T10:00:00"));
        string b = Session("beta", [], 0, 0, 0, 0, ("b1", "2025-01-01T10:00:00"));
        int before = _store.List().Count;
        using (_store.OpenWriter(b))
        {
            var error = Assert.Throws<InvalidOperationException>(() => SessionMerger.Merge(_store, [a, b], null));
            Assert.Contains("live", error.Message);
        }
        Assert.Equal(before, _store.List().Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fewer_than_two_or_repeated_sessions_are_refused(int variant)
    {
        string a = Session("alpha", [], 0, 0, 0, 0);
        string[] ids = variant == 1 ? [a] : [a, a];
        Assert.Throws<ArgumentException>(() => SessionMerger.Merge(_store, ids, null));
    }
}
