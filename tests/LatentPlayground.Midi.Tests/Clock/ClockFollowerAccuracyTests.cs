using System.Globalization;
using LatentPlayground.Midi.Clock;
using Xunit.Abstractions;

namespace LatentPlayground.Midi.Tests.Clock;

/// <summary>The clock follower's targets, each with seeded jitter. Measured numbers go to the test output.</summary>
public sealed class ClockFollowerAccuracyTests(ITestOutputHelper output)
{
    private static readonly double[] Tempi = [60, 120, 174, 240];

    [Theory]
    [InlineData(0.001, 60, 48)]
    [InlineData(0.001, 120, 48)]
    [InlineData(0.001, 174, 48)]
    [InlineData(0.001, 240, 48)]
    [InlineData(0.003, 60, 48)]
    [InlineData(0.003, 120, 48)]
    [InlineData(0.003, 174, 48)]
    [InlineData(0.003, 240, 48)]
    public void Locks_within_half_a_bpm_soon_after_the_first_tick(double jitter, double bpm, int ticksAllowed)
    {
        // The lock tick: from it on (to tick 480), every estimate is within 0.5 BPM; the worst of 20 seeds.
        // Two beats (48 ticks) at every tempo and both jitters. Least squares alone could not: its noise
        // after n ticks, s*sqrt(12/n^3)/T of the tempo, is 0.42 BPM at 240 BPM after 48 ticks with +/-3 ms.
        // The minimax fit the follower uses while its window first fills converges as 1/n^2 on bounded jitter.
        int worstLockTick = 0;
        double worstAt48 = 0;
        for (int seed = 1; seed <= 20; seed++)
        {
            double[] ticks = ClockSignal.Jitter(ClockSignal.Steady(bpm, 480, start: 10), jitter, seed);
            var follower = new ClockFollower(initialBpm: 100);
            int lockTick = 0;
            for (int k = 0; k < ticks.Length; k++)
            {
                follower.Tick(ticks[k]);
                double error = Math.Abs(follower.Bpm - bpm);
                if (error > 0.5)
                {
                    lockTick = k + 2; // the earliest tick count from which it may hold
                }

                if (k + 1 >= 48)
                {
                    worstAt48 = Math.Max(worstAt48, error);
                }
            }

            worstLockTick = Math.Max(worstLockTick, lockTick);
        }

        output.WriteLine(Invariant($"lock, jitter +/-{jitter * 1000} ms, {bpm} BPM: within 0.5 BPM from tick {worstLockTick} ({worstLockTick / 24.0:F2} beats); worst error from tick 48 on {worstAt48:F3} BPM"));
        Assert.True(worstLockTick <= ticksAllowed, Invariant($"locked only from tick {worstLockTick}"));
    }

    [Theory]
    [InlineData(0.001, 0.1)]
    [InlineData(0.003, 0.5)]
    public void Steady_state_error_stays_within_target(double jitter, double target)
    {
        // Steady state: once the window has filled twice (4 s), every estimate over the next 96 beats, 5 seeds.
        double worst = 0;
        foreach (double bpm in Tempi)
        {
            double worstHere = 0, sumSquares = 0;
            int count = 0;
            for (int seed = 1; seed <= 5; seed++)
            {
                int total = (int)(((4 * bpm / 60) + 96) * 24);
                double[] ticks = ClockSignal.Jitter(ClockSignal.Steady(bpm, total, start: 100), jitter, 1000 + seed);
                var follower = new ClockFollower();
                foreach (double t in ticks)
                {
                    follower.Tick(t);
                    if (t >= 100 + (2 * ClockFollower.WindowSeconds))
                    {
                        double e = follower.Bpm - bpm;
                        worstHere = Math.Max(worstHere, Math.Abs(e));
                        sumSquares += e * e;
                        count++;
                    }
                }
            }

            output.WriteLine(Invariant($"steady, jitter +/-{jitter * 1000} ms, {bpm} BPM: max {worstHere:F4} BPM, rms {Math.Sqrt(sumSquares / count):F4} BPM over {count} estimates"));
            worst = Math.Max(worst, worstHere);
        }

        Assert.True(worst <= target, Invariant($"worst steady-state error {worst:F4} BPM > {target}"));
    }

    [Fact]
    public void Follows_a_ramp_from_90_to_140_over_eight_bars_and_its_corners()
    {
        // Two beats at 90, 32 beats of ramp, 8 beats at 140; +/-1 ms jitter. The tempo is compared with the truth
        // at every tick from the ramp's start to the end, the position at every tick and half-way between ticks.
        // Inside the ramp the parabola follows without lag. At the corners the follower needs evidence that the
        // acceleration changed, which grows only as the fifth power of the ticks since (see ClockFollower): about
        // 14 ticks at the start and 25 to 30 at the end, some 1 BPM off by then (the old fixed-window fit: 2.0 and
        // 1.2). Within 0.5 BPM at the corners too would take 6 and 9 ticks, where that evidence is below one
        // jitter variance, and so would cost the steady-state figures.
        var ramp = new TempoRamp(90, 140, leadBeats: 2, rampBeats: 32);
        int count = (2 + 32 + 8) * 24;
        double[] exact = ramp.Ticks(count);
        double[] arrivals = ClockSignal.Jitter(exact, 0.001, seed: 5);
        var follower = new ClockFollower(initialBpm: 90);
        follower.Start(-0.01);

        double worstPosition = 0, startCorner = 0, inside = 0, endCorner = 0, after = 0;
        for (int k = 0; k < count; k++)
        {
            follower.Tick(arrivals[k]);
            double now = Math.Max(exact[k], arrivals[k]);
            worstPosition = Math.Max(worstPosition, Math.Abs(follower.StateAt(now).Beats - ramp.BeatsAt(now)));
            if (k + 1 < count)
            {
                double mid = (exact[k] + exact[k + 1]) / 2;
                if (mid > arrivals[k])
                {
                    worstPosition = Math.Max(worstPosition, Math.Abs(follower.StateAt(mid).Beats - ramp.BeatsAt(mid)));
                }
            }

            // Corners: a second from the ramp's start, and from its end.
            double t = arrivals[k], error = Math.Abs(follower.Bpm - ramp.BpmAt(t));
            if (t < ramp.RampStart)
            {
                continue;
            }

            if (t < ramp.RampStart + 1)
            {
                startCorner = Math.Max(startCorner, error);
            }
            else if (t < ramp.RampEnd)
            {
                inside = Math.Max(inside, error);
            }
            else if (t < ramp.RampEnd + 1)
            {
                endCorner = Math.Max(endCorner, error);
            }
            else
            {
                after = Math.Max(after, error);
            }
        }

        output.WriteLine(Invariant($"ramp 90->140 over 32 beats ({ramp.RampSeconds:F2} s), +/-1 ms: worst tempo error {startCorner:F3} BPM in the first second, {inside:F3} BPM in the rest of the ramp, {endCorner:F3} BPM in the second after its end, {after:F3} BPM from then on (8 beats); worst position error {worstPosition:F4} beats"));
        Assert.True(Math.Max(startCorner, endCorner) < 1.5, Invariant($"at the corners the tempo was off by up to {Math.Max(startCorner, endCorner):F2} BPM"));
        Assert.True(inside < 0.5, Invariant($"inside the ramp the tempo lagged by up to {inside:F2} BPM"));
        Assert.True(after < 0.1, Invariant($"a second after the ramp the tempo was still off by up to {after:F2} BPM"));
        Assert.True(worstPosition < 0.1, Invariant($"position error {worstPosition:F3} beats: counting ticks should keep it within about 1/24 beat"));
        Assert.InRange(follower.Bpm, 139.9, 140.1);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(240)]
    public void A_single_late_tick_does_not_move_the_tempo(double bpm)
    {
        // One tick 10 ms late (a scheduler hiccup) in a steady clock with +/-1 ms jitter, 10 seeds: every estimate
        // from it on stays within the steady-state target. No curved model may take it for a ramp's corner.
        double worst = 0;
        for (int seed = 1; seed <= 10; seed++)
        {
            double[] ticks = ClockSignal.Jitter(ClockSignal.Steady(bpm, (int)(bpm / 60 * 24 * 12), start: 100), 0.001, seed);
            int late = (int)(bpm / 60 * 24 * 6) + seed;
            ticks[late] += 0.010;
            var follower = new ClockFollower(bpm);
            for (int k = 0; k < ticks.Length; k++)
            {
                follower.Tick(ticks[k]);
                if (k >= late)
                {
                    worst = Math.Max(worst, Math.Abs(follower.Bpm - bpm));
                }
            }
        }

        output.WriteLine(Invariant($"one tick 10 ms late at {bpm} BPM, +/-1 ms: worst error from it on {worst:F4} BPM"));
        Assert.True(worst < 0.1, Invariant($"a late tick moved the tempo by {worst:F3} BPM"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
