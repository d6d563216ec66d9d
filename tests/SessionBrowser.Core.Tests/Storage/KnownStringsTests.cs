using System.Text;
using System.Text.Json;
using SessionBrowser.Core.Storage;

namespace SessionBrowser.Core.Tests.Storage;

/// <summary>The line readers' reused strings must read exactly what <see cref="JsonValues.String"/> reads, escapes and wrong types included.</summary>
public class KnownStringsTests
{
    private const string Values = """[ "user", "us\u0065r", "assistant", "other", "", "é\n\"", 5, {"type": "user"}, ["user"], null, true, "user", "other" ]""";

    private delegate string? ReadOne(ref Utf8JsonReader reader);

    /// <summary>Each value of <see cref="Values"/> read by <paramref name="read"/>, and the token the reader ends on after it.</summary>
    private static List<(string? Value, JsonTokenType After)> ReadAll(ReadOne read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 13).Select(i => $"\"k{i}\": {Element(i)}")) + "}"));
        var values = new List<(string?, JsonTokenType)>();
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName) values.Add((read(ref reader), reader.TokenType));
        return values;
    }

    private static string Element(int i)
    {
        using var document = JsonDocument.Parse(Values);
        return document.RootElement[i].GetRawText();
    }

    [Fact]
    public void Known_and_repeated_values_read_what_the_plain_reader_reads()
    {
        var expected = ReadAll(JsonValues.String);
        var known = new KnownStrings.Known("user", "other");
        var repeated = new KnownStrings.Repeated();

        Assert.Equal(expected, ReadAll(known.Read));
        Assert.Equal(expected, ReadAll(repeated.Read));
        Assert.Equal(5, expected.Count(v => v.Value is null));  // the number, the object, the array, null and true
    }

    [Fact]
    public void A_known_value_is_one_string_object()
    {
        var known = new KnownStrings.Known("user");
        var values = ReadAll(known.Read);
        Assert.Same(values[0].Value, values[1].Value);
        Assert.Same(values[0].Value, values[11].Value);
    }
}
