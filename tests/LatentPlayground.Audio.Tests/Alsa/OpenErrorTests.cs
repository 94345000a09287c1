using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>A PCM that cannot be opened is named in the message, with alsa-lib's reason.</summary>
public sealed class OpenErrorTests
{
    [Fact]
    public void An_unknown_name_in_the_system_config_is_named()
    {
        var e = Assert.Throws<AlsaException>(() => AlsaPcm.Open("lp_no_such_pcm", PcmDirection.Capture));

        Assert.StartsWith("ALSA capture PCM 'lp_no_such_pcm' could not be opened: No such file or directory (-2).", e.Message, StringComparison.Ordinal);
        Assert.Contains("aplay -L", e.Message, StringComparison.Ordinal);
        Assert.Equal(-2, e.ErrorCode);
    }

    [Fact]
    public void An_unknown_name_in_a_given_config_is_named()
    {
        using AlsaConfig config = AlsaConfig.Parse("pcm.lp_here { type null }", overSystemConfig: false);

        var e = Assert.Throws<AlsaException>(() => AlsaPcm.Open("lp_not_here", PcmDirection.Playback, config));

        Assert.StartsWith("ALSA playback PCM 'lp_not_here' could not be opened: No such file or directory (-2).", e.Message, StringComparison.Ordinal);
        Assert.Contains("the given ALSA configuration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplex_stream_with_a_bad_playback_name_names_it()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, []);

        var e = Assert.Throws<AlsaException>(() => AlsaDuplexStream.Open(FilePcmRig.CaptureName, "lp_nowhere", new PcmSettings(48000, 2, 128, 4), rig.Config));

        Assert.StartsWith("ALSA playback PCM 'lp_nowhere' could not be opened", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_input_file_fails_the_open_of_that_pcm()
    {
        using var rig = new FilePcmRig();

        var e = Assert.Throws<AlsaException>(() => AlsaPcm.Open(FilePcmRig.CaptureName, PcmDirection.Capture, rig.Config));

        Assert.StartsWith($"ALSA capture PCM '{FilePcmRig.CaptureName}' could not be opened: No such file or directory (-2).", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_text_that_does_not_parse_says_so()
    {
        var e = Assert.Throws<AlsaException>(() => AlsaConfig.Parse("pcm.lp_broken { type null", overSystemConfig: false));

        Assert.StartsWith("the ALSA configuration text does not parse: ", e.Message, StringComparison.Ordinal);
        Assert.True(e.ErrorCode < 0);
    }

    [Fact]
    public void An_unconfigured_pcm_cannot_transfer()
    {
        using AlsaConfig config = AlsaConfig.Parse("pcm.lp_here { type null }", overSystemConfig: false);
        using AlsaPcm pcm = AlsaPcm.Open("lp_here", PcmDirection.Capture, config);

        Assert.Equal(PcmState.Open, pcm.State);
        var e = Assert.Throws<InvalidOperationException>(() => pcm.Read(new byte[16]));
        Assert.Contains("'lp_here' is not configured", e.Message, StringComparison.Ordinal);
    }
}
