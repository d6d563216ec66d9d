using System.Text.Json;
using SessionBrowser.Core.Model;
using SessionBrowser.Core.Tests.Support;

namespace SessionBrowser.Core.Tests.Model;

public class TimestampsTests
{
    [Theory]
    [InlineData("2025-01-15T10:30:00.123456", 2025, 1, 15, 10, 30, 0, 1234560)]
    [InlineData("2025-01-15T10:30:00", 2025, 1, 15, 10, 30, 0, 0)]
    [InlineData("2025-01-15 10:30:00.5", 2025, 1, 15, 10, 30, 0, 5000000)]
    [InlineData("2025-01-15", 2025, 1, 15, 0, 0, 0, 0)]
    public void Naive_forms_parse_as_local_time(string text, int y, int mo, int d, int h, int mi, int s, int ticks)
    {
        var parsed = Timestamps.Parse(text)!.Value;
        Assert.Equal(new DateTime(y, mo, d, h, mi, s).AddTicks(ticks), parsed.DateTime);
        Assert.Equal(TimeZoneInfo.Local.GetUtcOffset(parsed.DateTime), parsed.Offset);
    }

    [Theory]
    [InlineData("2025-01-15T10:30:00.123456")]
    [InlineData("2025-01-15T10:30:00")]
    [InlineData("2025-01-15T10:30:00.1")]
    [InlineData("2025-01-15T10:30:00.1234567")]
    [InlineData("2025-01-15T10:30:00.12345678")]
    [InlineData("2025-01-15T10:30:00.")]
    [InlineData("2024-02-29T23:59:59.999999")]
    [InlineData("2025-02-29T10:30:00")]
    [InlineData("2025-13-01T10:30:00")]
    [InlineData("2025-01-15T24:00:00")]
    [InlineData("2025-01-15T10:60:00")]
    [InlineData("0000-01-15T10:30:00")]
    [InlineData("2025-03-30T02:30:00")]
    [InlineData("2025-01-15 10:30:00.5")]
    [InlineData("2025-01-15T10:30:00Z")]
    [InlineData("2025-01-15T10:30:00-08:00")]
    [InlineData(" 2025-01-15T10:30:00 ")]
    [InlineData("2025-01-15T1a:30:00")]
    [InlineData("")]
    [InlineData("junk")]
    public void The_utf8_reading_is_the_string_one(string text) =>
        Assert.Equal(Timestamps.Parse(text), Timestamps.ParseUtf8(System.Text.Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("2025-01-15T10:30:00Z", 0)]
    [InlineData("2025-01-15T10:30:00.123Z", 0)]
    [InlineData("2025-01-15T10:30:00+05:30", 330)]
    [InlineData("2025-01-15T10:30:00.123456-08:00", -480)]
    public void Offsets_are_kept(string text, int offsetMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), Timestamps.Parse(text)!.Value.Offset);

    /// <summary>The digit-by-digit reading of <c>…Z</c> must give what DateTimeOffset.TryParse gives, value and offset, or leave the text to it.</summary>
    [Theory]
    [InlineData("2026-11-23T03:40:00.000Z")]
    [InlineData("2026-11-23T03:40:00Z")]
    [InlineData("2026-11-23T03:40:00.1Z")]
    [InlineData("2026-11-23T03:40:00.1234567Z")]
    [InlineData("2026-11-23T03:40:00.12345678Z")]
    [InlineData("2026-11-23T03:40:00.Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("2025-02-29T10:30:00Z")]
    [InlineData("2025-01-15T24:00:00Z")]
    [InlineData("2025-01-15T23:59:60Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("2025-01-15 10:30:00Z")]
    [InlineData("2025-01-15T10:30Z")]
    [InlineData("2025-1-15T10:30:00Z")]
    [InlineData("２025-01-15T10:30:00Z")]
    [InlineData(" 2025-01-15T10:30:00.5Z ")]
    public void Utc_times_read_digit_by_digit_are_what_the_general_parse_gives(string text)
    {
        DateTimeOffset? general = DateTimeOffset.TryParse(text.Trim(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var parsed) ? parsed : null;
        var ours = Timestamps.Parse(text);
        Assert.Equal(general, ours);
        Assert.Equal(general?.Offset, ours?.Offset);
    }

    [Fact]
    public void Random_utc_times_read_the_same_both_ways()
    {
        var random = new Random(16);
        for (int i = 0; i < 20_000; i++)
        {
            var time = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks));
            string text = time.ToString(random.Next(3) switch { 0 => "yyyy-MM-dd'T'HH:mm:ss", 1 => "yyyy-MM-dd'T'HH:mm:ss.fff", _ => "yyyy-MM-dd'T'HH:mm:ss.fffffff" },
                System.Globalization.CultureInfo.InvariantCulture) + "Z";
            var general = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            var ours = Timestamps.Parse(text)!.Value;
            Assert.Equal((general.Ticks, general.Offset), (ours.Ticks, ours.Offset));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2025-13-45T99:00:00")]
    public void Junk_is_null_never_an_exception(string? text) => Assert.Null(Timestamps.Parse(text));

    [Fact]
    public void FormatNaive_matches_python_isoformat()
    {
        Assert.Equal("2025-01-15T10:30:00", Timestamps.FormatNaive(new DateTime(2025, 1, 15, 10, 30, 0)));
        Assert.Equal("2025-01-15T10:30:00.000001", Timestamps.FormatNaive(new DateTime(2025, 1, 15, 10, 30, 0).AddTicks(10)));
        Assert.Equal("2025-01-15T10:30:00.123450", Timestamps.FormatNaive(new DateTime(2025, 1, 15, 10, 30, 0).AddTicks(1234500)));
        // Sub-microsecond ticks do not exist in Python and are dropped.
        Assert.Equal("2025-01-15T10:30:00", Timestamps.FormatNaive(new DateTime(2025, 1, 15, 10, 30, 0).AddTicks(5)));
    }

    [Fact]
    public void We_parse_what_python_isoformat_writes()
    {
        // (Python parsing ours is covered by PythonCompatibilityTests: its dump calls datetime.fromisoformat.)
        using var dir = new TempDirectory("native-time");
        var store = new SessionBrowser.Core.Stores.Native.NativeStore(dir.Path);
        var ids = JsonSerializer.Deserialize<string[]>(Python.Run("write", store.Root))!;
        Assert.All(ids, id =>
        {
            var session = store.Find(id)!;
            Assert.NotNull(session.LastActive);
            Assert.InRange(session.LastActive!.Value, DateTimeOffset.Now.AddMinutes(-5), DateTimeOffset.Now.AddMinutes(1));
        });
    }
}
