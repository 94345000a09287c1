using LatentPlayground.Audio.Wav;
using LatentPlayground.Inference;

namespace LatentPlayground.Tests.Import;

/// <summary>
/// What RAVE itself computes, the imported package computes: each fixture's streaming TorchScript
/// references (made by RAVE's own code, every random draw at its noise-free value) against the package
/// run hop by hop by ONNX Runtime from its initial state, on the fixture's own input.
/// </summary>
[Collection(RaveFixtureCollection.Name)]
public sealed class ImportedFixtureOutputTests(RaveFixtures fixtures)
{
    public static TheoryData<string> Names => [.. RaveFixtures.Names];

    [RaveFixtureTheory]
    [MemberData(nameof(Names))]
    public void The_fp32_package_reproduces_RAVEs_streaming_latent_and_output(string name)
    {
        var (code, _, error, folder) = fixtures.Imported(name);
        Assert.True(code == 0, error);
        var package = ModelPackage.Load(folder);
        using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Fp32, DeterministicNoise = true });
        float[] input = WavReader.Read(Path.Combine(RaveFixtures.Folder(name), "input.wav")).Samples[0];
        var (latentShape, latentRef) = RaveFixtures.ReadNpy(Path.Combine(RaveFixtures.Folder(name), "stream_det_latent.npy"));
        float[] outputRef = WavReader.Read(Path.Combine(RaveFixtures.Folder(name), "stream_det_forward.wav")).Samples[0];
        int hop = package.Hop, size = package.LatentSize, frames = input.Length / hop;
        Assert.Equal([size, frames], latentShape);

        var latent = new float[size];
        var output = new float[frames * hop];
        double latentErr = 0, latentMax = 0;
        for (int t = 0; t < frames; t++)
        {
            codec.Encode(input.AsSpan(t * hop, hop), latent);
            for (int d = 0; d < size; d++)
            {
                float expected = latentRef[(d * frames) + t];
                latentErr = Math.Max(latentErr, Math.Abs(latent[d] - expected));
                latentMax = Math.Max(latentMax, Math.Abs(expected));
            }

            codec.Decode(latent, output.AsSpan(t * hop, hop));
        }

        double outErr = 0, outMax = 0;
        for (int i = 0; i < output.Length; i++)
        {
            outErr = Math.Max(outErr, Math.Abs(output[i] - outputRef[i]));
            outMax = Math.Max(outMax, Math.Abs(outputRef[i]));
        }

        Assert.True(latentErr / latentMax <= 1e-4, $"{name}: latent relative error {latentErr / latentMax:e2}");
        Assert.True(outErr / outMax <= 1e-4, $"{name}: output relative error {outErr / outMax:e2}");
    }

    [RaveFixtureTheory]
    [MemberData(nameof(Names))]
    public void Render_with_the_latent_untouched_plays_RAVEs_own_output_after_the_reported_latency(string name)
    {
        var (code, _, error, folder) = fixtures.Imported(name);
        Assert.True(code == 0, error);
        string output = Path.Combine(fixtures.Work, $"{name}-render.wav");
        // Modulators off, no range mode, no limiter, dry alignment off, the model's noise at its
        // noise-free value: the pedal's wet signal is then the model's own output, late by the engine.
        var (rc, stdout, stderr) = CliRunner.Run("render", Path.Combine(RaveFixtures.Folder(name), "input.wav"), output,
            "--model", folder, "--precision", "fp32", "--noise", "off",
            "--set", "mod=off", "--set", "mode=none", "--set", "limiter=off", "--set", "align=off");
        Assert.True(rc == 0, stderr);
        int wetLatency = int.Parse(System.Text.RegularExpressions.Regex.Match(stdout, @"wet latency (\d+) samples").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int lag = wetLatency - ModelPackage.Load(folder).LatencySamples;

        float[] rendered = WavReader.Read(output).Samples[0];
        float[] reference = WavReader.Read(Path.Combine(RaveFixtures.Folder(name), "stream_det_forward.wav")).Samples[0];
        Assert.Equal(reference.Length, rendered.Length);
        double err = 0, max = 0;
        for (int i = 0; i + lag < rendered.Length; i++)
        {
            err = Math.Max(err, Math.Abs(rendered[i + lag] - reference[i]));
            max = Math.Max(max, Math.Abs(reference[i]));
        }

        Assert.True(err / max <= 1e-4, $"{name}: rendered output differs from RAVE's by {err / max:e2} (relative) at lag {lag}");
    }

    [RaveFixtureTheory]
    [MemberData(nameof(Names))]
    public void A_hop_of_an_imported_model_allocates_nothing_with_its_noise_drawn(string name)
    {
        var (code, _, error, folder) = fixtures.Imported(name);
        Assert.True(code == 0, error);
        var package = ModelPackage.Load(folder);
        foreach (ModelPrecision precision in package.Precisions)
        {
            using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = precision, NoiseSeed = 7 });
            var engine = new Core.Engine.OfflineEngine(codec, 1);
            var block = new float[codec.Hop];
            var output = new float[codec.Hop];
            for (int i = 0; i < block.Length; i++)
            {
                block[i] = 0.3f * MathF.Sin(i * 0.05f);
            }

            for (int i = 0; i < 4; i++)
            {
                engine.Process(block, output, block.Length);
            }

            // The runtime may charge a one-off housekeeping allocation to the running thread when tiering kicks in
            // (seen on a loaded machine); garbage made per hop shows in every pass.
            var allocated = new long[3];
            for (int pass = 0; pass < allocated.Length; pass++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 16; i++)
                {
                    engine.Process(block, output, block.Length);
                }

                allocated[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated[pass] == 0)
                {
                    break;
                }
            }

            Assert.True(allocated.Contains(0), $"{name} ({precision}): {string.Join(", ", allocated)} bytes per 16 hops");
            Assert.All(output, v => Assert.True(float.IsFinite(v)));
        }
    }

    [RaveFixtureFact]
    public void The_same_noise_seed_gives_the_same_output_and_another_seed_changes_it()
    {
        // v1_c8 has a noise generator and a cropped latent: both are drawn by the engine.
        var (code, _, error, folder) = fixtures.Imported("v1_c8");
        Assert.True(code == 0, error);
        var package = ModelPackage.Load(folder);
        float[] Run(ulong seed)
        {
            using var codec = new OnnxStreamingCodec(package, new CodecOptions { Precision = ModelPrecision.Fp32, NoiseSeed = seed });
            var latent = new float[codec.LatentSize];
            var audio = new float[codec.Hop * 6];
            for (int h = 0; h < 6; h++)
            {
                codec.Decode(latent, audio.AsSpan(h * codec.Hop, codec.Hop));
            }

            return audio;
        }

        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }
}
