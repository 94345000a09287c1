using LatentPlayground.Core.Tempo;
using LatentPlayground.Midi.Clock;
using LatentPlayground.Midi.Messages;
using LatentPlayground.Midi.Tests.Messages;

namespace LatentPlayground.Midi.Tests.Clock;

public sealed class ClockFollowerTransportTests
{
    private const double Period = 60.0 / (24 * 120); // 120 BPM

    [Fact]
    public void Start_runs_from_zero_at_the_next_tick_and_each_tick_adds_a_24th()
    {
        var f = new ClockFollower();
        Feed(f, 48, start: 0); // clock while stopped: tempo only
        Assert.Equal(0, f.StateAt(1).Beats);
        Assert.False(f.StateAt(1).Running);
        Assert.Equal(TransportState.Stopped, f.State);

        f.Start(48 * Period - 0.001);
        Assert.True(f.Running);
        Assert.Equal(0, f.StateAt(48 * Period).Beats); // waits for the first tick
        Feed(f, 1, start: 48 * Period);
        Assert.Equal(0, f.StateAt(48 * Period).Beats);
        Feed(f, 24, start: 49 * Period);
        Assert.Equal(1.0, f.StateAt(72 * Period).Beats, 12);
        Assert.Equal(TransportState.Running, f.State);
    }

    [Fact]
    public void Between_ticks_the_position_moves_on_but_never_past_the_next_tick()
    {
        var f = new ClockFollower();
        f.Start(0);
        Feed(f, 25, start: 0.001);
        double last = 24 * Period + 0.001;
        Assert.Equal(1.0, f.StateAt(last).Beats, 12);
        Assert.Equal(1.0 + 0.5 / 24, f.StateAt(last + Period / 2).Beats, 6);

        // The next tick is late: the position waits at its value, then the tick lands exactly there.
        Assert.Equal(1.0 + 1.0 / 24, f.StateAt(last + 3 * Period).Beats, 12);
        f.Tick(last + 3 * Period);
        Assert.Equal(1.0 + 1.0 / 24, f.StateAt(last + 3 * Period).Beats, 12);
    }

    [Fact]
    public void The_position_never_goes_backwards_while_running_under_jitter()
    {
        double[] ticks = ClockSignal.Jitter(ClockSignal.Steady(130, 24 * 40, start: 1), 0.003, seed: 9);
        var f = new ClockFollower();
        f.Start(0.5);
        double previous = 0;
        var random = new Random(3);
        for (int k = 0; k < ticks.Length; k++)
        {
            f.Tick(ticks[k]);
            double now = ticks[k];
            double next = k + 1 < ticks.Length ? ticks[k + 1] : now + 0.01;
            for (int probe = 0; probe < 3; probe++)
            {
                now += random.NextDouble() * Math.Max(0, next - now);
                double beats = f.StateAt(now).Beats;
                Assert.True(beats >= previous, $"position went back from {previous} to {beats}");
                previous = beats;
            }
        }
    }

    [Fact]
    public void Stop_holds_the_position_and_continue_resumes_at_the_next_tick()
    {
        var f = new ClockFollower();
        f.Start(0);
        Feed(f, 49, start: 0.001); // ticks 0..48: position 2.0
        double t = 48 * Period + 0.001;
        f.Stop(t);
        Assert.False(f.Running);
        Assert.Equal(2.0, f.StateAt(t + 5).Beats, 12);

        Feed(f, 30, start: t + Period); // the clock goes on while stopped
        Assert.Equal(2.0, f.StateAt(t + 40 * Period).Beats, 12);

        double resume = t + 40 * Period;
        f.Continue(resume);
        Assert.True(f.Running);
        Feed(f, 1, start: resume + 0.001);
        Assert.Equal(2.0 + 1.0 / 24, f.StateAt(resume + 0.001).Beats, 12);
    }

    [Fact]
    public void Song_position_pointer_sets_the_position_in_sixteenths()
    {
        var f = new ClockFollower();
        f.SongPosition(37, 0); // 37 sixteenths = 9.25 beats
        Assert.Equal(9.25, f.StateAt(1).Beats);
        f.Continue(1);
        Feed(f, 7, start: 1.001);
        Assert.Equal(9.25 + 6.0 / 24, f.StateAt(1.001 + 6 * Period).Beats, 12);
    }

    [Fact]
    public void Transport_messages_arrive_through_the_parser()
    {
        // F2 with LSB 0x10, MSB 0x01: 144 sixteenths = 36 beats; then Continue, 3 ticks; Stop; Start, 1 tick.
        List<MidiMessage> messages = ParserRun.Parse(0xF2, 0x10, 0x01, 0xFB, 0xF8, 0xF8, 0xF8, 0xFC, 0xFA, 0xF8, 0xB0, 1, 2);
        var f = new ClockFollower();
        double t = 0, lastTick = 0;
        int used = 0;
        foreach (MidiMessage m in messages)
        {
            t += Period;
            used += f.Receive(m, t) ? 1 : 0;
            lastTick = m.Kind == MidiMessageKind.Clock ? t : lastTick;
            if (m.Kind == MidiMessageKind.Stop)
            {
                // Stop came a period after the third tick: the position had moved on to the fourth's.
                Assert.Equal(36 + 3.0 / 24, f.StateAt(t).Beats, 12);
            }
        }

        Assert.Equal(messages.Count - 1, used); // the CC is not the follower's
        Assert.True(f.Running);
        Assert.Equal(0, f.StateAt(lastTick).Beats); // the tick after Start is beat 0
    }

    [Fact]
    public void A_lost_clock_holds_tempo_and_position_sets_the_flag_and_clears_when_ticks_return()
    {
        var f = new ClockFollower();
        f.Start(0);
        double[] first = ClockSignal.Jitter(ClockSignal.Steady(100, 24 * 8, start: 0.001), 0.001, seed: 4);
        foreach (double t in first)
        {
            f.Tick(t);
        }

        double bpm = f.Bpm;
        double last = first[^1];
        double lostAfter = 2 * 60.0 / bpm;
        Assert.False(f.Update(last + lostAfter - 0.01));
        Assert.False(f.ClockLost);
        Assert.True(f.Update(last + lostAfter + 0.01));
        Assert.True(f.ClockLost);
        Assert.Equal(TransportState.Lost, f.State);
        Assert.False(f.Update(last + 10)); // latched, not re-reported
        Assert.Equal(bpm, f.Bpm);
        double held = f.StateAt(last + 10).Beats;
        Assert.Equal(f.StateAt(last + 60).Beats, held);
        Assert.True(f.StateAt(last + 10).Running, "the transport keeps its state, so loops do not restart when the clock returns");

        // The clock returns at another tempo: the flag clears at once, the tempo holds until the fit locks again.
        double back = last + 30;
        double[] second = ClockSignal.Jitter(ClockSignal.Steady(150, 24 * 4, start: back), 0.001, seed: 8);
        f.Tick(second[0]);
        Assert.False(f.ClockLost);
        Assert.Equal(TransportState.Running, f.State);
        Assert.Equal(bpm, f.Bpm);
        Assert.Equal(held, f.StateAt(second[0]).Beats, 12);
        foreach (double t in second[1..])
        {
            f.Tick(t);
        }

        Assert.InRange(f.Bpm, 149.5, 150.5);
    }

    [Fact]
    public void Ticks_while_stopped_still_follow_the_tempo_and_a_lost_clock_while_stopped_shows_stopped()
    {
        var f = new ClockFollower();
        Feed(f, 48, start: 0);
        Assert.True(f.Locked);
        Assert.InRange(f.Bpm, 119.99, 120.01);
        f.Update(100);
        Assert.True(f.ClockLost);
        Assert.Equal(TransportState.Stopped, f.State);
    }

    [Fact]
    public void The_anchor_tells_the_same_position_as_the_follower()
    {
        var f = new ClockFollower();
        f.Start(0);
        Feed(f, 30, start: 0.001);
        TempoAnchor anchor = f.Anchor;
        for (double t = 0; t < 1; t += 0.013)
        {
            Assert.Equal(f.StateAt(t), anchor.StateAt(t));
        }
    }

    [Fact]
    public void Following_ticks_allocates_nothing()
    {
        var f = new ClockFollower();
        double[] ticks = ClockSignal.Jitter(ClockSignal.Steady(174, 2000), 0.001, seed: 2);
        f.Start(0);
        f.Tick(ticks[0]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 1; k < ticks.Length; k++)
        {
            f.Tick(ticks[k]);
            f.Update(ticks[k]);
            _ = f.StateAt(ticks[k] + 0.001);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    private static void Feed(ClockFollower f, int ticks, double start)
    {
        for (int k = 0; k < ticks; k++)
        {
            f.Tick(start + k * Period);
        }
    }
}
