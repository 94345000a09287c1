using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Dsp;
using LatentPlayground.Inference.Tests;

namespace LatentPlayground.Tests;

/// <summary>
/// End-to-end renders through model packages of the shapes imported RAVE models bring (hop 512 to 4096,
/// latent size 1 to 128, 44.1 or 48 kHz), on synthetic packages whose graphs compute known numbers:
/// decode(encode(x)) is the staircase of x's means over L equal parts of each hop.
/// </summary>
public sealed class ImportedShapeRenderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-imported-render-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Theory]
    [InlineData(1024, 16, 44100, 48000)]
    [InlineData(4096, 128, 48000, 48000)]
    [InlineData(512, 1, 44100, 44100)]
    [InlineData(2048, 4, 44100, 22050)]
    public void Any_shape_renders_at_the_inputs_length_and_rate_with_one_csv_column_per_dimension(int hop, int latentSize, int modelRate, int inputRate)
    {
        using var model = new SyntheticPackage(hop, latentSize, modelRate);
        float[] input = Sine(inputRate * 3 / 2, inputRate, 0.3);
        WavWriter.Write(PathOf("in.wav"), new WavAudio(inputRate, [input, input]), WavSampleFormat.Float32);

        var (code, output, error) = CliRunner.Run("render", PathOf("in.wav"), PathOf("out.wav"), "--model", model.Folder, "--latents", PathOf("z.csv"));
        Assert.True(code == 0, error);
        WavAudio rendered = WavReader.Read(PathOf("out.wav"));
        Assert.Equal(inputRate, rendered.SampleRate);
        Assert.Equal(2, rendered.Channels);
        Assert.Equal(input.Length, rendered.Frames);
        Assert.Equal(inputRate != modelRate, output.Contains($"resampled {inputRate} -> {modelRate} Hz", StringComparison.Ordinal));

        string[] lines = File.ReadAllLines(PathOf("z.csv"));
        Assert.Equal(string.Join(',', ["frame", "time_s", .. Enumerable.Range(1, latentSize).Select(d => $"z{d}")]), lines[0]);
        int modelFrames = SincResampler.OutputLength(input.Length, inputRate, modelRate);
        Assert.Equal((modelFrames + hop - 1) / hop, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal(2 + latentSize, l.Split(',').Length));
    }

    [Theory]
    [InlineData(512, 128, 44100)]
    [InlineData(4096, 16, 44100)]
    [InlineData(2048, 64, 48000)]
    public void The_wet_signal_lines_up_with_the_input_and_only_the_first_eight_dimensions_are_moved(int hop, int latentSize, int rate)
    {
        using var model = new SyntheticPackage(hop, latentSize, rate);
        float[] input = Sine(hop * 12, rate, 0.3);
        WavWriter.Write(PathOf("in.wav"), new WavAudio(rate, [input]), WavSampleFormat.Float32);
        string[] plain = ["--set", "limiter=off", "--set", "mod=off"];

        // Unmoved, the render is the model's own staircase, sample for sample: the latency is compensated exactly.
        var untouched = CliRunner.Run(["render", PathOf("in.wav"), PathOf("plain.wav"), "--model", model.Folder, .. plain]);
        Assert.True(untouched.Code == 0, untouched.Error);
        float[] expected = Staircase(input, hop, latentSize);
        float[] wet = WavReader.Read(PathOf("plain.wav")).Samples[0];
        for (int t = 0; t < input.Length; t++)
        {
            Assert.True(Math.Abs(expected[t] - wet[t]) < 1e-5, $"sample {t}: {wet[t]}, the model gives {expected[t]}");
        }

        // Modulators and offsets on: the parts of each hop that dimensions 1..8 hold change, the rest do not.
        var moved = CliRunner.Run(["render", PathOf("in.wav"), PathOf("moved.wav"), "--model", model.Folder,
            "--set", "limiter=off", "--set", "scale=1", "--set", "speed=800", "--set", "offset.1=0.5", "--set", "offset.8=-0.5"]);
        Assert.True(moved.Code == 0, moved.Error);
        float[] modulated = WavReader.Read(PathOf("moved.wav")).Samples[0];
        int drivenEnd = (int)((8L * hop + latentSize - 1) / latentSize);
        double drivenChange = 0;
        for (int t = 0; t < input.Length; t++)
        {
            if (t % hop >= drivenEnd)
            {
                Assert.True(Math.Abs(expected[t] - modulated[t]) < 1e-5, $"sample {t} (dimension > 8): {modulated[t]}, the encoder gives {expected[t]}");
            }
            else
            {
                drivenChange = Math.Max(drivenChange, Math.Abs(expected[t] - modulated[t]));
            }
        }

        Assert.True(drivenChange > 0.1, $"dimensions 1..8 moved by at most {drivenChange}");
    }

    private static float[] Sine(int frames, int rate, double gain) =>
        [.. Enumerable.Range(0, frames).Select(t => (float)(gain * Math.Sin(2 * Math.PI * 220 * t / rate)))];

    private static float[] Staircase(float[] x, int hop, int latentSize)
    {
        var y = new float[x.Length];
        for (int start = 0; start + hop <= x.Length; start += hop)
        {
            float[] latent = SyntheticPackage.ExpectedLatent(x.AsSpan(start, hop), latentSize);
            SyntheticPackage.ExpectedAudio(latent, hop).CopyTo(y, start);
        }

        return y;
    }
}
