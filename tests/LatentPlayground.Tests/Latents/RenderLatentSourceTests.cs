using System.Globalization;
using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Tests.Latents;

/// <summary><c>render --latent-source</c>: the looper auditioned offline through the bundled model.</summary>
public sealed class RenderLatentSourceTests : IDisposable
{
    private const int Rate = 48000;
    private const int Hop = 2048;
    private const double LatentRate = Rate / (double)Hop;
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-latent-render-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Input(int seconds)
    {
        var x = new float[Rate * seconds];
        for (int t = 0; t < x.Length; t++)
        {
            x[t] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * t / Rate));
        }

        string path = PathOf("in.wav");
        WavWriter.Write(path, new WavAudio(Rate, [x]), WavSampleFormat.Float32);
        return path;
    }

    private static LatentArray Pattern(int frames, int dimensions = 8)
    {
        var values = new double[frames * dimensions];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Sin(i * 0.37) * 2.5;
        }

        return new LatentArray(frames, dimensions, values);
    }

    private string Npy(string name, LatentArray array)
    {
        string path = PathOf(name);
        using (var stream = File.Create(path))
        {
            NpyCodec.Write(stream, array, LatentPrecision.Bits64);
        }

        return path;
    }

    private List<float[]> Csv(string name) =>
        [.. File.ReadAllLines(PathOf(name)).Skip(1).Select(l => l.Split(',').Skip(2).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())];

    [Theory]
    [InlineData(93.7)]
    [InlineData(174)]
    public void The_loop_plays_where_the_transport_is_with_offsets_on_top(double bpm)
    {
        LatentArray pattern = Pattern(24);
        string source = Npy("p.npy", pattern);
        var r = CliRunner.Run("render", Input(6), PathOf("out.wav"), "--latent-source", source, "--bpm", bpm.ToString(CultureInfo.InvariantCulture),
            "--loop-bars", "1", "--set", "mode=none", "--set", "mod=off", "--set", "offset.3=0.5", "--latents", PathOf("z.csv"));
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains("24 frames fitted to 1 bar(s)", r.Out, StringComparison.Ordinal);

        var loop = new LatentLoopSource(pattern, LatentRate, loopBeats: 4);
        List<float[]> z = Csv("z.csv");
        Assert.Equal((6 * Rate) / Hop + 1, z.Count);
        float[] expected = new float[8];
        for (int h = 0; h < z.Count; h++)
        {
            loop.TryRead(h, new TempoState(bpm, true, h * (double)Hop * bpm / (60.0 * Rate)), expected);
            for (int d = 0; d < 8; d++)
            {
                Assert.Equal(expected[d] + (d == 2 ? 0.5f : 0f), z[h][d], 1e-3);
            }
        }

        Assert.True(WavReader.Read(PathOf("out.wav")).Samples[0].Max(Math.Abs) > 1e-3f, "the model decoded silence");
    }

    [Fact]
    public void Without_a_tempo_the_pattern_plays_at_its_own_rate()
    {
        LatentArray pattern = Pattern(5);
        var r = CliRunner.Run("render", Input(1), PathOf("out.wav"), "--latent-source", Npy("p.npy", pattern),
            "--set", "mode=none", "--set", "mod=off", "--latents", PathOf("z.csv"));
        Assert.True(r.Code == 0, r.Error);
        List<float[]> z = Csv("z.csv");
        for (int h = 0; h < z.Count; h++)
        {
            Assert.Equal(pattern.Row(h % 5).ToArray().Select(v => (float)v), z[h]);
        }
    }

    [Fact]
    public void A_file_of_another_size_is_refused_and_nothing_written()
    {
        string source = Npy("p4.npy", Pattern(10, 4));
        var r = CliRunner.Run("render", Input(1), PathOf("out.wav"), "--latent-source", source, "--bpm", "120");
        Assert.Equal(2, r.Code);
        Assert.Equal($"latentplayground: {source}: 4 latent dimensions, but the model has 8; a latent file plays only through a model of its own size", r.Error.Trim());
        Assert.False(File.Exists(PathOf("out.wav")));

        var over = CliRunner.Run("render", PathOf("in.wav"), source, "--latent-source", source);
        Assert.Equal(2, over.Code);
        Assert.Contains("is also the --latent-source", over.Error, StringComparison.Ordinal);
    }
}
