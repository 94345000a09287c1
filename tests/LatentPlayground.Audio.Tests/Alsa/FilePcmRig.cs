using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>
/// A capture PCM that reads a raw file and a playback PCM that writes one, both alsa-lib `file` plugins over
/// `null`, defined inline with snd_pcm_open_lconf: real alsa-lib, no sound card. The file plugin is not
/// paced, so a stream runs as fast as the loop does.
/// </summary>
internal sealed class FilePcmRig : IDisposable
{
    public const string CaptureName = "lp_capture";
    public const string PlaybackName = "lp_playback";

    private readonly string _folder;

    public FilePcmRig(bool overSystemConfig = true)
    {
        _folder = Directory.CreateTempSubdirectory("lp-alsa-").FullName;
        InputPath = Path.Combine(_folder, "in.raw");
        OutputPath = Path.Combine(_folder, "out.raw");

        // With the system tree underneath, `slave.pcm null` names alsa.conf's pcm.null; alone, it is spelled out.
        string slave = overSystemConfig ? "slave.pcm null" : "slave.pcm { type null }";
        ConfigText = $$"""
            pcm.{{CaptureName}} {
                type file
                {{slave}}
                file "/dev/null"
                infile "{{InputPath}}"
                format raw
            }
            pcm.{{PlaybackName}} {
                type file
                {{slave}}
                file "{{OutputPath}}"
                format raw
            }
            """;
        Config = AlsaConfig.Parse(ConfigText, overSystemConfig);
    }

    public string InputPath { get; }

    public string OutputPath { get; }

    public string ConfigText { get; }

    public AlsaConfig Config { get; }

    public AlsaDuplexStream Open(PcmSettings settings) =>
        AlsaDuplexStream.Open(CaptureName, PlaybackName, settings, Config);

    public byte[] ReadOutput() => File.ReadAllBytes(OutputPath);

    public void Dispose()
    {
        Config.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}
