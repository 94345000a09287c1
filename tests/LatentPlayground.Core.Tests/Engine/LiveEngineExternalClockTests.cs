using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Tests.Engine;

/// <summary>The live engine following an outside clock (MIDI): each hop takes the tempo and position it will be heard at.</summary>
public sealed class LiveEngineExternalClockTests
{
    [Fact]
    public void Hops_follow_the_published_clock_and_fall_back_to_their_own_when_it_is_withdrawn()
    {
        var engine = new LiveEngine(new StepCodec(512), 1, 128, 1200);
        engine.ApplyPendingImmediately();
        double now = System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency;
        engine.SetExternalClock(new ExternalClock(true, new TempoAnchor(150, Running: true, Moving: true, Position: 4, Time: now, Limit: 1000)));
        var input = new float[128];
        var output = new float[128];
        for (int i = 0; i < 40; i++)
        {
            engine.ProcessPeriod(input, output, 128);
            while (engine.TryProcessHop())
            {
            }
        }

        TempoState followed = engine.ReadSnapshot().Tempo;
        Assert.Equal(150, followed.Bpm);
        Assert.True(followed.Running);
        // Moving on from the anchor's position at its tempo, not minutes on (this loop runs far faster than real time).
        Assert.InRange(followed.Beats, 4, 4 + (60 * 150 / 60));

        engine.SetExternalClock(new ExternalClock(false, default));
        engine.ProcessPeriod(input, output, 128);
        for (int i = 0; i < 8; i++)
        {
            engine.ProcessPeriod(input, output, 128);
            while (engine.TryProcessHop())
            {
            }
        }

        Assert.Equal(engine.Tempo.Bpm, engine.ReadSnapshot().Tempo.Bpm);
        Assert.False(engine.ReadSnapshot().Tempo.Running);
    }
}
