using System.Buffers.Binary;

namespace LatentPlayground.Tests.Live;

/// <summary>
/// A folder with an alsa-lib config defining a capture PCM that reads a raw float file and a playback PCM
/// that writes one (the file plugin over null): real ALSA, no sound card. The text works inline
/// (AlsaConfig.Parse) and as an ALSA_CONFIG_PATH file, since it spells its null slaves out.
/// </summary>
internal sealed class FilePcms : IDisposable
{
    public const string CaptureName = "lp_live_in";
    public const string PlaybackName = "lp_live_out";

    public FilePcms(float[] interleaved)
        : this(interleaved, interleaved.Length, discardOutput: false)
    {
    }

    /// <param name="pattern">Samples the input repeats.</param>
    /// <param name="samples">The input's length in samples.</param>
    /// <param name="discardOutput">Play into /dev/null: an hour of output is 700 MB nobody reads.</param>
    public FilePcms(float[] pattern, long samples, bool discardOutput)
    {
        Folder = Directory.CreateTempSubdirectory("lp-live-").FullName;
        InputPath = Path.Combine(Folder, "in.raw");
        OutputPath = discardOutput ? "/dev/null" : Path.Combine(Folder, "out.raw");
        ConfigPath = Path.Combine(Folder, "asound.conf");
        WriteLooped(InputPath, pattern, samples);
        ConfigText = $$"""
            pcm.{{CaptureName}} { type file slave.pcm { type null } file "/dev/null" infile "{{InputPath}}" format raw }
            pcm.{{PlaybackName}} { type file slave.pcm { type null } file "{{OutputPath}}" format raw }
            """;
        File.WriteAllText(ConfigPath, ConfigText);
    }

    public string Folder { get; }

    public string InputPath { get; }

    public string OutputPath { get; }

    /// <summary>An ALSA config file defining both PCMs, for ALSA_CONFIG_PATH.</summary>
    public string ConfigPath { get; }

    public string ConfigText { get; }

    public float[] ReadOutput()
    {
        byte[] raw = File.ReadAllBytes(OutputPath);
        var x = new float[raw.Length / 4];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
        }

        return x;
    }

    /// <summary>Writes <paramref name="samples"/> floats, <paramref name="pattern"/> over and over, a pattern at a time.</summary>
    public static void WriteLooped(string path, float[] pattern, long samples)
    {
        byte[] raw = new byte[pattern.Length * 4];
        for (int i = 0; i < pattern.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), pattern[i]);
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        for (long done = 0; done < samples; done += pattern.Length)
        {
            file.Write(raw, 0, (int)Math.Min(raw.Length, (samples - done) * 4));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}
