using LatentPlayground.Audio.Alsa;

namespace LatentPlayground.Audio.Tests.Alsa;

/// <summary>
/// A known signal goes through real alsa-lib capture and playback (file plugins over null) and the
/// converter both ways; the output file must be the input, bit for bit, after a constant shift.
/// </summary>
public sealed class FileLoopbackTests
{
    public static TheoryData<PcmSampleFormat> Formats() => [.. PcmSampleFormats.All];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_comes_back_bit_exact_after_one_buffer_of_silence(PcmSampleFormat format)
    {
        (int shift, PcmConfiguration capture, PcmConfiguration playback) = RunLoopback(format, periodFrames: 128, periods: 4, channels: 2);

        Assert.Equal(format, capture.Format);
        Assert.Equal(format, playback.Format);
        Assert.Equal(4 * 128, shift);
    }

    [Theory]
    [InlineData(64, 2)]
    [InlineData(128, 4)]
    [InlineData(256, 3)]
    [InlineData(96, 5)]
    public void The_shift_is_periods_times_period_frames(int periodFrames, int periods)
    {
        (int shift, _, PcmConfiguration playback) = RunLoopback(PcmSampleFormat.S32LE, periodFrames, periods, channels: 2);

        Assert.Equal(periods * periodFrames, playback.BufferFrames);
        Assert.Equal(periods * periodFrames, shift);
    }

    [Fact]
    public void The_shift_is_the_same_on_every_run()
    {
        int first = RunLoopback(PcmSampleFormat.S16LE, 128, 4, channels: 1).Shift;
        int second = RunLoopback(PcmSampleFormat.S16LE, 128, 4, channels: 1).Shift;

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_standalone_config_with_inline_slaves_works_too()
    {
        using var rig = new FilePcmRig(overSystemConfig: false);
        File.WriteAllBytes(rig.InputPath, RawSignal.Make(PcmSampleFormat.S16LE, 64 * 2 * 20, seed: 5));
        using (AlsaDuplexStream stream = rig.Open(new PcmSettings(48000, 2, 64, 2) { Formats = [PcmSampleFormat.S16LE] }))
        {
            stream.Start();
            DuplexRun.Loop(stream, 10);
        }

        Assert.Equal((2 + 10) * 64 * 2 * 2, rig.ReadOutput().Length);
    }

    [Fact]
    public void The_stream_reports_what_it_got_and_that_file_plugins_do_not_link()
    {
        using var rig = new FilePcmRig();
        File.WriteAllBytes(rig.InputPath, []);
        using AlsaDuplexStream stream = rig.Open(new PcmSettings(44100, 2, 128, 4) { Formats = [PcmSampleFormat.FloatLE] });

        Assert.Equal(44100, stream.SampleRate);
        Assert.Equal(2, stream.Channels);
        Assert.Equal(128, stream.PeriodFrames);
        Assert.Equal(4, stream.Periods);
        Assert.Equal(256, stream.SamplesPerPeriod);
        Assert.Equal(512, stream.CaptureToPlaybackFrames);

        // pcm_file's link goes to its slave, and the null plugin has none (alsa-lib src/pcm/pcm_generic.c).
        Assert.False(stream.IsLinked);
        Assert.Equal(-38, stream.LinkError);
        Assert.Contains("not linked", stream.ToString(), StringComparison.Ordinal);
        Assert.Contains("capture 'lp_capture': 44100 Hz, 2 ch, FLOAT_LE, 128 frames x 4 periods (buffer 512)", stream.ToString(), StringComparison.Ordinal);
    }

    private static (int Shift, PcmConfiguration Capture, PcmConfiguration Playback) RunLoopback(PcmSampleFormat format, int periodFrames, int periods, int channels)
    {
        const int streamedPeriods = 60;
        using var rig = new FilePcmRig();
        int frameBytes = channels * format.BytesPerSample();
        int inputFrames = (streamedPeriods + 1) * periodFrames;
        byte[] input = RawSignal.Make(format, inputFrames * channels, seed: (int)format * 1000 + periodFrames);
        File.WriteAllBytes(rig.InputPath, input);

        var settings = new PcmSettings(48000, channels, periodFrames, periods) { Formats = [format] };
        PcmConfiguration capture, playback;
        using (AlsaDuplexStream stream = rig.Open(settings))
        {
            capture = stream.Capture;
            playback = stream.Playback;
            stream.Start();
            DuplexRun.Loop(stream, streamedPeriods);
            Assert.Equal(0, stream.XrunCount);
        }

        byte[] output = rig.ReadOutput();
        int shift = RawSignal.FindShift(input, output, frameBytes, probe: 32);
        Assert.True(shift >= 0, "the input never appears in the output");

        // Before the shift: silence only. After it: every streamed frame, bit for bit, and nothing else.
        Assert.All(output.AsSpan(0, shift * frameBytes).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal((shift + (streamedPeriods * periodFrames)) * frameBytes, output.Length);
        Assert.True(
            output.AsSpan(shift * frameBytes).SequenceEqual(input.AsSpan(0, streamedPeriods * periodFrames * frameBytes)),
            $"{format.AlsaName()}: output after frame {shift} differs from the input");
        return (shift, capture, playback);
    }
}
