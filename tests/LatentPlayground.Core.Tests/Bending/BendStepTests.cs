using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class BendStepTests
{
    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Chaos_and_amount_outside_0_to_1_are_refused_by_name(double value)
    {
        var chaos = Assert.Throws<ArgumentOutOfRangeException>(() => BendStep.Randomised("l", BendDistribution.Gaussian, chaos: value));
        Assert.Equal("Chaos", chaos.ParamName);
        Assert.Contains("Chaos must be between 0 and 1", chaos.Message, StringComparison.Ordinal);

        var amount = Assert.Throws<ArgumentOutOfRangeException>(() => BendStep.Flip("l", amount: value));
        Assert.Equal("Amount", amount.ParamName);

        // A with-expression goes through the same checks.
        BendStep valid = BendStep.Flip("l");
        Assert.Equal("Amount", Assert.Throws<ArgumentOutOfRangeException>(() => valid with { Amount = value }).ParamName);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(BendStep.ScaleMax + 0.001)]
    [InlineData(double.NaN)]
    public void Scale_outside_0_to_max_is_refused_by_name(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BendStep.Scaled("l", value));
        Assert.Equal("Scale", e.ParamName);
        Assert.Contains("between 0 and 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_enums_and_empty_layer_names_are_refused_by_name()
    {
        Assert.Equal("Operation", Assert.Throws<ArgumentOutOfRangeException>(() => new BendStep("l", (BendOperation)7)).ParamName);
        Assert.Equal(
            "Distribution",
            Assert.Throws<ArgumentOutOfRangeException>(() => BendStep.Randomised("l", (BendDistribution)9, 0.5)).ParamName);
        Assert.Equal("LayerName", Assert.Throws<ArgumentException>(() => BendStep.Flip("")).ParamName);
    }

    [Fact]
    public void The_bounds_themselves_are_accepted()
    {
        var low = new BendStep("l", BendOperation.Distribution, scale: 0, chaos: 0, amount: 0, distribution: BendDistribution.Uniform, seed: 0);
        var high = new BendStep("l", BendOperation.Distribution, scale: BendStep.ScaleMax, chaos: 1, amount: 1, distribution: BendDistribution.Laplace, seed: uint.MaxValue);

        Assert.Equal(0.0, low.Amount);
        Assert.Equal(BendStep.ScaleMax, high.Scale);
        Assert.Equal(low with { Scale = BendStep.ScaleMax, Chaos = 1, Amount = 1, Distribution = BendDistribution.Laplace, Seed = uint.MaxValue }, high);
    }

    [Fact]
    public void Apply_refuses_mismatched_overlapping_or_default_input()
    {
        var layer = new float[100];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => WeightBender.Apply(BendStep.Flip("l"), layer, new float[99])).ParamName);
        Assert.Equal(
            "destination",
            Assert.Throws<ArgumentException>(() => WeightBender.Apply(BendStep.Flip("l"), layer.AsSpan(0, 50), layer.AsSpan(10, 50))).ParamName);
        Assert.Equal("step", Assert.Throws<ArgumentException>(() => WeightBender.Apply(default, layer, layer)).ParamName);
        Assert.Throws<ArgumentException>(() => new Bend([default(BendStep)]));
        Assert.Throws<ArgumentException>(() => Bend.Empty.Append(default));
    }

    [Fact]
    public void An_empty_layer_bends_to_an_empty_layer()
    {
        WeightBender.Apply(BendStep.Randomised("l", BendDistribution.Gaussian, 1.0), [], []);
        Assert.Equal(default, LayerStatistics.Of([]));
    }
}
