using System.Text.Json;

namespace SessionBrowser.Core.Storage;

/// <summary>
/// The value after a property name, for forward-only readers of other tools' lines that skip what
/// they do not need: a value of another type than asked counts as absent and is stepped over.
/// </summary>
internal static class JsonValues
{
    /// <summary>The string value, or null (the value skipped) when it is not a string.</summary>
    public static string? String(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }

    /// <summary>Steps over the value, however big.</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }
}
