using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;
using LatentPlayground.Core.Tests.Engine;

namespace LatentPlayground.Core.Tests.Latents;

/// <summary>
/// The live looper on the hop stage's thread: a capture takes the bars that end on the bar line just passed and loops
/// them from that bar line, in time; what plays changes only through a crossfade; a pattern offered from the control
/// thread starts at the next bar line; the control thread gets each capture once; and nothing allocates per hop.
/// </summary>
public sealed class LatentLooperTests
{
    // 8 frames a second and 120 BPM: 4 frames a beat, 16 a bar, so frame numbers are easy to follow.
    private const double Rate = 8;
    private const double Bpm = 120;

    [Fact]
    public void A_capture_loops_the_bars_that_end_on_the_bar_line_just_passed_from_that_bar_line()
    {
        var looper = new LatentLooper(2, Rate);
        var p = Parameters(bars: 1);
        var out1 = new float[2];

        // Hops 0..36: the encoder's dimension 1 is the hop's number. At hop 36 (beat 9, a beat after the bar line at
        // beat 8) the player stamps capture: the bar of hops 16..31 (beats 4..8) is the loop, and it plays from beat 8.
        for (long hop = 0; hop <= 36; hop++)
        {
            if (hop == 36)
            {
                p[(int)ParameterId.LoopCapture] = 1;
                p[(int)ParameterId.Loop] = 1;
            }

            Hop(looper, hop, p, out1);
        }

        for (long hop = 37; hop < 37 + LatentLooper.FadeFrames; hop++)
        {
            Hop(looper, hop, p, out1); // the crossfade from the encoder's latent
        }

        // Past the crossfade, each hop plays the captured frame of its place in the bar.
        for (long hop = 37 + LatentLooper.FadeFrames; hop < 37 + LatentLooper.FadeFrames + 40; hop++)
        {
            Assert.True(Hop(looper, hop, p, out1));
            Assert.True(Math.Abs(16 + (hop % 16) - out1[0]) < 1e-3, $"hop {hop}: {out1[0]}");
        }

        Assert.Equal(1, looper.Bars);
        int seen = 0;
        Assert.True(looper.TryTakeCapture(ref seen, out LatentArray? capture, out double beats, out double start));
        Assert.Equal(16, capture!.Frames);
        Assert.Equal(16.0, capture[0, 0]);
        Assert.Equal(31.0, capture[15, 0]);
        Assert.Equal((4.0, 4.0), (beats, start));
        Assert.False(looper.TryTakeCapture(ref seen, out _, out _, out _)); // once
    }

    [Fact]
    public void Turning_the_loop_on_and_off_crossfades_the_latent_over_a_few_hops()
    {
        var looper = new LatentLooper(1, Rate);
        var p = Parameters(bars: 1);
        var latent = new float[1];
        for (long hop = 0; hop < 32; hop++)
        {
            Hop(looper, hop, p, latent, encoded: 0);
        }

        p[(int)ParameterId.LoopCapture] = 1;
        Hop(looper, 32, p, latent, encoded: 0); // a bar of 0s captured while the loop is off
        for (long hop = 33; hop < 36; hop++)
        {
            Assert.False(Hop(looper, hop, p, latent, encoded: 10)); // off: the encoder's latent plays, now 10
        }

        p[(int)ParameterId.Loop] = 1;

        // The encoder at 10, the loop at 0: turning on moves 10 -> 0 in FadeFrames + 1 even steps, no jump.
        var played = new List<float>();
        for (long hop = 36; hop < 36 + LatentLooper.FadeFrames + 2; hop++)
        {
            Assert.True(Hop(looper, hop, p, latent, encoded: 10));
            played.Add(latent[0]);
        }

        Assert.Equal([8f, 6f, 4f, 2f, 0f, 0f], played.Select(v => MathF.Round(v, 3)));

        p[(int)ParameterId.Loop] = 0;
        played.Clear();
        for (long hop = 40; hop < 40 + LatentLooper.FadeFrames + 1; hop++)
        {
            bool read = Hop(looper, hop, p, latent, encoded: 10);
            played.Add(read ? latent[0] : float.NaN);
        }

        // Back to the encoder's 10 the same way; then the looper steps aside (the hop stage plays the encoder's).
        Assert.Equal([2f, 4f, 6f, 8f, float.NaN], played.Select(v => MathF.Round(v, 3)));
    }

    [Fact]
    public void An_offered_pattern_starts_at_the_next_bar_line()
    {
        var looper = new LatentLooper(1, Rate);
        var p = Parameters(bars: 1);
        var latent = new float[1];
        for (long hop = 0; hop < 33; hop++)
        {
            if (hop == 32)
            {
                p[(int)ParameterId.LoopCapture] = 1;
                p[(int)ParameterId.Loop] = 1;
            }

            Hop(looper, hop, p, latent);
        }

        // A one-bar pattern of -1s offered at hop 40 (mid-bar): the capture plays on until hop 48, the bar line.
        looper.Offer(new LatentLoopSource(new LatentArray(4, 1, [-1, -1, -1, -1]), Rate, 4, LoopTempoMode.Fit, 0));
        for (long hop = 40; hop < 48; hop++)
        {
            Hop(looper, hop, p, latent);
            Assert.True(latent[0] >= 0, $"hop {hop} played {latent[0]}");
        }

        for (long hop = 48; hop < 48 + LatentLooper.FadeFrames + 2; hop++)
        {
            Hop(looper, hop, p, latent);
        }

        Assert.Equal(-1, latent[0], 4);
        Assert.Equal(1, looper.Bars);
    }

    [Fact]
    public void Recording_capturing_and_playing_allocate_nothing()
    {
        var looper = new LatentLooper(8, 23.4375);
        var p = Parameters(bars: 2);
        var latent = new float[8];
        var encoded = new float[8];
        long hop = 0;
        long Pass(int hops)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < hops; i++, hop++)
            {
                if (hop % 200 == 100)
                {
                    p[(int)ParameterId.LoopCapture] += 1;
                    p[(int)ParameterId.Loop] = 1 - p[(int)ParameterId.Loop];
                }

                encoded[0] = hop;
                var tempo = new TempoState(Bpm, true, hop * Bpm / 60 / 23.4375);
                looper.Record(encoded, p, tempo);
                _ = looper.TryRead(hop, tempo, latent);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Three passes, one of which must allocate nothing (a one-off tiering allocation is not per-hop garbage).
        long[] passes = [Pass(1000), Pass(1000), Pass(1000)];
        Assert.Contains(0L, passes);
    }

    [Fact]
    public void In_the_engine_the_loop_plays_in_place_of_the_encoder_with_offsets_on_top()
    {
        var codec = new IdentityCodec(hop: 256, latency: 0, sampleRate: 2048, latentSize: 1); // 8 latent frames a second
        OfflineEngine engine = EngineHarness.Create(codec, 1, "mod=off", "offset.1=0.5", "mode=none");
        var looper = new LatentLooper(1, 8);
        engine.HopStage.LatentSource = looper;
        engine.Tempo.Start();
        var block = new float[256];

        // A constant 0.25 in for two bars (the identity codec's latent is the hop's mean), then capture and silence in.
        Array.Fill(block, 0.25f);
        for (int i = 0; i < 32; i++)
        {
            engine.Process(block, new float[256], 256);
        }

        engine.Post(new ParameterChange(ParameterId.LoopCapture, 1));
        engine.Post(new ParameterChange(ParameterId.Loop, 1));
        Array.Clear(block);
        for (int i = 0; i < 12; i++)
        {
            engine.Process(block, new float[256], 256);
        }

        // The loop's 0.25 plus the offset's 0.5, though the encoder now hears silence.
        Assert.Equal(0.75, codec.LastDecoded[0], 3);
    }

    private static double[] Parameters(int bars)
    {
        var p = new double[ParameterTable.Count];
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            p[(int)d.Id] = d.Default;
        }

        p[(int)ParameterId.LoopBars] = bars switch { 1 => 0, 2 => 1, _ => 2 };
        return p;
    }

    // One hop at 120 BPM with the transport running from beat 0: the encoder's latent is the hop's number unless given.
    private static bool Hop(LatentLooper looper, long hop, double[] parameters, float[] latent, float? encoded = null)
    {
        var e = new float[looper.Dimensions];
        Array.Fill(e, encoded ?? hop);
        var tempo = new TempoState(Bpm, true, hop * Bpm / 60 / Rate);
        looper.Record(e, parameters, tempo);
        return looper.TryRead(hop, tempo, latent);
    }
}
