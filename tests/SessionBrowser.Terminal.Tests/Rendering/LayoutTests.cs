using SessionBrowser.Terminal.Rendering;

namespace SessionBrowser.Terminal.Tests.Rendering;

public class LayoutTests
{
    [Fact]
    public void Fixed_rows_and_a_fill()
    {
        var rows = Layout.Rows(new Rect(0, 0, 80, 24), Constraint.Fixed(1), Constraint.Fill(), Constraint.Fixed(1));
        Assert.Equal([new Rect(0, 0, 80, 1), new Rect(0, 1, 80, 22), new Rect(0, 23, 80, 1)], rows);
    }

    [Fact]
    public void Percent_and_weighted_fills_share_exactly()
    {
        var columns = Layout.Columns(new Rect(2, 0, 100, 5), Constraint.Percent(40), Constraint.Fill(1), Constraint.Fill(2));
        Assert.Equal([40, 20, 40], columns.Select(c => c.Width));
        Assert.Equal([2, 42, 62], columns.Select(c => c.X));
    }

    [Fact]
    public void Odd_remainders_are_not_lost()
    {
        Assert.Equal([3, 4], Layout.Split(7, [Constraint.Fill(), Constraint.Fill()]));
    }

    [Fact]
    public void Too_little_room_shrinks_the_later_parts()
    {
        Assert.Equal([5, 2, 0], Layout.Split(7, [Constraint.Fixed(5), Constraint.Fixed(5), Constraint.Fill()]));
    }
}
