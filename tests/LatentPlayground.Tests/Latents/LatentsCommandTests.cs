using LatentPlayground.Audio.Wav;
using LatentPlayground.Core.Latents;
using LatentPlayground.Latents;
using LatentPlayground.Render;

namespace LatentPlayground.Tests.Latents;

/// <summary><c>latents encode, stats, generate, decode</c> as a user runs them, through the bundled model.</summary>
public sealed class LatentsCommandTests : IDisposable
{
    private const int Rate = 48000;
    private const int Hop = 2048;
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-latents-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static (int Code, string Out, string Error) Latents(params string[] args) => CliRunner.Run(["latents", .. args]);

    private string Input(string name = "in.wav", int frames = Rate * 2)
    {
        var x = new float[frames];
        for (int t = 0; t < frames; t++)
        {
            double local = t % (Rate / 2) / (double)Rate;
            x[t] = (float)(0.4 * Math.Sin(2 * Math.PI * 196 * local) * Math.Exp(-5 * local));
        }

        string path = PathOf(name);
        WavWriter.Write(path, new WavAudio(Rate, [x]), WavSampleFormat.Float32);
        return path;
    }

    private string Npy(string name, LatentArray array, LatentPrecision precision = LatentPrecision.Bits64)
    {
        string path = PathOf(name);
        using var stream = File.Create(path);
        NpyCodec.Write(stream, array, precision);
        return path;
    }

    [Fact]
    public void Encode_writes_both_formats_with_the_same_latents_and_decode_plays_them()
    {
        string input = Input();
        var npy = Latents("encode", input, PathOf("a.npy"));
        Assert.True(npy.Code == 0, npy.Error);
        Assert.Contains("47 frames × 8 dimensions at 23.438 Hz", npy.Out, StringComparison.Ordinal);
        var wav = Latents("encode", input, PathOf("a.wav"));
        Assert.True(wav.Code == 0, wav.Error);

        LatentArray fromNpy = LatentFiles.Read(PathOf("a.npy"));
        LatentArray fromWav = LatentFiles.Read(PathOf("a.wav"));
        Assert.Equal(47, fromNpy.Frames);
        Assert.Equal(8, fromNpy.Dimensions);
        Assert.Equal(fromNpy.Values.ToArray(), fromWav.Values.ToArray());
        Assert.Contains(fromNpy.Values.ToArray(), v => Math.Abs(v) > 1);

        var decoded = Latents("decode", PathOf("a.wav"), PathOf("out.wav"));
        Assert.True(decoded.Code == 0, decoded.Error);
        WavAudio audio = WavReader.Read(PathOf("out.wav"));
        Assert.Equal(Rate, audio.SampleRate);
        Assert.Equal(47 * Hop, audio.Frames);
        Assert.True(audio.Samples[0].Max(Math.Abs) > 1e-3f, "the model decoded silence");

        Assert.Equal(0, Latents("decode", PathOf("a.npy"), PathOf("again.wav")).Code);
        Assert.Equal(File.ReadAllBytes(PathOf("out.wav")), File.ReadAllBytes(PathOf("again.wav")));
    }

    [Fact]
    public void Encode_then_decode_is_aligned_with_the_input()
    {
        var codec = new ShiftCodec(hop: 16, latency: 5);
        float[] x = [.. Enumerable.Range(0, 100).Select(i => (float)Math.Sin(i * 0.3))];
        LatentArray latents = LatentCodecRun.Encode(codec, x);
        Assert.Equal(7, latents.Frames);
        float[] back = LatentCodecRun.Decode(codec, latents);
        Assert.Equal(7 * 16, back.Length);
        Assert.Equal(x, back[..100]);
        Assert.All(back[100..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Stats_prints_one_row_a_dimension_over_all_files()
    {
        string a = Npy("a.npy", LatentArray.FromRows(new double[,] { { 1, 10 }, { 3, 10 } }));
        string b = Npy("b.npy", LatentArray.FromRows(new double[,] { { 5, -2 } }));
        var r = Latents("stats", a, b);
        Assert.True(r.Code == 0, r.Error);
        string[] lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("# 2 file(s), 3 frames, 2 dimensions", r.Out, StringComparison.Ordinal);
        Assert.Equal(["1", "3.00000", "1.63299", "1.00000", "5.00000"], lines[^2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["2", "6.00000", "5.65685", "-2.00000", "10.00000"], lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

        string c = Npy("c.npy", LatentArray.FromRows(new double[,] { { 1, 2, 3 } }));
        var mixed = Latents("stats", a, c);
        Assert.Equal(2, mixed.Code);
        Assert.Equal($"latentplayground: {c}: 3 latent dimensions, but {a} has 2; only latents of one model are measured together", mixed.Error.Trim());
    }

    [Theory]
    [InlineData("fibo")]
    [InlineData("orale")]
    [InlineData("blender")]
    [InlineData("swapper")]
    public void Generate_is_reproducible_for_a_seed_in_both_formats(string pattern)
    {
        var rows = new double[12, 8];
        for (int f = 0; f < 12; f++)
        {
            for (int d = 0; d < 8; d++)
            {
                rows[f, d] = Math.Sin((f * 0.7) + d) * (d + 1);
            }
        }

        string a = Npy("a.npy", LatentArray.FromRows(rows));
        string[] common = ["generate", "--from", a, "--pattern", pattern, "--dist", "correlated", "--frames", "6"];
        var first = Latents([.. common, "--seed", "4", "--out", PathOf("1.npy")]);
        Assert.True(first.Code == 0, first.Error);
        Assert.Equal(0, Latents([.. common, "--seed", "4", "--out", PathOf("2.npy")]).Code);
        Assert.Equal(0, Latents([.. common, "--seed", "5", "--out", PathOf("3.npy")]).Code);
        Assert.Equal(File.ReadAllBytes(PathOf("1.npy")), File.ReadAllBytes(PathOf("2.npy")));
        Assert.NotEqual(File.ReadAllBytes(PathOf("1.npy")), File.ReadAllBytes(PathOf("3.npy")));

        Assert.Equal(0, Latents([.. common, "--seed", "4", "--out", PathOf("1.wav")]).Code);
        Assert.Equal(LatentFiles.Read(PathOf("1.npy")).Values.ToArray(), LatentFiles.Read(PathOf("1.wav")).Values.ToArray());
    }

    [Fact]
    public void Generate_from_the_files_as_they_are()
    {
        string a = Npy("a.npy", LatentArray.FromRows(new double[,] { { 0, 0 }, { 0, 0 } }));
        string b = Npy("b.npy", LatentArray.FromRows(new double[,] { { 1, 2 }, { 3, 4 } }));
        var r = Latents("generate", "--from", a, "--with", b, "--pattern", "blender", "--out", PathOf("g.npy"));
        Assert.True(r.Code == 0, r.Error);
        Assert.Equal(BlenderPattern.Apply(LatentFiles.Read(a), LatentFiles.Read(b)).Values.ToArray(), LatentFiles.Read(PathOf("g.npy")).Values.ToArray());

        var fibo = Latents("generate", "--from", b, "--pattern", "fibo", "--out", PathOf("f.npy"));
        Assert.True(fibo.Code == 0, fibo.Error);
        Assert.Equal(new double[] { 1, 2, 1, 2, 3, 4 }, LatentFiles.Read(PathOf("f.npy")).Values.ToArray());
    }

    public static TheoryData<string, string[], string> BadInputs => new()
    {
        { "d4.npy", ["decode", "{d4.npy}", "{out.wav}"], "{d4.npy}: 4 latent dimensions, but latentplayground-default (int8) has 8; a latent file plays only through a model of its own size" },
        { "nan.npy", ["decode", "{nan.npy}", "{out.wav}"], "{nan.npy}: frame 3, dimension 2 is NaN; a latent must be finite" },
        { "empty.npy", ["stats", "{empty.npy}"], "{empty.npy}: shape (0, 8) holds no values: an empty latent array" },
        { "in.wav", ["decode", "{in.wav}", "{out.wav}"], "{in.wav}: an audio WAV (48000 Hz), not a latent WAV: latent WAVs run at a model's latent rate, tens of hertz" },
        { "a8.npy", ["generate", "--from", "{a8.npy}", "--with", "{d4.npy}", "--pattern", "swapper", "--out", "{out.npy}"], "{d4.npy}: 4 latent dimensions, but {a8.npy} has 8; --from and --with must come from one model" },
        { "a8.npy", ["generate", "--from", "{a8.npy}", "--with", "{b8.npy}", "--pattern", "swapper", "--out", "{out.npy}"], "--pattern: swapper needs two arrays of the same size, not 10×8 and 3×8 (--frames N cuts both to N)" },
        { "a8.npy", ["generate", "--from", "{a8.npy}", "--pattern", "blender", "--out", "{out.npy}"], "--with: blender works on two arrays; give --with B, or --dist to draw both from A's statistics" },
        { "a8.npy", ["generate", "--from", "{a8.npy}", "--pattern", "fibo", "--out", "{a8.npy}"], "{a8.npy}: is also the --from ({a8.npy}); the --out must be another file" },
        { "a8.npy", ["generate", "--from", "{a8.npy}", "--pattern", "fibo", "--out", "{out.csv}"], "{out.csv}: a latent file ends in .npy (numpy) or .wav (a latent WAV)" },
        { "a8.npy", ["generate", "--from", "{a8.npy}", "--pattern", "orale", "--levels", "9", "--out", "{out.npy}"], "--pattern: orale: 9 levels is outside 1..8" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_is_one_line_exit_2_and_nothing_written(string bad, string[] args, string message)
    {
        _ = bad;
        Npy("d4.npy", new LatentArray(10, 4, new double[40]));
        File.WriteAllBytes(PathOf("nan.npy"), NanNpy());
        File.WriteAllBytes(PathOf("empty.npy"), EmptyNpy());
        Npy("a8.npy", new LatentArray(10, 8, new double[80]));
        Npy("b8.npy", new LatentArray(3, 8, new double[24]));
        Input("in.wav", 4800);
        string[] files = Directory.GetFiles(_folder);

        var r = Latents([.. args.Select(Expand)]);
        Assert.Equal(2, r.Code);
        Assert.Equal($"latentplayground: {Expand(message)}", r.Error.TrimEnd('\n'));
        Assert.Equal(files, Directory.GetFiles(_folder));

        static byte[] NanNpy()
        {
            using var stream = new MemoryStream();
            NpyCodec.Write(stream, new LatentArray(10, 8, new double[80]), LatentPrecision.Bits64);
            byte[] bytes = stream.ToArray();
            BitConverter.GetBytes(double.NaN).CopyTo(bytes, bytes.Length - (80 * 8) + (26 * 8));
            return bytes;
        }

        static byte[] EmptyNpy()
        {
            string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 8), }\n";
            return [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header)];
        }
    }

    private string Expand(string text)
    {
        foreach (string name in new[] { "d4.npy", "nan.npy", "empty.npy", "in.wav", "out.wav", "a8.npy", "b8.npy", "out.npy", "out.csv" })
        {
            text = text.Replace("{" + name + "}", PathOf(name), StringComparison.Ordinal);
        }

        return text;
    }

    [Fact]
    public void Tempi_lists_the_quantised_tempi_of_the_model()
    {
        var r = Latents("tempi");
        Assert.True(r.Code == 0, r.Error);
        // 48 kHz / 2048 = 23.4375 frames a second: k = 12 is 117.19 BPM, k = 8 is 175.78.
        Assert.Contains("# latent rate 23.4375 Hz", r.Out, StringComparison.Ordinal);
        Assert.Contains("  12   117.19   234.38", r.Out, StringComparison.Ordinal);
        Assert.Contains("   8   175.78   351.56", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   7 ", r.Out, StringComparison.Ordinal);
        Assert.Contains("  23    61.14", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_codec_source_opens_the_model_for_encode_and_decode()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string input = Input("short.wav", 100);
        int code = Cli.Run(["latents", "encode", input, PathOf("s.npy")], stdout, stderr, new ShiftSource());
        Assert.True(code == 0, stderr.ToString());
        LatentArray latents = LatentFiles.Read(PathOf("s.npy"));
        Assert.Equal(16, latents.Dimensions);
        Assert.Equal(7, latents.Frames);
    }

    private sealed class ShiftSource : ICodecSource
    {
        public OpenedCodec Open(string? modelFolder, string? precision) => new(new ShiftCodec(16, 5), "shift");
    }
}
