using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Tests;

/// <summary>End-to-end renders through the bundled default model, as a user runs them.</summary>
public sealed class RenderCommandTests : IDisposable
{
    private const int Rate = 48000;
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-render-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static float[] Pluck(int frames, int rate, double gain = 0.5)
    {
        // A decaying plucked tone with a few partials, restruck every half second: guitar-like enough.
        var x = new float[frames];
        for (int t = 0; t < frames; t++)
        {
            double local = t % (rate / 2) / (double)rate;
            double f = 196 * (1 + (t / (rate / 2) % 3 * 0.25));
            double s = Math.Sin(2 * Math.PI * f * local) + (0.4 * Math.Sin(4 * Math.PI * f * local)) + (0.2 * Math.Sin(6 * Math.PI * f * local));
            x[t] = (float)(gain * s * Math.Exp(-6 * local) / 1.6);
        }

        return x;
    }

    private string WriteInput(string name, float[][] channels, int rate = Rate, WavSampleFormat format = WavSampleFormat.Float32)
    {
        string path = PathOf(name);
        WavWriter.Write(path, new WavAudio(rate, channels), format);
        return path;
    }

    private static (int Code, string Out, string Error) Render(params string[] args) => CliRunner.Run(["render", .. args]);

    [Fact]
    public void A_render_is_deterministic_and_keeps_length_rate_and_channels()
    {
        float[] mono = Pluck(Rate * 2, Rate);
        string input = WriteInput("in.wav", [mono, mono.Select(v => v * 0.5f).ToArray()]);
        var first = Render(input, PathOf("a.wav"), "--seed", "7", "--set", "basis=fractal", "--bpm", "120", "--set", "time.1=1/4");
        Assert.True(first.Code == 0, first.Error);
        var second = Render(input, PathOf("b.wav"), "--seed", "7", "--set", "basis=fractal", "--bpm", "120", "--set", "time.1=1/4");
        Assert.Equal(0, second.Code);
        Assert.Equal(File.ReadAllBytes(PathOf("a.wav")), File.ReadAllBytes(PathOf("b.wav")));

        WavAudio output = WavReader.Read(PathOf("a.wav"));
        Assert.Equal(2, output.Channels);
        Assert.Equal(Rate, output.SampleRate);
        Assert.Equal(mono.Length, output.Frames);
        Assert.True(output.Samples[0].Max(Math.Abs) > 1e-3f, "the model produced silence");

        var other = Render(input, PathOf("c.wav"), "--seed", "8", "--set", "basis=fractal", "--bpm", "120", "--set", "time.1=1/4");
        Assert.Equal(0, other.Code);
        Assert.NotEqual(File.ReadAllBytes(PathOf("a.wav")), File.ReadAllBytes(PathOf("c.wav")));
    }

    [Fact]
    public void Decode_off_gives_the_dry_signal()
    {
        float[] mono = Pluck(Rate, Rate);
        string input = WriteInput("in.wav", [mono]);
        var r = Render(input, PathOf("out.wav"), "--set", "decode=off");
        Assert.True(r.Code == 0, r.Error);
        float[] output = WavReader.Read(PathOf("out.wav")).Samples[0];
        for (int t = 0; t < mono.Length; t++)
        {
            Assert.Equal(mono[t], output[t], 6);
        }
    }

    [Fact]
    public void Encode_off_with_offsets_gives_a_steady_tone()
    {
        string input = WriteInput("in.wav", [Pluck(Rate * 3, Rate)]);
        // A point where the trained default model sounds: it maps the origin and much of the space near it
        // to near-silence, and loud input to dimensions 5-7 far from zero.
        var r = Render(input, PathOf("out.wav"), "--set", "encode=off", "--set", "mod=off", "--set", "offset.5=-2", "--set", "offset.6=2", "--set", "offset.7=2");
        Assert.True(r.Code == 0, r.Error);
        float[] output = WavReader.Read(PathOf("out.wav")).Samples[0];

        // The input is struck six times; a steady output ignores that. 100 ms RMS windows after settling barely move.
        double[] rms = Enumerable.Range(5, 24).Select(w => Math.Sqrt(output.Skip(w * 4800).Take(4800).Average(v => (double)v * v))).ToArray();
        double mean = rms.Average();
        double spread = Math.Sqrt(rms.Average(v => (v - mean) * (v - mean))) / mean;
        Assert.True(mean > 1e-3, $"silent output (rms {mean})");
        Assert.True(spread < 0.2, $"RMS varies by {spread:P0} between windows: not steady");
    }

    [Fact]
    public void The_limiter_holds_its_ceiling_on_a_12_dB_hot_input()
    {
        string input = WriteInput("in.wav", [Pluck(Rate * 2, Rate, gain: 3.98)]);
        var r = Render(input, PathOf("out.wav"), "--set", "ceiling=-1", "--set", "drywet=100", "--set", "scale=3", "--set", "offset.2=2.5");
        Assert.True(r.Code == 0, r.Error);
        double ceiling = Math.Pow(10, -1 / 20.0);
        Assert.All(WavReader.Read(PathOf("out.wav")).Samples[0], v => Assert.True(Math.Abs(v) <= ceiling + 1e-6, $"{v} over {ceiling}"));
    }

    [Fact]
    public void Another_rate_is_resampled_and_written_back_at_that_rate()
    {
        float[] mono = Pluck(44100, 44100);
        string input = WriteInput("in.wav", [mono], 44100, WavSampleFormat.Pcm24);
        var r = Render(input, PathOf("out.wav"), "--set", "decode=off");
        Assert.True(r.Code == 0, r.Error);
        Assert.Contains("resampled 44100 -> 48000 Hz and back", r.Out, StringComparison.Ordinal);
        WavAudio output = WavReader.Read(PathOf("out.wav"));
        Assert.Equal(44100, output.SampleRate);
        Assert.Equal(mono.Length, output.Frames);

        // Through two conversions, the dry signal survives to within the stated quality.
        double err = 0;
        double sig = 0;
        for (int t = 4410; t < mono.Length - 4410; t++)
        {
            err += (output.Samples[0][t] - mono[t]) * (output.Samples[0][t] - mono[t]);
            sig += mono[t] * mono[t];
        }

        Assert.True(10 * Math.Log10(sig / err) > 60, $"SNR {10 * Math.Log10(sig / err):F1} dB");
    }

    [Fact]
    public void Latents_are_written_per_frame()
    {
        string input = WriteInput("in.wav", [Pluck(Rate, Rate)]);
        var r = Render(input, PathOf("out.wav"), "--latents", PathOf("z.csv"));
        Assert.True(r.Code == 0, r.Error);
        string[] lines = File.ReadAllLines(PathOf("z.csv"));
        Assert.Equal("frame,time_s,z1,z2,z3,z4,z5,z6,z7,z8", lines[0]);
        Assert.Equal((Rate + 2047) / 2048, lines.Length - 1);
    }

    public static TheoryData<string, string[]> BadInputs => new()
    {
        { "missing.wav: no such file", ["{dir}/missing.wav", "{dir}/out.wav"] },
        { "not a WAV", ["{dir}/text.wav", "{dir}/out.wav"] },
        { "truncated", ["{dir}/truncated.wav", "{dir}/out.wav"] },
        { "no such model folder", ["{dir}/good.wav", "{dir}/out.wav", "--model", "{dir}/no-model"] },
        { "model.json", ["{dir}/good.wav", "{dir}/out.wav", "--model", "{dir}/broken-model"] },
        { "'warp.speed' is not a parameter", ["{dir}/good.wav", "{dir}/out.wav", "--set", "warp.speed=3"] },
        { "drywet: 150 is out of range", ["{dir}/good.wav", "{dir}/out.wav", "--set", "drywet=150"] },
        { "folder", ["{dir}/good.wav", "{dir}/missing-folder/out.wav"] },
        { "preset", ["{dir}/good.wav", "{dir}/out.wav", "--preset", "{dir}/missing-preset.json"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_gives_one_line_a_non_zero_exit_and_no_output_file(string expected, string[] args)
    {
        WriteInput("good.wav", [Pluck(Rate / 2, Rate)]);
        File.WriteAllText(PathOf("text.wav"), "this is not audio at all, just text");
        byte[] good = File.ReadAllBytes(PathOf("good.wav"));
        File.WriteAllBytes(PathOf("truncated.wav"), good[..(good.Length / 2)]);
        Directory.CreateDirectory(PathOf("broken-model"));
        File.WriteAllText(Path.Combine(PathOf("broken-model"), "model.json"), "{ not json");
        string[] before = Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories);

        var (code, output, error) = Render(args.Select(a => a.Replace("{dir}", _folder, StringComparison.Ordinal)).ToArray());

        Assert.NotEqual(0, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(before.Order(), Directory.GetFileSystemEntries(_folder, "*", SearchOption.AllDirectories).Order());
    }
}
