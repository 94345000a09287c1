using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>One PCM through its states, on alsa-lib's null plugin.</summary>
public sealed class AlsaPcmTests
{
    private const string Config = "pcm.lp_null { type null }";

    [Fact]
    public void A_configured_pcm_is_prepared_runs_when_started_and_stops_when_dropped()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config, overSystemConfig: false);
        using AlsaPcm pcm = AlsaPcm.Open("lp_null", PcmDirection.Playback, config);

        PcmConfiguration got = pcm.Configure(new PcmSettings(48000, 2, 64, 3) { Formats = [PcmSampleFormat.S16LE] });

        Assert.Same(got, pcm.Configuration);
        Assert.Equal(new PcmConfiguration("lp_null", PcmDirection.Playback, 48000, 2, PcmSampleFormat.S16LE, 64, 3, 192), got);
        Assert.Equal(PcmState.Prepared, pcm.State);

        // start_threshold sits at the boundary: a full buffer of writes does not start the stream.
        byte[] period = new byte[64 * got.BytesPerFrame];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(64, pcm.Write(period));
        }

        Assert.Equal(PcmState.Prepared, pcm.State);
        pcm.Start();
        Assert.Equal(PcmState.Running, pcm.State);
        Assert.Equal(0, pcm.GetDelay(out long delay));
        Assert.Equal(0, delay);
        pcm.Drop();
        Assert.Equal(PcmState.Setup, pcm.State);
        pcm.Prepare();
        Assert.Equal(PcmState.Prepared, pcm.State);
    }

    [Fact]
    public void A_start_threshold_starts_the_stream_by_itself()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config, overSystemConfig: false);
        using AlsaPcm pcm = AlsaPcm.Open("lp_null", PcmDirection.Playback, config);
        PcmConfiguration got = pcm.Configure(new PcmSettings(48000, 1, 32, 2) { Formats = [PcmSampleFormat.FloatLE], StartThresholdFrames = 32 });

        Assert.Equal(32, pcm.Write(new byte[32 * got.BytesPerFrame]));

        Assert.Equal(PcmState.Running, pcm.State);
    }

    [Fact]
    public void A_transfer_in_the_wrong_state_returns_the_error_instead_of_throwing()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config, overSystemConfig: false);
        using AlsaPcm pcm = AlsaPcm.Open("lp_null", PcmDirection.Capture, config);
        PcmConfiguration got = pcm.Configure(new PcmSettings(48000, 2, 32, 2) { Formats = [PcmSampleFormat.S16LE] });
        pcm.Drop();

        long result = pcm.Read(new byte[32 * got.BytesPerFrame]);

        Assert.Equal(-77, result); // -EBADFD: a stream in SETUP must be prepared first
        Assert.Equal("File descriptor in bad state (-77)", AlsaError.Describe((int)result));
        Assert.False(AlsaError.IsXrun(result));
        Assert.True(AlsaError.IsXrun(-32));
        Assert.True(AlsaError.IsXrun(-86));
    }

    [Fact]
    public void State_calls_in_the_wrong_state_throw_naming_the_pcm_and_the_call()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config, overSystemConfig: false);
        using AlsaPcm pcm = AlsaPcm.Open("lp_null", PcmDirection.Capture, config);
        pcm.Configure(new PcmSettings(48000, 2, 32, 2));
        pcm.Drop();

        var e = Assert.Throws<AlsaException>(pcm.Start);

        Assert.Equal("ALSA capture PCM 'lp_null': snd_pcm_start failed: File descriptor in bad state (-77)", e.Message);
    }

    [Fact]
    public void Two_null_pcms_cannot_be_linked_and_say_so()
    {
        using AlsaConfig config = AlsaConfig.Parse(Config, overSystemConfig: false);
        using AlsaPcm capture = AlsaPcm.Open("lp_null", PcmDirection.Capture, config);
        using AlsaPcm playback = AlsaPcm.Open("lp_null", PcmDirection.Playback, config);

        Assert.False(capture.TryLink(playback, out int error));
        Assert.Equal(-38, error);
    }
}
