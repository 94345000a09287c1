using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>
/// The null plugin never overruns or underruns (its avail is always a full buffer, alsa-lib
/// src/pcm/pcm_null.c), so no real xrun can be provoked without a sound card. These tests drive the
/// recovery that ReadPeriod and WritePeriod run on -EPIPE/-ESTRPIPE, with those codes, on a running stream,
/// through real snd_pcm_recover, and check the realignment in the output file.
/// </summary>
public sealed class XrunRecoveryTests
{
    [Theory]
    [InlineData(PcmDirection.Capture, -32)]
    [InlineData(PcmDirection.Playback, -32)]
    [InlineData(PcmDirection.Capture, -86)]
    [InlineData(PcmDirection.Playback, -86)]
    public void After_recovery_playback_is_again_one_buffer_behind_capture(PcmDirection failed, int error)
    {
        const int period = 128, periods = 4, channels = 2, before = 20, after = 30;
        const PcmSampleFormat format = PcmSampleFormat.S24LE;
        int frameBytes = channels * format.BytesPerSample();
        using var rig = new FilePcmRig();
        byte[] input = RawSignal.Make(format, (before + after + 1) * period * channels, seed: 77);
        File.WriteAllBytes(rig.InputPath, input);

        using (AlsaDuplexStream stream = rig.Open(new PcmSettings(48000, channels, period, periods) { Formats = [format] }))
        {
            stream.Start();
            DuplexRun.Loop(stream, before);
            stream.Recover(failed, error);
            DuplexRun.Loop(stream, after);
            Assert.Equal(1, stream.XrunCount);
        }

        // The file plugin keeps every frame ever written, so the output shows both prefills: the buffer of
        // silence at start and the one after recovery, each followed by the input from where it stood.
        int buffer = periods * period * frameBytes;
        int split = before * period * frameBytes;
        byte[] expected =
        [
            .. new byte[buffer],
            .. input.AsSpan(0, split),
            .. new byte[buffer],
            .. input.AsSpan(split, after * period * frameBytes),
        ];
        Assert.True(expected.AsSpan().SequenceEqual(rig.ReadOutput()), "the output is not silence, input, silence, rest of input");
    }

    [Fact]
    public void Several_recoveries_are_counted_and_the_stream_keeps_running()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, RawSignal.Make(PcmSampleFormat.S16LE, 64 * 2 * 40, seed: 3));
        using AlsaDuplexStream stream = rig.Open(new PcmSettings(48000, 2, 64, 2) { Formats = [PcmSampleFormat.S16LE] });
        stream.Start();

        for (int i = 0; i < 5; i++)
        {
            DuplexRun.Loop(stream, 3);
            stream.Recover(PcmDirection.Capture, -32);
        }

        DuplexRun.Loop(stream, 3);
        Assert.Equal(5, stream.XrunCount);
    }

    [Fact]
    public void An_error_recover_cannot_handle_is_thrown_and_not_counted()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, new byte[64 * 4 * 8]);
        using AlsaDuplexStream stream = rig.Open(new PcmSettings(48000, 2, 64, 2) { Formats = [PcmSampleFormat.S16LE] });
        stream.Start();

        // -EIO (-5) is not an xrun: snd_pcm_recover hands it back.
        var e = Assert.Throws<AlsaException>(() => stream.Recover(PcmDirection.Capture, -5));

        Assert.Equal("ALSA capture PCM 'lp_capture': snd_pcm_recover failed: Input/output error (-5)", e.Message);
        Assert.Equal(0, stream.XrunCount);
    }
}
