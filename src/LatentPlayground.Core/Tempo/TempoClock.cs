namespace LatentPlayground.Core.Tempo;

/// <summary>
/// The transport: tempo, running state and position in beats, advanced in samples, never read from
/// a wall clock. A fixed BPM drives it for now; MIDI clock and tap tempo will set it later.
/// Thread: owned by whichever thread runs the hop stage; not thread-safe.
/// </summary>
public sealed class TempoClock
{
    public const double MinBpm = 20;
    public const double MaxBpm = 400;

    private readonly double _sampleRate;

    public TempoClock(double sampleRate, double bpm = 120)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        _sampleRate = sampleRate;
        SetTempo(bpm);
    }

    public double Bpm { get; private set; }

    public bool Running { get; private set; }

    /// <summary>Position in quarter-note beats.</summary>
    public double Beats { get; private set; }

    /// <summary>Samples elapsed while running since the last start or locate.</summary>
    public long SamplesRun { get; private set; }

    public TempoState State => new(Bpm, Running, Beats);

    /// <summary>Sets the tempo; values outside 20..400 BPM are refused.</summary>
    public void SetTempo(double bpm)
    {
        if (!double.IsFinite(bpm) || bpm < MinBpm || bpm > MaxBpm)
        {
            throw new ArgumentOutOfRangeException(nameof(bpm), bpm, $"tempo must be {MinBpm}..{MaxBpm} BPM");
        }

        Bpm = bpm;
    }

    /// <summary>Starts from the top, as MIDI Start does.</summary>
    public void Start()
    {
        Locate(0);
        Running = true;
    }

    /// <summary>Resumes from the current position, as MIDI Continue does.</summary>
    public void Continue() => Running = true;

    public void Stop() => Running = false;

    /// <summary>Moves the position, as a Song Position Pointer does.</summary>
    public void Locate(double beats)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(beats);
        Beats = beats;
        SamplesRun = 0;
    }

    /// <summary>Moves time forward by a number of samples. Allocation-free.</summary>
    public void Advance(int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        if (!Running)
        {
            return;
        }

        Beats += samples * Bpm / (60.0 * _sampleRate);
        SamplesRun += samples;
    }
}
