using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SessionBrowser.Core.Stores.Claude;

/// <summary>The line Claude appends for /rename: <c>{"type":"custom-title","customTitle":…,"sessionId":…}</c>.</summary>
internal static class ClaudeTitleLine
{
    public static string Write(string id, string title)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", "custom-title");
            json.WriteString("customTitle", title);
            json.WriteString("sessionId", id);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
