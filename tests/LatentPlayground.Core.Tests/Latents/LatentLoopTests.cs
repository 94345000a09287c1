using System.Numerics;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Core.Tests.Engine;

namespace LatentPlayground.Core.Tests.Latents;

public sealed class LatentLoopTests
{
    private const int Rate = 48000;
    private const int Hop = 2048;
    private const double LatentRate = Rate / (double)Hop;

    // A 1-dimensional ramp 0, 1, 2 … frames−1: a position reads straight off the value.
    private static LatentArray Ramp(int frames) => new(frames, 1, [.. Enumerable.Range(0, frames).Select(i => (double)i)]);

    [Theory]
    [InlineData(937, 10)]
    [InlineData(120, 1)]
    [InlineData(174, 1)]
    public void A_two_bar_loop_is_exact_to_the_sample_over_16_bars_and_restarts_on_the_bar_line(int bpmNumerator, int bpmDenominator)
    {
        double bpm = bpmNumerator / (double)bpmDenominator;
        var loop = new LatentLoopSource(Ramp(40), LatentRate, loopBeats: 8);
        // The transport as a clock defines it: beats at sample s = s · bpm / (60 · rate), from the position, not summed.
        double beatsPerSample = bpm / (60.0 * Rate);
        long sixteenBars = (long)Math.Ceiling(64 / beatsPerSample) + 1;
        var restarts = new List<long>();
        double previous = loop.Phase(0);
        Assert.Equal(0, previous);
        for (long s = 1; s <= sixteenBars; s++)
        {
            double phase = loop.Phase(s * beatsPerSample);
            if (phase < previous)
            {
                restarts.Add(s);
            }

            previous = phase;
        }

        // Loop m restarts at the first sample at or after m · 8 beats, computed exactly: ceil(m · 8 · 60 · rate / bpm).
        Assert.Equal(8, restarts.Count);
        for (int m = 1; m <= 8; m++)
        {
            BigInteger numerator = new BigInteger(m) * 8 * 60 * Rate * bpmDenominator;
            long exact = (long)BigInteger.Divide(numerator + bpmNumerator - 1, bpmNumerator);
            Assert.Equal(exact, restarts[m - 1]);
            double beats = restarts[m - 1] * beatsPerSample;
            // On the bar line: less than one sample past beat 8m, a multiple of the 4-beat bar.
            Assert.InRange(beats - (8 * m), 0, beatsPerSample);
        }

        // 16 bars in 8 loops, each loop floor or ceil of its exact length, none drifting.
        double exactLoop = 8 / beatsPerSample;
        long[] lengths = [.. restarts.Zip(restarts.Skip(1), (a, b) => b - a)];
        Assert.All(lengths, l => Assert.InRange(l, Math.Floor(exactLoop), Math.Ceiling(exactLoop)));
    }

    [Theory]
    [InlineData(93.7)]
    [InlineData(120)]
    [InlineData(174)]
    public void Through_the_engine_each_hop_plays_the_pattern_where_the_transport_is_with_offsets_on_top(double bpm)
    {
        const int frames = 40;
        var codec = new IdentityCodec(Hop, 0, Rate, latentSize: 2);
        var engine = EngineHarness.Create(codec, 1, "mode=none", "mod=off", "offset.2=0.5");
        var pattern = new LatentArray(frames, 2, [.. Enumerable.Range(0, frames).SelectMany(i => new double[] { i, -i })]);
        var loop = new LatentLoopSource(pattern, LatentRate, loopBeats: 8);
        engine.HopStage.LatentSource = loop;
        engine.Tempo.SetTempo(bpm);
        engine.Tempo.Start();
        int hops = (int)Math.Ceiling(64 * 60 / bpm * LatentRate) + 2;
        var seen = new List<float[]>();
        engine.LatentObserver = (_, z) => seen.Add(z.ToArray());
        EngineHarness.Run(engine, new float[hops * Hop], 512);
        Assert.Equal(hops, seen.Count);
        for (int h = 0; h < hops; h++)
        {
            // Hop h starts at sample h · hop, so the transport is at h · hop · bpm / (60 · rate) beats there.
            double beats = h * (double)Hop * bpm / (60.0 * Rate);
            double phase = beats / 8 - Math.Floor(beats / 8);
            double position = phase * frames;
            int i = (int)position;
            double expected = i + ((position - i) * ((i + 1 == frames ? 0 : i + 1) - i));
            Assert.Equal(expected, seen[h][0], 1e-3);
            Assert.Equal(-expected + 0.5, seen[h][1], 1e-3);
        }
    }

    [Fact]
    public void A_tempo_change_mid_loop_keeps_the_position_continuous_and_the_end_on_the_bar_line()
    {
        var loop = new LatentLoopSource(Ramp(32), LatentRate, loopBeats: 8);
        var clock = new TempoClock(Rate, 100);
        clock.Start();
        float[] z = new float[1];
        double before = 0;
        long firstRestart = -1;
        for (long s = 0; s < Rate * 10; s += 64)
        {
            if (s == Rate * 2)
            {
                // Two seconds in (beat 3.33 of 8), the drummer pushes to 150.
                Assert.True(loop.TryRead(0, clock.State, z));
                before = z[0];
                clock.SetTempo(150);
                Assert.True(loop.TryRead(0, clock.State, z));
                Assert.Equal(before, z[0]);
            }

            if (firstRestart < 0 && clock.Beats >= 8)
            {
                firstRestart = s;
                Assert.True(loop.TryRead(0, clock.State, z));
                Assert.InRange(z[0], 0, 0.1f);
            }

            clock.Advance(64);
        }

        // 2 s at 100 BPM is 3.33 beats; the other 4.67 at 150 BPM take 1.87 s: the loop closes at 3.87 s, not at 4.8 s.
        Assert.Equal(3.8667, firstRestart / (double)Rate, 2);
    }

    [Fact]
    public void With_the_transport_stopped_the_pattern_plays_at_its_own_rate_on_from_where_the_loop_was()
    {
        var loop = new LatentLoopSource(Ramp(5), LatentRate, loopBeats: 8);
        float[] z = new float[1];
        var values = new List<float>();
        for (long frame = 100; frame < 112; frame++)
        {
            Assert.True(loop.TryRead(frame, TempoState.Stopped, z));
            values.Add(z[0]);
        }

        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1 }, values);
        Assert.True(loop.TryRead(112, new TempoState(120, true, 4), z));
        Assert.Equal(2.5f, z[0]);

        // Stopped after running (position 2.5: frame 2 playing), it goes on from frame 3, one a hop.
        values.Clear();
        for (long frame = 113; frame < 118; frame++)
        {
            Assert.True(loop.TryRead(frame, TempoState.Stopped, z));
            values.Add(z[0]);
        }

        Assert.Equal(new float[] { 3, 4, 0, 1, 2 }, values);
    }

    [Fact]
    public void Quantised_tempi_are_the_references_table()
    {
        double rate = 44100.0 / 2048;
        // The text's table, which cuts the tempi to two decimals rather than rounding them.
        double[] table = [184.57, 161.49, 143.55, 129.19, 117.45, 107.66];
        for (int k = 7; k <= 12; k++)
        {
            Assert.InRange(QuantisedTempo.Bpm(rate, k), table[k - 7], table[k - 7] + 0.01);
        }

        Assert.Equal(11, QuantisedTempo.FramesPerBeat(rate, 117));
        Assert.Equal(11, QuantisedTempo.FramesPerBeat(rate, 123));
        Assert.Equal(10, QuantisedTempo.FramesPerBeat(rate, 124));
        Assert.Equal(1, QuantisedTempo.FramesPerBeat(rate, 10000));
    }

    [Fact]
    public void The_quantised_mode_plays_the_pattern_unresampled_one_frame_a_hop_at_its_tempo()
    {
        int k = QuantisedTempo.FramesPerBeat(LatentRate, 120);
        double bpm = QuantisedTempo.Bpm(LatentRate, k);
        var loop = new LatentLoopSource(Ramp(30), LatentRate, loopBeats: 2, LoopTempoMode.Quantised);
        Assert.Equal(2 * k, loop.QuantisedFrames(bpm));
        var clock = new TempoClock(Rate, bpm);
        clock.Start();
        float[] z = new float[1];
        for (int h = 0; h < 200; h++)
        {
            Assert.True(loop.TryRead(h, clock.State, z));
            Assert.Equal(h % (2 * k) % 30, z[0]);
            clock.Advance(Hop);
        }
    }

    [Fact]
    public void A_source_of_another_size_is_refused_by_the_hop_stage()
    {
        var stage = new HopStage(new IdentityCodec(256, 0, Rate, latentSize: 8));
        var e = Assert.Throws<ArgumentException>(() => stage.LatentSource = new LatentLoopSource(Ramp(4), LatentRate, 8));
        Assert.Contains("1 dimensions, the model 8", e.Message, StringComparison.Ordinal);
    }
}
