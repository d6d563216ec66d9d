using System.Text;
using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Stores;

/// <summary>
/// The Google GenAI <c>Part</c> shapes that Gemini CLI and its fork Qwen Code both write
/// (<c>functionCall{name, args}</c>, <c>functionResponse{name, response{output|error}}</c>), and
/// the Markdown both sources render tool calls with. One place, so the two readers show a tool
/// call the same way.
/// </summary>
internal static class GenAiParts
{
    /// <summary>A string property of an object, else null (wrong type, missing, not an object).</summary>
    public static string? String(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    /// <summary>What a <c>functionResponse</c> said: its output, "Error: …", or null when it holds neither.</summary>
    public static string? ResponseText(JsonElement functionResponse)
    {
        if (functionResponse.ValueKind != JsonValueKind.Object
            || !functionResponse.TryGetProperty("response", out var payload) || payload.ValueKind != JsonValueKind.Object)
            return null;
        if (String(payload, "output") is { } output) return output;
        return String(payload, "error") is { } error ? "Error: " + error : null;
    }

    /// <summary>A call's arguments as an indented JSON block (nothing for no arguments).</summary>
    public static void AppendArguments(StringBuilder text, JsonElement args)
    {
        if (args.ValueKind == JsonValueKind.Object && args.EnumerateObject().Any())
            FencedBlock.Append(text, "json", IndentedJson.Of(args));
    }
}
