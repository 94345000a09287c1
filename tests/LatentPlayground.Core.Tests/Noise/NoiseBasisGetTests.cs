using LatentPlayground.Core.Noise;

namespace LatentPlayground.Core.Tests.Noise;

public class NoiseBasisGetTests
{
    [Theory]
    [InlineData(NoiseBasisKind.Cell)]
    [InlineData(NoiseBasisKind.Simplex)]
    [InlineData(NoiseBasisKind.Perlin)]
    [InlineData(NoiseBasisKind.Distorted)]
    [InlineData(NoiseBasisKind.Voronoi)]
    [InlineData(NoiseBasisKind.Fractal)]
    public void Get_returns_one_shared_instance_of_the_requested_kind(NoiseBasisKind kind)
    {
        NoiseBasis basis = NoiseBasis.Get(kind);

        Assert.Same(basis, NoiseBasis.Get(kind));
        Assert.Equal(kind, basis.Kind);
    }

    [Fact]
    public void Every_kind_has_its_own_field()
    {
        var distinct = NoiseWalk.AllKinds.Select(NoiseBasis.Get).Distinct().Count();

        Assert.Equal(6, distinct);
    }

    [Fact]
    public void Kind_numbers_are_the_ones_presets_store()
    {
        Assert.Equal(
            [0, 1, 2, 3, 4, 5],
            new[] { NoiseBasisKind.Cell, NoiseBasisKind.Simplex, NoiseBasisKind.Perlin, NoiseBasisKind.Distorted, NoiseBasisKind.Voronoi, NoiseBasisKind.Fractal }
                .Select(k => (int)k));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Get_rejects_an_undefined_kind(int kind)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseBasis.Get((NoiseBasisKind)kind));
    }
}
