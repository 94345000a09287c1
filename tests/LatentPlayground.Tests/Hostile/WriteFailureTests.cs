using LatentPlayground.Audio.Wav;

namespace LatentPlayground.Tests.Hostile;

/// <summary>
/// Writes that fail for real, on a full tmpfs: exit code 1, one line naming the path the user gave (never the
/// temporary file), and nothing left on the disk, for the WAV, the --latents CSV and modulate's output.
/// And non-finite input: rendered as silence with one warning, the output finite.
/// </summary>
public sealed class WriteFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lp-write-failure-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Riff => Path.Combine(AppContext.BaseDirectory, "Assets", "demo", "mono-riff.wav");

    [FullDiskFact]
    public void A_full_disk_fails_the_render_with_the_output_named_and_nothing_left()
    {
        using FullDisk disk = FullDisk.TryMount(200)!;
        string output = Path.Combine(disk.Path, "out.wav");
        string latents = Path.Combine(disk.Path, "z.csv");
        (int code, string stdout, string stderr) = CliRunner.Run("render", Riff, output, "--latents", latents);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"latentplayground: {output}: write failed: No space left on device", stderr.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk.Path));
    }

    [FullDiskFact]
    public void A_full_disk_fails_the_latents_and_modulate_with_their_paths_named_and_nothing_left()
    {
        using FullDisk disk = FullDisk.TryMount(16)!;
        string latents = Path.Combine(disk.Path, "z.csv");
        (int code, _, string stderr) = CliRunner.Run("modulate", "--frames", "100000", "--out", latents);
        Assert.Equal(1, code);
        Assert.Equal($"latentplayground: {latents}: could not be written: No space left on device", stderr.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(disk.Path));
    }

    [Fact]
    public void NaN_and_infinite_samples_render_as_silence_with_one_warning()
    {
        WavAudio riff = WavReader.Read(Riff);
        float[] samples = [.. riff.Samples[0]];
        samples[1000] = float.NaN;
        samples[20000] = float.PositiveInfinity;
        samples[30000] = float.NegativeInfinity;
        string input = Path.Combine(_folder, "nan.wav");
        WavWriter.Write(input, new WavAudio(riff.SampleRate, [samples]), WavSampleFormat.Float32);
        string output = Path.Combine(_folder, "out.wav");

        (int code, _, string stderr) = CliRunner.Run("render", input, output);

        Assert.True(code == 0, stderr);
        Assert.Equal($"warning: {input}: 3 samples are NaN or infinite; they are rendered as silence", stderr.Trim());
        float[] rendered = WavReader.Read(output).Samples[0];
        Assert.All(rendered, v => Assert.True(float.IsFinite(v)));
        Assert.True(rendered.Max(Math.Abs) > 1e-3f, "the output is silent");
    }
}
