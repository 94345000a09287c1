using System.Diagnostics;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The inference budget a model gets on the machine it runs on: how long after a hop's last sample its
/// decoded audio may arrive. It is measured, not guessed: at load, warm-up hops of the real model are
/// timed on the loading thread (<see cref="Measure"/>), and the budget is their 90th percentile
/// (<see cref="Percentile"/>) with a margin (<see cref="HopTimeFactor"/>, <see cref="AddedMilliseconds"/>), plus
/// the inference thread's idle poll, rounded up to whole periods (<see cref="Samples"/>).
/// </summary>
/// <remarks>
/// Why whole periods: a hop's input is complete only when the audio thread has written the period holding
/// its last sample, and its decoded audio is first read at the start of a later period. When the hop is a
/// whole number of periods (2048 and 128), a budget of q periods gives a hop q + 1 periods of wall time;
/// otherwise at least q. So a budget of 0 is valid for the bundled model when a hop takes well under a
/// period, and one period (2.7 ms at 128 frames) when it takes under two.
/// A hop that is late anyway (a page fault, a thermal throttle) fades to the aligned dry signal and back, as
/// always; the margin only makes that rare. The budget stays fixed while running, so the latency does too.
/// Thread: any; <see cref="Measure"/> uses the codec, so only its owner thread (the loader, before the codec is shared).
/// </remarks>
public static class InferenceBudget
{
    /// <summary>
    /// Which warm-up hop time counts: the 90th percentile of <see cref="TimedHops"/>, i.e. the slowest three are
    /// left out. The pedal times the hops on the inference thread's core at SCHED_FIFO (see the caller); where that is
    /// refused, a thread of normal priority is preempted by other processes now and then for milliseconds (on a busy
    /// machine the slowest of 32 hops of the bundled model took 5 to 6 ms while their median took 0.5 ms), which the
    /// live inference thread, real-time on its own core, is not. Counting those would charge every hop for them.
    /// </summary>
    public const double Percentile = 0.9;

    /// <summary>
    /// Margin on that hop time, with <see cref="AddedMilliseconds"/>: warm-up hops run back to back with warm caches,
    /// a live hop wakes every hop's length into caches the rest of the machine has used meanwhile, beside the audio
    /// thread. On the development machine live hops of the bundled model took 2 to 3 times the warm-up median (p99
    /// 1.8 to 2.2 ms against 0.6 to 0.9 ms); half again plus the 2 ms below covers that with room to spare, and what
    /// it misses fades to dry, as any late hop.
    /// </summary>
    public const double HopTimeFactor = 1.5;

    /// <summary>
    /// Fixed time on top: the cold-cache cost above for a fast model, waking the inference thread (SCHED_FIFO: tens
    /// of microseconds; more on a busy core without real-time rights), the audio thread's own work before it writes
    /// the ring, and the kernel's scheduling slop. 2 ms keeps these from making late hops without costing a fast
    /// model more than one period at 128 frames.
    /// </summary>
    public const double AddedMilliseconds = 2.0;

    /// <summary>Warm-up hops timed at load (after <see cref="UntimedHops"/> that pay for first calls).</summary>
    public const int TimedHops = 32;

    /// <summary>Hops run first and not timed: first calls allocate and fill caches.</summary>
    public const int UntimedHops = 4;

    /// <summary>
    /// The budget in samples: the time a hop needs (<paramref name="hopMicroseconds"/> × <see cref="HopTimeFactor"/>
    /// + <see cref="AddedMilliseconds"/> + the inference thread's idle poll), in whole periods of wall time at the
    /// pace the stream runs (<paramref name="speed"/> times real time), less the period a whole-period hop gets for free.
    /// </summary>
    public static int Samples(double hopMicroseconds, double pollMicroseconds, int hop, int periodFrames, int sampleRate, double speed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hopMicroseconds);
        ArgumentOutOfRangeException.ThrowIfNegative(pollMicroseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(periodFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        if (!(speed > 0) || !double.IsFinite(speed))
        {
            speed = 1;
        }

        double needed = NeededMicroseconds(hopMicroseconds, pollMicroseconds);
        double period = PeriodMicroseconds(periodFrames, sampleRate, speed);
        int periods = Math.Max(1, (int)Math.Ceiling(needed / period));
        return Math.Max(0, periods - (hop % periodFrames == 0 ? 1 : 0)) * periodFrames;
    }

    /// <summary>The wall time a hop needs from its last sample to its decoded audio, in microseconds.</summary>
    public static double NeededMicroseconds(double hopMicroseconds, double pollMicroseconds) =>
        (hopMicroseconds * HopTimeFactor) + (AddedMilliseconds * 1000) + pollMicroseconds;

    /// <summary>
    /// The wall time a hop surely has with a budget of <paramref name="budgetSamples"/>: the whole periods in the
    /// budget, plus one when the hop is a whole number of periods.
    /// </summary>
    public static double HopTimeMicroseconds(int budgetSamples, int hop, int periodFrames, int sampleRate, double speed = 1)
    {
        if (!(speed > 0) || !double.IsFinite(speed))
        {
            speed = 1;
        }

        int periods = (budgetSamples / periodFrames) + (hop % periodFrames == 0 ? 1 : 0);
        return periods * PeriodMicroseconds(periodFrames, sampleRate, speed);
    }

    /// <summary>
    /// Times <see cref="TimedHops"/> hops of the real model through a hop stage (encode, latent chain, decode) after
    /// <see cref="UntimedHops"/> untimed ones, on quiet noise, then resets the codec so it starts from zero state.
    /// Thread: the codec's owner (the loader), before the codec is shared. Allocates (a hop stage and buffers).
    /// </summary>
    public static HopTimes Measure(IStreamingCodec codec, int timedHops = TimedHops)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(timedHops, 1);
        var stage = new HopStage(codec);
        var input = new float[codec.Hop];
        var output = new float[codec.Hop];
        var targets = new double[ParameterTable.Count];
        foreach (ParameterDescriptor d in ParameterTable.All)
        {
            targets[(int)d.Id] = d.Default;
        }

        // Quiet noise from a fixed generator: real-looking input, the same every load.
        uint state = 0x9E3779B9;
        var times = new double[timedHops];
        for (int h = 0; h < UntimedHops + timedHops; h++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                state = (state * 1664525) + 1013904223;
                input[i] = ((state >> 8) / (float)(1 << 24) - 0.5f) * 0.2f;
            }

            long began = Stopwatch.GetTimestamp();
            stage.Process(input, output, targets, TempoState.Stopped);
            double micros = Stopwatch.GetElapsedTime(began).TotalMicroseconds;
            if (h >= UntimedHops)
            {
                times[h - UntimedHops] = micros;
            }
        }

        codec.Reset();
        Array.Sort(times);
        int percentile = Math.Clamp((int)Math.Ceiling(Percentile * timedHops) - 1, 0, timedHops - 1);
        return new HopTimes(times[percentile], times[^1], times[times.Length / 2], timedHops);
    }

    private static double PeriodMicroseconds(int periodFrames, int sampleRate, double speed) => periodFrames * 1e6 / (sampleRate * speed);
}

/// <summary>What <see cref="InferenceBudget.Measure"/> found: the hop time that counts (<see cref="InferenceBudget.Percentile"/>), the slowest and the median warm-up hop.</summary>
public readonly record struct HopTimes(double CountedMicroseconds, double WorstMicroseconds, double MedianMicroseconds, int Count);
