using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores.Native;

/// <summary>
/// index.json's text, exactly as <see cref="PythonJson.SerializeIndented"/> writes the document,
/// with each session's entry written once and its text kept for the next rewrite: a cleanup
/// rewrites the index once per batch of 256 sessions, and writing all 10,000 entries again each
/// time was most of that. Entries are never changed in place (they are added or removed), so an
/// entry's text stays its text.
/// </summary>
internal sealed class NativeIndexText
{
    private readonly ConditionalWeakTable<JsonObject, string> _entries = new();

    /// <summary>The bytes of <c>{"sessions": entries, ...others}</c>, the other fields after the list.</summary>
    public byte[] Write(IReadOnlyList<JsonObject> entries, IEnumerable<KeyValuePair<string, JsonNode?>> others)
    {
        var text = new StringBuilder(64 + entries.Count * 160);
        text.Append("{\n  ");
        PythonJson.AppendString(text, "sessions");
        text.Append(": ");
        if (entries.Count == 0)
        {
            text.Append("[]");
        }
        else
        {
            text.Append('[');
            for (int i = 0; i < entries.Count; i++)
            {
                if (i > 0) text.Append(',');
                text.Append("\n    ").Append(EntryText(entries[i]));
            }
            text.Append("\n  ]");
        }
        foreach (var (key, value) in others)
        {
            text.Append(",\n  ");
            PythonJson.AppendString(text, key);
            text.Append(": ");
            PythonJson.Write(text, value, indent: 2, depth: 1);
        }
        text.Append("\n}");
        return Utf8NoBom.GetBytes(text.ToString());
    }

    private string EntryText(JsonObject entry)
    {
        if (_entries.TryGetValue(entry, out string? known)) return known;
        var text = new StringBuilder(160);
        PythonJson.Write(text, entry, indent: 2, depth: 2);
        string written = text.ToString();
        _entries.AddOrUpdate(entry, written);
        return written;
    }

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
}
