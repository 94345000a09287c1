namespace LatentPlayground.Inference.Tests;

/// <summary>
/// The shapes imported RAVE models bring load and run: latent sizes 1 to 128, hops 512 to 4096 (powers of
/// two or not), 44.1 or 48 kHz, checked on synthetic packages whose graphs compute known numbers.
/// </summary>
public sealed class ModelShapeTests
{
    [Theory]
    [InlineData(512, 1, 44100)]
    [InlineData(512, 4, 48000)]
    [InlineData(1024, 8, 44100)]
    [InlineData(1536, 16, 48000)]
    [InlineData(2048, 64, 44100)]
    [InlineData(4096, 128, 48000)]
    [InlineData(4096, 128, 44100)]
    public void A_package_of_any_supported_shape_loads_and_runs_one_hop_exactly(int hop, int latentSize, int sampleRate)
    {
        using var p = new SyntheticPackage(hop, latentSize, sampleRate);
        ModelPackage package = ModelPackage.Load(p.Folder);
        Assert.Equal(hop, package.Hop);
        Assert.Equal(latentSize, package.LatentSize);
        Assert.Equal(sampleRate, package.SampleRate);
        Assert.Equal(Math.Min(8, latentSize), ModelPackage.DrivenDimensions(latentSize));

        using var codec = new OnnxStreamingCodec(package);
        Assert.Equal(hop, codec.Hop);
        Assert.Equal(latentSize, codec.LatentSize);
        Assert.Equal(sampleRate, codec.SampleRate);

        var audio = new float[hop];
        for (int i = 0; i < hop; i++)
        {
            audio[i] = MathF.Sin(i * 0.013f) * 0.7f;
        }

        var latent = new float[latentSize];
        codec.Encode(audio, latent);
        float[] expectedLatent = SyntheticPackage.ExpectedLatent(audio, latentSize);
        for (int d = 0; d < latentSize; d++)
        {
            Assert.Equal(expectedLatent[d], latent[d], 4);
        }

        // The engine changes z before decoding: the decoder must sound exactly the frame it is given.
        latent[latentSize - 1] = 2.5f;
        var decoded = new float[hop];
        codec.Decode(latent, decoded);
        float[] expectedAudio = SyntheticPackage.ExpectedAudio(latent, hop);
        for (int i = 0; i < hop; i++)
        {
            Assert.Equal(expectedAudio[i], decoded[i], 4);
        }
    }
}
