using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>Settings a PCM cannot take give one message that names the refusal and lists what it accepts.</summary>
public sealed class RefusalTests
{
    // `multi` offers exactly as many channels as it has bindings; `linear` converts integer formats only.
    private const string Config = """
        pcm.lp_two {
            type multi
            slaves.a.pcm { type null }
            slaves.a.channels 2
            bindings.0 { slave a channel 0 }
            bindings.1 { slave a channel 1 }
        }
        pcm.lp_s16 {
            type linear
            slave { pcm { type null } format S16_LE }
        }
        """;

    [Fact]
    public void Seven_channels_on_a_two_channel_pcm_are_refused_with_the_channel_range()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config);
        using AlsaPcm pcm = AlsaPcm.Open("lp_two", PcmDirection.Playback, config);

        var e = Assert.Throws<AlsaException>(() => pcm.Configure(new PcmSettings(48000, 7, 128, 4)));

        Assert.StartsWith("ALSA playback PCM 'lp_two' refuses 7 channels: Invalid argument (-22). It accepts: rate ", e.Message, StringComparison.Ordinal);
        Assert.Contains("; channels 2;", e.Message, StringComparison.Ordinal);
        Assert.Contains("formats S16_LE, S24_LE, S32_LE, FLOAT_LE, S24_3LE;", e.Message, StringComparison.Ordinal);
        Assert.Contains(" period ", e.Message, StringComparison.Ordinal);
        Assert.Contains(" periods ", e.Message, StringComparison.Ordinal);
        Assert.Equal(-22, e.ErrorCode);
        Assert.Null(pcm.Configuration);
    }

    [Fact]
    public void A_format_the_pcm_lacks_is_refused_with_the_formats_it_has()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config);
        using AlsaPcm pcm = AlsaPcm.Open("lp_s16", PcmDirection.Capture, config);

        var e = Assert.Throws<AlsaException>(() => pcm.Configure(new PcmSettings(48000, 2, 128, 4) { Formats = [PcmSampleFormat.FloatLE] }));

        Assert.StartsWith("ALSA capture PCM 'lp_s16' refuses format FLOAT_LE: Invalid argument (-22). It accepts: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("formats S16_LE, S24_LE, S32_LE, S24_3LE;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_offered_format_of_the_preference_list_is_taken()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config);
        using AlsaPcm pcm = AlsaPcm.Open("lp_s16", PcmDirection.Capture, config);

        PcmConfiguration got = pcm.Configure(new PcmSettings(48000, 2, 128, 4) { Formats = [PcmSampleFormat.FloatLE, PcmSampleFormat.S24Packed3LE, PcmSampleFormat.S16LE] });

        Assert.Equal(PcmSampleFormat.S24Packed3LE, got.Format);
        Assert.Equal(6, got.BytesPerFrame);
    }

    [Fact]
    public void Capabilities_list_the_ranges()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config);
        using AlsaPcm pcm = AlsaPcm.Open("lp_two", PcmDirection.Capture, config);

        PcmCapabilities caps = pcm.QueryCapabilities();

        Assert.Equal(2, caps.ChannelsMin);
        Assert.Equal(2, caps.ChannelsMax);
        Assert.True(caps.InterleavedAccess);
        Assert.Equal(PcmSampleFormats.All, caps.Formats);
        Assert.True(caps.RateMin <= 48000 && caps.RateMax >= 48000);
    }

    [Fact]
    public void A_duplex_stream_reports_the_refusing_end()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config);

        var e = Assert.Throws<AlsaException>(() => AlsaDuplexStream.Open("lp_s16", "lp_two", new PcmSettings(48000, 7, 128, 4) { Formats = [PcmSampleFormat.S16LE] }, config));

        // linear passes any channel count on to null; multi has two bindings, so playback is the one that says no.
        Assert.StartsWith("ALSA playback PCM 'lp_two' refuses 7 channels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nonsense_settings_are_refused_before_alsa_sees_them()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config);
        using AlsaPcm pcm = AlsaPcm.Open("lp_two", PcmDirection.Capture, config);

        Assert.Throws<ArgumentOutOfRangeException>(() => pcm.Configure(new PcmSettings(48000, 2, 0, 4)));
        Assert.Throws<ArgumentException>(() => pcm.Configure(new PcmSettings(48000, 2, 128, 4) { Formats = [] }));
    }
}
