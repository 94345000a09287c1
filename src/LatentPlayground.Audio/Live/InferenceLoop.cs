using System.Diagnostics;
using System.Runtime.CompilerServices;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Realtime;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// The inference thread's body: run every hop the audio thread has completed, and sleep briefly when there
/// is none. Sized here; the loop never allocates, locks, logs or does I/O.
/// </summary>
/// <remarks>
/// Why it polls and for how long: a hop completes only when the audio thread finishes a period, so the
/// thread sleeps a quarter of a period (0.67 ms at 128 frames and 48 kHz, scaled by the pace) and looks
/// again. That adds at most a quarter period to the hop's time, which the measured budget counts (InferenceBudget),
/// costs about 1500 short wake-ups a second, and spares the audio thread any signalling call: it only
/// writes the ring, as the design asks. A condition variable would be woken by the audio thread, which
/// must not make system calls it could block in.
/// Thread: constructed on the control thread; <see cref="Run"/> on the inference thread only;
/// <see cref="RequestStop"/>, <see cref="Counters"/> and <see cref="HopTimes"/> from any.
/// </remarks>
internal sealed class InferenceLoop
{
    /// <summary>Shortest idle sleep: unpaced there is always work, and this bounds a spin's cost.</summary>
    private const long MinimumPollNanoseconds = 20_000;

    private readonly SwappableEngine _engine;
    private readonly long _pollNanoseconds;
    private readonly long _warmUpHops;
    private readonly TimeHistogram _warmUpTimes = new(5, 200_000);
    private InferenceCounters _counters;
    private long _allocatedAtWarmUp;
    private volatile bool _stopRequested;

    public InferenceLoop(SwappableEngine engine, int periodFrames, LiveDriverSettings settings, int hop)
    {
        _engine = engine;
        double periodNanoseconds = settings.Pacing.PeriodNanoseconds(periodFrames, engine.SampleRate);
        _pollNanoseconds = Math.Max(MinimumPollNanoseconds, (long)(periodNanoseconds / 4));
        _warmUpHops = Math.Max(1, (long)Math.Ceiling(settings.WarmUpSeconds * engine.SampleRate / hop));
    }

    /// <summary>The inference thread's latest counters. Thread: any reader.</summary>
    public SnapshotPublisher<InferenceCounters> Counters { get; } = new();

    /// <summary>Time per hop after the warm-up, in 5 µs buckets up to 200 ms. Thread: any reader.</summary>
    public TimeHistogram HopTimes { get; } = new(5, 200_000);

    /// <summary>How long the thread sleeps when no hop is ready. Thread: any.</summary>
    public TimeSpan PollInterval => TimeSpan.FromTicks(_pollNanoseconds / 100);

    /// <summary>Thread: any. The loop returns after the hop in hand, if any.</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>Thread: the inference thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run()
    {
        while (!_stopRequested)
        {
            long began = Stopwatch.GetTimestamp();
            if (_engine.TryProcessHop())
            {
                Account(Stopwatch.GetElapsedTime(began).TotalMicroseconds);
                continue;
            }

            MonotonicClock.Sleep(_pollNanoseconds);
        }
    }

    // Every hop runs this same code, warm or not, so nothing is compiled or touched for the first time once
    // the warm-up is over: only which histogram is fed and what is published change.
    private void Account(double micros)
    {
        _counters.Hops++;
        (_counters.WarmedUp ? HopTimes : _warmUpTimes).Record(micros);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        if (!_counters.WarmedUp && _counters.Hops >= _warmUpHops)
        {
            _counters.WarmedUp = true;
            _allocatedAtWarmUp = allocated;
        }

        _counters.AllocatedBytes = _counters.WarmedUp ? allocated - _allocatedAtWarmUp : 0;
        _counters.WorstHopMicroseconds = HopTimes.WorstMicroseconds;
        Counters.Publish(_counters);
    }
}
