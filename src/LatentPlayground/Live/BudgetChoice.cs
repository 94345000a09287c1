using System.Globalization;
using LatentPlayground.Audio.Live;
using LatentPlayground.Audio.Realtime;
using LatentPlayground.Core.Engine;

namespace LatentPlayground.Live;

/// <summary>
/// How a model's inference budget was chosen: measured at load (<see cref="InferenceBudget"/>), or fixed by the
/// run config's <c>budget_ms</c>. Thread: any; immutable.
/// </summary>
/// <param name="Samples">The budget.</param>
/// <param name="SampleRate">The stream's rate, for milliseconds.</param>
/// <param name="HopMicroseconds">The wall time a hop surely has with this budget.</param>
/// <param name="Measured">The warm-up hops' times, when measured; null when fixed.</param>
/// <param name="PollMicroseconds">The inference thread's idle poll, part of the measured need.</param>
/// <param name="FixedMilliseconds">The configured budget, when fixed.</param>
/// <param name="FixedWhere">Where the fixed budget was set (<c>pedal.json: budget_ms</c>, <c>--budget-ms</c>).</param>
public sealed record BudgetChoice(int Samples, int SampleRate, double HopMicroseconds, HopTimes? Measured, double PollMicroseconds, double? FixedMilliseconds, string? FixedWhere)
{
    public double Milliseconds => Samples * 1000.0 / SampleRate;

    /// <summary>
    /// The budget for <paramref name="codec"/> in a stream of <paramref name="periodFrames"/>-frame periods at
    /// <paramref name="pace"/>: <paramref name="fixedMilliseconds"/> when set, else measured with warm-up hops of the
    /// codec, timed on a thread run as <paramref name="measureOn"/> says (the loading thread waits for it), or on the
    /// loading thread itself when that is null.
    /// </summary>
    /// <param name="measureOn">
    /// Where to time the hops: the pedal passes the inference thread's core with its SCHED_FIFO priority less one, so
    /// the hops are timed where they will run, out of reach of ordinary processes, and a live inference thread on that
    /// core (a swap) preempts the timing instead of waiting for it. Refused rights leave a normal thread.
    /// </param>
    /// <exception cref="UsageException">A fixed budget shorter than a period for a hop that is not a whole number of periods.</exception>
    public static BudgetChoice For(IStreamingCodec codec, int periodFrames, LivePacing pace, double? fixedMilliseconds, string fixedWhere, RealtimeSettings? measureOn = null)
    {
        ArgumentNullException.ThrowIfNull(codec);
        int rate = codec.SampleRate;
        double speed = pace.Mode == PacingMode.Clock ? pace.Speed : 1;

        // As the inference thread sleeps when no hop is ready (InferenceLoop): a quarter period, at least 20 us.
        double poll = Math.Max(20, pace.PeriodNanoseconds(periodFrames, rate) / 4 / 1000);
        if (fixedMilliseconds is double ms)
        {
            int samples = (int)Math.Round(ms * rate / 1000.0);
            if (codec.Hop % periodFrames != 0 && samples < periodFrames)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"{fixedWhere}: {ms} ms is below one period ({periodFrames * 1000.0 / rate:0.##} ms): with a hop of {codec.Hop}, not a whole number of {periodFrames}-frame periods, every hop would be late"));
            }

            return new BudgetChoice(samples, rate, InferenceBudget.HopTimeMicroseconds(samples, codec.Hop, periodFrames, rate, speed), null, poll, ms, fixedWhere);
        }

        HopTimes measured = default;
        if (measureOn is null)
        {
            measured = InferenceBudget.Measure(codec);
        }
        else
        {
            RealtimeThread.Start(measureOn, () => measured = InferenceBudget.Measure(codec)).Join();
        }

        int budget = InferenceBudget.Samples(measured.CountedMicroseconds, poll, codec.Hop, periodFrames, rate, speed);
        return new BudgetChoice(budget, rate, InferenceBudget.HopTimeMicroseconds(budget, codec.Hop, periodFrames, rate, speed), measured, poll, null, null);
    }

    /// <summary>How it was chosen, in one clause for the log.</summary>
    public override string ToString()
    {
        if (Measured is HopTimes m)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"inference budget {Samples} samples ({Milliseconds:0.0} ms), measured: {m.Count} warm-up hops took {m.CountedMicroseconds / 1000:0.00} ms at the {InferenceBudget.Percentile * 100:0}th percentile (median {m.MedianMicroseconds / 1000:0.00}, slowest {m.WorstMicroseconds / 1000:0.00}) x {InferenceBudget.HopTimeFactor} + {InferenceBudget.AddedMilliseconds} ms + poll {PollMicroseconds / 1000:0.00} ms = {InferenceBudget.NeededMicroseconds(m.CountedMicroseconds, PollMicroseconds) / 1000:0.00} ms, in whole periods: a hop has {HopMicroseconds / 1000:0.0} ms");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"inference budget {Samples} samples ({Milliseconds:0.0} ms), fixed by {FixedWhere}: a hop has {HopMicroseconds / 1000:0.0} ms");
    }
}
