using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// A JSON value written back indented for reading (tool arguments and results in the message
/// pane). Written with a Utf8JsonWriter rather than JsonSerializer so the published program,
/// compiled ahead of time, needs no reflection to do it. Non-ASCII text stays as it is: the
/// result is shown, never parsed again by a browser.
/// </summary>
public static class IndentedJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(JsonElement value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options)) value.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
