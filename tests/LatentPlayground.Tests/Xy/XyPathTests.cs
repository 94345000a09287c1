using LatentPlayground.Xy;

namespace LatentPlayground.Tests.Xy;

/// <summary>The XY path's interpolation.</summary>
public sealed class XyPathTests
{
    [Fact]
    public void Positions_are_linear_between_rows_and_held_outside_them()
    {
        XyPath path = XyPath.Parse("seconds, x, y\n1,0.2,1\n3,0.6,0\n4,1,0.5\n", "p.csv");
        Assert.Equal(3, path.Count);
        Assert.True(path.HasY);
        foreach ((double t, double x, double y) in new[] { (0.0, 0.2, 1.0), (1.0, 0.2, 1.0), (2.0, 0.4, 0.5), (3.0, 0.6, 0.0), (3.5, 0.8, 0.25), (4.0, 1.0, 0.5), (60.0, 1.0, 0.5) })
        {
            double px = -1, py = -1;
            path.At(t, ref px, ref py);
            Assert.Equal(x, px, 12);
            Assert.Equal(y, py, 12);
        }
    }

    [Fact]
    public void Without_a_y_column_y_is_left_as_given()
    {
        XyPath path = XyPath.Parse("0,0\n2,1\n", "p.csv");
        Assert.False(path.HasY);
        double x = -1, y = 0.7;
        path.At(0.5, ref x, ref y);
        Assert.Equal(0.25, x, 12);
        Assert.Equal(0.7, y);
    }
}
