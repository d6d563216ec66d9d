using SessionBrowser.Core.Lifecycle;
using SessionBrowser.Core.Model;

namespace SessionBrowser.Core.Tests.Lifecycle;

public class RetentionDurationTests
{
    [Theory]
    [InlineData("30d", 30 * 24)]
    [InlineData("12h", 12)]
    [InlineData("2w", 14 * 24)]
    [InlineData("6m", 180 * 24)]
    [InlineData("1h", 1)]
    [InlineData("007d", 7 * 24)]
    public void Accepts_gemini_grammar(string text, int hours)
    {
        var duration = RetentionDuration.Parse(text);
        Assert.Equal(TimeSpan.FromHours(hours), duration.ToTimeSpan());
    }

    [Fact]
    public void Round_trips_to_text() => Assert.Equal("7d", RetentionDuration.Parse("007d").ToString());

    [Theory]
    [InlineData("0d", "greater than 0")]
    [InlineData("0", "expected")]
    [InlineData("00h", "greater than 0")]
    [InlineData("", "expected")]
    [InlineData("30", "expected")]
    [InlineData("d", "expected")]
    [InlineData("30x", "expected")]
    [InlineData("30D", "expected")]
    [InlineData("-1d", "expected")]
    [InlineData("+1d", "expected")]
    [InlineData("1.5d", "expected")]
    [InlineData(" 30d", "expected")]
    [InlineData("30d ", "expected")]
    [InlineData("30d\n", "expected")]
    [InlineData("30 d", "expected")]
    [InlineData("30dd", "expected")]
    [InlineData("\u0663d", "expected")]
    [InlineData("99999999999d", "too large")]
    [InlineData("4000000d", "too large")]
    public void Rejects_with_a_clear_reason(string text, string reason)
    {
        Assert.False(RetentionDuration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
        Assert.Contains($"'{text}'", error);
        var thrown = Assert.Throws<FormatException>(() => RetentionDuration.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(RetentionDuration.TryParse(null, out _, out var error));
        Assert.NotNull(error);
    }
}
