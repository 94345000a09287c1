using LatentPlayground.Core.Analysis;

namespace LatentPlayground.Core.Tests.Analysis;

public class PitchFollowingTests
{
    private const int Rate = TestSignals.Rate;

    [Theory]
    [InlineData(82.41)]
    [InlineData(220.0)]
    [InlineData(440.0)]
    [InlineData(1000.0)]
    public void Yin_reads_a_steady_tone_to_within_a_cent(double hz)
    {
        PitchTrack track = Yin.Track(TestSignals.Tone(hz, Rate), Rate);

        Assert.Equal(47, track.Frames); // (48000 - 2 * 1920) / 960 + 1
        Assert.All(track.Voiced, Assert.True);
        Assert.All(track.F0, f => Assert.True(Math.Abs(1200 * Math.Log2(f / hz)) < 1, $"{f} Hz for {hz} Hz"));
    }

    [Fact]
    public void A_tone_100_cents_off_reads_100_cents()
    {
        float[] input = TestSignals.Tone(220.0, 2 * Rate);
        float[] output = TestSignals.Tone(220.0 * Math.Pow(2, 100 / 1200.0), 2 * Rate);

        PitchFollowingResult result = PitchFollowing.Measure(input, output, Rate);

        Assert.InRange(result.MedianCents, 97, 103);
        Assert.Equal(1.0, result.VoicedAgreement);
        Assert.Equal(result.Frames, result.FramesCompared);
    }

    [Fact]
    public void Identical_signals_read_0_cents_and_full_agreement()
    {
        float[] riff = TestSignals.Plucks([110.0, 146.83, 196.0, 329.63], 0.5, 4 * Rate);

        PitchFollowingResult result = PitchFollowing.Measure(riff, riff, Rate);

        Assert.Equal(0.0, result.MedianCents);
        Assert.Equal(1.0, result.VoicedAgreement);
        Assert.True(result.FramesCompared > result.Frames / 2, $"{result.FramesCompared} of {result.Frames} frames voiced");
    }

    [Fact]
    public void Silence_and_noise_are_unvoiced_and_disagree_with_a_tone()
    {
        float[] tone = TestSignals.Tone(220.0, Rate);
        var rng = new Random(1);
        float[] noise = [.. Enumerable.Range(0, Rate).Select(_ => (float)(rng.NextDouble() - 0.5))];

        Assert.All(Yin.Track(new float[Rate], Rate).Voiced, Assert.False);
        Assert.All(Yin.Track(noise, Rate).Voiced, Assert.False);
        PitchFollowingResult result = PitchFollowing.Measure(tone, noise, Rate);
        Assert.True(double.IsNaN(result.MedianCents));
        Assert.Equal(0.0, result.VoicedAgreement);
        Assert.Equal(0, result.FramesCompared);
    }

    [Fact]
    public void A_frame_quieter_than_the_gate_is_unvoiced()
    {
        float[] x = TestSignals.Tone(220.0, 2 * Rate);
        for (int i = Rate; i < x.Length; i++)
        {
            x[i] *= 0.001f; // -60 dB
        }

        PitchTrack track = Yin.Track(x, Rate);

        Assert.True(track.Voiced[0]);
        Assert.False(track.Voiced[track.Frames - 1]);
    }

    [Fact]
    public void A_signal_shorter_than_two_windows_has_no_frames()
    {
        Assert.Equal(0, Yin.Track(new float[3839], Rate).Frames);
        Assert.Equal(1, Yin.Track(new float[3840], Rate).Frames);
    }
}
