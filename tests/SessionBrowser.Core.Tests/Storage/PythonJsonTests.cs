using System.Text.Json;
using System.Text.Json.Nodes;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Storage;

public class PythonJsonTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1.5e-10, "1.5e-10")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Floats_are_written_like_python_repr(double value, string expected) =>
        Assert.Equal(expected, PythonJson.FormatFloat(value));

    [Fact]
    public void Floats_match_python_on_a_spread_of_values()
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 200)
            .Select(i => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-12, 22)))
            .Append(-0.0).Append(5e-324).Append(1.7976931348623157e308).ToList();
        string argument = string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var expected = JsonSerializer.Deserialize<string[]>(Python.Run("floats", argument))!;
        Assert.Equal(expected, values.Select(PythonJson.FormatFloat).ToArray());
    }

    [Fact]
    public void Strings_escape_like_ensure_ascii()
    {
        var text = new System.Text.StringBuilder();
        PythonJson.AppendString(text, "a\"b\\c\n\t\r\b\f\u0001\u007f é 中 🎉 /<>");
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u007f \\u00e9 \\u4e2d \\ud83c\\udf89 /<>\"", text.ToString());
    }

    [Fact]
    public void Compact_and_indented_forms_are_byte_identical_to_python()
    {
        using var dir = new TempDirectory("native-pyjson");
        var node = new JsonObject
        {
            ["role"] = "user",
            ["content"] = "重构 🎉 \"q\"\n",
            ["n"] = 3,
            ["f"] = 1.0,
            ["nested"] = new JsonObject { ["empty_list"] = new JsonArray(), ["empty_obj"] = new JsonObject(), ["list"] = new JsonArray(1, "x", null, true) },
            ["none"] = null,
        };
        string file = dir.Combine("doc.json");
        File.WriteAllText(file, PythonJson.SerializeIndented(node));
        Assert.Equal(PythonJson.Serialize(node) + "\n", Python.Run("dumps", file));
        // And the indented form is what json.dump(indent=2) writes.
        Assert.Equal(
            "{\n  \"role\": \"user\",\n  \"content\": \"\\u91cd\\u6784 \\ud83c\\udf89 \\\"q\\\"\\n\",\n  \"n\": 3,\n  \"f\": 1.0,\n  \"nested\": {\n    \"empty_list\": [],\n    \"empty_obj\": {},\n    \"list\": [\n      1,\n      \"x\",\n      null,\n      true\n    ]\n  },\n  \"none\": null\n}",
            PythonJson.SerializeIndented(node));
    }

    [Fact]
    public void Numbers_read_from_a_file_keep_their_text()
    {
        var node = JsonNode.Parse("{\"a\": 1.0, \"b\": 1e-05, \"c\": 10}");
        Assert.Equal("{\"a\": 1.0, \"b\": 1e-05, \"c\": 10}", PythonJson.Serialize(node));
    }
}
