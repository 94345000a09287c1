using LatentPlayground.Core.Bending;

namespace LatentPlayground.Core.Tests.Bending;

public class FlipAndScaleTests
{
    [Fact]
    public void Flip_is_exact_negation_of_every_weight()
    {
        float[] pristine = BendLayers.Learned(1000);
        pristine[3] = 0f;
        pristine[4] = -0f;
        pristine[5] = float.Epsilon;
        var bent = new float[pristine.Length];

        WeightBender.Apply(BendStep.Flip("enc.0.weight"), pristine, bent);

        for (int i = 0; i < pristine.Length; i++)
        {
            // Only the sign bit differs: −w exactly, zeros included.
            Assert.Equal(BitConverter.SingleToInt32Bits(pristine[i]) ^ int.MinValue, BitConverter.SingleToInt32Bits(bent[i]));
        }
    }

    [Fact]
    public void Flip_twice_gives_the_pristine_bits_back()
    {
        float[] pristine = BendLayers.Learned(777);
        var bent = new float[pristine.Length];
        BendStep flip = BendStep.Flip("l", amount: 0.4, seed: 9);

        WeightBender.Apply(flip, pristine, bent);
        WeightBender.Apply(flip, bent, bent);

        Assert.True(BendLayers.BitEqual(pristine, bent));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(1.37)]
    [InlineData(BendStep.ScaleMax)]
    public void Scale_is_one_exact_float_multiplication(double factor)
    {
        float[] pristine = BendLayers.Learned(1000);
        var bent = new float[pristine.Length];

        WeightBender.Apply(BendStep.Scaled("l", factor), pristine, bent);

        float f = (float)factor;
        for (int i = 0; i < pristine.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(pristine[i] * f), BitConverter.SingleToInt32Bits(bent[i]));
        }
    }

    [Fact]
    public void Scale_of_one_leaves_the_layer_bit_identical()
    {
        float[] pristine = BendLayers.Learned(1000);
        var bent = new float[pristine.Length];

        WeightBender.Apply(BendStep.Scaled("l", 1.0, amount: 0.6, seed: 4), pristine, bent);

        Assert.True(BendLayers.BitEqual(pristine, bent));
    }

    [Theory]
    [InlineData(BendOperation.Flip)]
    [InlineData(BendOperation.Scale)]
    [InlineData(BendOperation.Distribution)]
    public void Applying_in_place_gives_the_same_bits_as_into_another_buffer(BendOperation operation)
    {
        float[] pristine = BendLayers.Learned(5000);
        var step = new BendStep("l", operation, scale: 2.5, chaos: 0.7, amount: 0.45, distribution: BendDistribution.Laplace, seed: 77);
        var outOfPlace = new float[pristine.Length];
        float[] inPlace = (float[])pristine.Clone();

        WeightBender.Apply(step, pristine, outOfPlace);
        WeightBender.Apply(step, inPlace, inPlace);

        Assert.True(BendLayers.BitEqual(outOfPlace, inPlace));
    }
}
