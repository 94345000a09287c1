using System.Diagnostics;
using System.Runtime.CompilerServices;
using LatentPlayground.Audio.Alsa;
using LatentPlayground.Core.Dsp;
using LatentPlayground.Core.Engine;
using LatentPlayground.Core.Realtime;

namespace LatentPlayground.Audio.Live;

/// <summary>
/// The audio thread's body: read a period, run the engine's sample stage, write the period back, count.
/// When the card runs at another rate than the model, a <see cref="RateBridge"/> resamples each period on
/// its way to the engine and back.
/// Everything it touches is sized here, so the loop itself never allocates, locks, logs or does file I/O;
/// its only waits are the capture read (a card's pace) or the period clock (the same pace, for PCMs that
/// have none).
/// Thread: constructed on the control thread; <see cref="Run"/> on the audio thread only;
/// <see cref="RequestStop"/>, <see cref="Counters"/> and <see cref="PeriodTimes"/> from any.
/// </summary>
internal sealed class AudioLoop
{
    private readonly SwappableEngine _engine;
    private readonly AlsaDuplexStream _stream;
    private readonly PeriodClock? _clock;
    private readonly OutputFade _fade;
    private readonly float[] _input;
    private readonly float[] _output;
    private readonly RateBridge? _bridge;
    private readonly float[] _modelInput;
    private readonly float[] _modelOutput;
    private readonly long _stopAfterFrames;
    private readonly long _warmUpFrames;
    private readonly double _periodMicroseconds;
    private readonly double _loadSmoothing;
    private readonly TimeHistogram _warmUpTimes = new(1, 20_000);
    private AudioCounters _counters;
    private long _allocatedAtWarmUp;
    private volatile bool _stopRequested;

    public AudioLoop(SwappableEngine engine, AlsaDuplexStream stream, LiveDriverSettings settings, RateBridge? bridge = null)
    {
        _engine = engine;
        _stream = stream;
        int rate = stream.SampleRate;
        double periodNanoseconds = settings.Pacing.PeriodNanoseconds(stream.PeriodFrames, rate);
        _clock = settings.Pacing.Mode == PacingMode.Clock ? new PeriodClock(periodNanoseconds, stream.Periods) : null;
        _fade = new OutputFade(Math.Max(1, (int)Math.Round(settings.FadeOutSeconds * rate)));
        _input = new float[stream.SamplesPerPeriod];
        _output = new float[stream.SamplesPerPeriod];
        _bridge = bridge;
        _modelInput = new float[(bridge?.MaxModelFrames ?? 0) * stream.Channels];
        _modelOutput = new float[_modelInput.Length];
        _stopAfterFrames = settings.StopAfterFrames ?? long.MaxValue;
        _warmUpFrames = (long)Math.Ceiling(settings.WarmUpSeconds * rate);
        _periodMicroseconds = settings.Pacing.Mode == PacingMode.None ? 0 : periodNanoseconds / 1000;

        // Smooth the load over about half a second of audio, whatever the period.
        _loadSmoothing = Math.Min(1.0, stream.PeriodFrames / (0.5 * rate));
    }

    /// <summary>The audio thread's latest counters. Thread: any reader.</summary>
    public SnapshotPublisher<AudioCounters> Counters { get; } = new();

    /// <summary>Work per period after the warm-up, in 1 µs buckets up to 20 ms. Thread: any reader.</summary>
    public TimeHistogram PeriodTimes { get; } = new(1, 20_000);

    /// <summary>Wall-clock length of a period at the loop's pace (0 unpaced). Thread: any.</summary>
    public double PeriodMicroseconds => _periodMicroseconds;

    /// <summary>Thread: any. The loop fades out, drains the playback and returns.</summary>
    public void RequestStop() => _stopRequested = true;

    /// <summary>Thread: the audio thread. Starts the stream and runs until stopped or done; then drains.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run()
    {
        int frames = _stream.PeriodFrames;
        int channels = _stream.Channels;
        _stream.Start();
        _clock?.Start();
        while (true)
        {
            if (!_fade.Started && (_stopRequested || _counters.Frames >= _stopAfterFrames))
            {
                _fade.Begin();
            }

            _clock?.WaitForNextPeriod();
            _stream.ReadPeriod(_input);
            long began = Stopwatch.GetTimestamp();
            if (_bridge is null)
            {
                _engine.ProcessPeriod(_input, _output, frames);
            }
            else
            {
                int modelFrames = _bridge.ToModel(_input, frames, _modelInput);
                _engine.ProcessPeriod(_modelInput, _modelOutput, modelFrames);
                _bridge.FromModel(_modelOutput, modelFrames, _output, frames);
            }

            bool silent = _fade.Apply(_output, channels);
            _stream.WritePeriod(_output);
            long ended = Stopwatch.GetTimestamp();
            Account(frames, Stopwatch.GetElapsedTime(began, ended).TotalMicroseconds);
            if (silent)
            {
                break;
            }
        }

        _stream.Stop(drainPlayback: true);
    }

    // Every period runs this same code, warm or not, so nothing is compiled or touched for the first time
    // once the warm-up is over: only which histogram is fed and what is published change.
    private void Account(int frames, double micros)
    {
        _counters.Periods++;
        _counters.Frames += frames;
        _counters.Xruns = _stream.XrunCount + (_clock?.Overruns ?? 0);
        if (_periodMicroseconds > 0)
        {
            _counters.Load += _loadSmoothing * ((micros / _periodMicroseconds) - _counters.Load);
        }

        (_counters.WarmedUp ? PeriodTimes : _warmUpTimes).Record(micros);
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        int collections = GC.CollectionCount(0);
        if (!_counters.WarmedUp && _counters.Frames >= _warmUpFrames)
        {
            _counters.WarmedUp = true;
            _counters.GcCountAtWarmUp = collections;
            _allocatedAtWarmUp = allocated;
        }

        _counters.AllocatedBytes = _counters.WarmedUp ? allocated - _allocatedAtWarmUp : 0;
        _counters.WorstPeriodMicroseconds = PeriodTimes.WorstMicroseconds;
        Counters.Publish(_counters);
    }
}
