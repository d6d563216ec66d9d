using System.Globalization;
using Humanizer;

namespace SessionBrowser.Tests.Text;

/// <summary>Our relative times read exactly as Humanizer's (which we stopped calling for its start-up cost).</summary>
public class RelativeTimeTests
{
    public static TheoryData<double> Seconds()
    {
        var data = new TheoryData<double>();
        double[] points =
        [
            0, 0.4, 0.6, 1, 2, 59, 59.9, 60, 61, 119, 120, 121, 3599, 3600, 5399, 5400, 5401, 7199, 7200, 86399, 86400, 86401,
            100_000, 150_000, 172_799, 172_800, 172_801, 2_000_000, 2_419_199, 2_419_200, 2_500_000, 2_591_999, 2_592_000,
            5_000_000, 15_000_000, 29_807_999, 29_808_000, 31_535_999, 31_536_000, 40_000_000, 100_000_000,
        ];
        foreach (var s in points)
        {
            data.Add(s);
            data.Add(-s);
        }
        return data;
    }

    [Theory, MemberData(nameof(Seconds))]
    public void Matches_humanizer(double secondsAgo)
    {
        // Several clock times, so calendar-day and month boundaries fall in different places.
        foreach (var now in new[]
                 {
                     new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 31, 0, 30, 0, TimeSpan.Zero),
                     new DateTimeOffset(2024, 2, 29, 23, 59, 30, TimeSpan.Zero), new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero),
                 })
        {
            var time = now.AddSeconds(-secondsAgo);
            Assert.Equal(time.Humanize(now, CultureInfo.InvariantCulture), RelativeTime.Describe(time, now));
        }
    }
}
