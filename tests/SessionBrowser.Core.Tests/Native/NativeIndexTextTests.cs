using System.Text;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Native;

/// <summary>index.json written entry by entry (each entry's text kept) must be byte for byte what the whole document's writer gives.</summary>
public class NativeIndexTextTests
{
    [Fact]
    public void The_text_equals_the_python_writers_for_any_entries_and_other_fields()
    {
        var text = new NativeIndexText();
        var entries = new List<JsonObject>
        {
            new() { ["id"] = "a1b2c3d4", ["created_at"] = "2025-01-02T03:04:05", ["description"] = "重构 🎉 \"quoted\"\n", ["tags"] = new JsonArray("x", "ü") },
            new() { ["id"] = "00000001", ["created_at"] = null, ["description"] = null, ["tags"] = new JsonArray() },
            JsonNode.Parse("""{"id": "ffffffff", "extra": {"n": 1.0, "list": [1, [2], {}]}, "tags": []}""")!.AsObject(),
        };
        JsonObject[] others = [new() { ["version"] = 2, ["note"] = new JsonObject { ["by"] = "hand" } }, new()];
        foreach (var other in others)
            for (int count = 0; count <= entries.Count; count++)
            {
                var kept = entries.Take(count).ToList();
                // Twice: the second time the entries' texts are the ones kept from the first.
                for (int round = 0; round < 2; round++)
                    Assert.Equal(Expected(kept, other), Encoding.UTF8.GetString(text.Write(kept, other)));
            }
    }

    private static string Expected(List<JsonObject> entries, JsonObject others)
    {
        var list = new JsonArray();
        foreach (var entry in entries) list.Add((JsonNode?)entry.DeepClone());
        var document = new JsonObject { ["sessions"] = list };
        foreach (var (key, value) in others) document[key] = value?.DeepClone();
        return PythonJson.SerializeIndented(document);
    }
}
