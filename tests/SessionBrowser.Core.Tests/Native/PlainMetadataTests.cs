using System.Text;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Storage;
using SessionBrowser.Core.Stores.Native;

namespace SessionBrowser.Core.Tests.Native;

/// <summary>
/// A first list reads plain metadata.json files without a JsonNode (<see cref="PlainMetadata"/>):
/// what it reads must be exactly what <see cref="NativeJson.ReadMetadata"/> reads, and whatever it
/// is not sure of it must leave to that reader.
/// </summary>
public class PlainMetadataTests
{
    private const string Plain = """
        {
          "id": "00092ba2",
          "created_at": "2024-10-13T14:01:50",
          "last_active": "2024-10-13T16:03:04.131329",
          "status": "paused",
          "work_dir": "/home/ada/projects/ml-pipeline",
          "model": "kimi-k2",
          "total_steps": 20,
          "message_count": 51,
          "tool_calls": 11,
          "total_tokens": 156175,
          "total_cost": 0.548937,
          "tags": ["refactor", "中文 🚀"],
          "description": "Fix: the cache\nmishandles \"expired\" tokens",
          "current_task": null,
          "progress": 0.95
        }
        """;

    private static string Describe(SessionMetadata meta) => NativeJson.WriteMetadata(meta).ToJsonString();

    private static SessionMetadata? Usual(string json)
    {
        var read = JsonFile.Parse(Encoding.UTF8.GetBytes(json), "metadata.json");
        var meta = read.Ok ? NativeJson.ReadMetadata(read.Node, "folder", out _) : null;
        if (meta is not null) meta.Id = "folder";
        return meta;
    }

    public static TheoryData<string> Read => new()
    {
        Plain,
        "\uFEFF" + Plain,
        "{}",
        """{"description": "only this"}""",
        """{"created_at": "2025-01-01T00:00:00"}""",
        """{"id": null, "status": null, "tags": null, "total_tokens": null, "total_cost": null, "description": null}""",
        """{"total_tokens": 9223372036854775807, "message_count": -5, "total_steps": 99999999999, "tool_calls": 0}""",
        """{"total_cost": 1e-7, "progress": 1, "total_tokens": -1}""",
        """{"tags": [], "description": "\u00e9\ud83d\ude80 escaped", "w\u006frk_dir": "/escaped/name"}""",
        "{\"description\": \"   \", \"work_dir\": \"\"}  \n\n",
    };

    [Theory]
    [MemberData(nameof(Read))]
    public void A_plain_file_reads_as_the_JsonNode_reader_reads_it(string json)
    {
        var plain = PlainMetadata.TryRead(Encoding.UTF8.GetBytes(json), "folder");

        Assert.NotNull(plain);
        Assert.Equal(Describe(Usual(json)!), Describe(plain));
    }

    public static TheoryData<string> LeftToTheUsualReader => new()
    {
        """{"description": "x", "future_field": 1}""",                 // unknown fields are kept for a rewrite
        """{"description": "x", "description": "y"}""",                // a duplicate: damaged
        """{"status": 3}""",                                           // another type
        """{"total_tokens": "12"}""",
        """{"total_tokens": 1.5}""",
        """{"total_cost": 1e309}""",
        """{"tags": ["a", 1]}""",
        """{"tags": "a"}""",
        """{"description": "lone \udcff"}""",                          // invalid text: read after repair, damaged
        """[1, 2]""",
        """{"description": "x"} trailing""",
        """{"description": "x",}""",
        """{"description": "cut""",
        "",
        "   ",
    };

    [Theory]
    [MemberData(nameof(LeftToTheUsualReader))]
    public void Anything_else_is_left_to_the_JsonNode_reader(string json) =>
        Assert.Null(PlainMetadata.TryRead(Encoding.UTF8.GetBytes(json), "folder"));

    [Fact]
    public void Invalid_UTF8_is_left_to_the_JsonNode_reader() =>
        Assert.Null(PlainMetadata.TryRead([.. "{\"description\": \"bad "u8, 0xFF, .. "\"}"u8], "folder"));
}
