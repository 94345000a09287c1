using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Latents;

/// <summary>
/// A latent pattern looped in time with the transport: the offline audition of the looper, and its
/// real-time core. The loop's position is read from the transport's beat position, never counted in frames,
/// so it cannot drift: a loop of n beats restarts exactly where the transport crosses StartBeat + m·n, and
/// with StartBeat on a bar line and n a whole number of bars, every restart is on a bar line.
/// <para>
/// <see cref="LoopTempoMode.Fit"/>: the pattern's P frames are spread over the loop's n beats, and frame
/// position phase·P is interpolated linearly between neighbouring frames (the last one leading back to the
/// first, as the loop does). A tempo change mid-loop changes the speed through the pattern from that hop on,
/// with no jump, and the loop still ends on its bar line: a musician following a drummer who pushes wants the
/// loop to stay with the drummer, not to finish at the old tempo.
/// </para>
/// <para>
/// With the transport stopped, the pattern plays at its own rate, one frame per hop from where it stopped
/// running, as the reference decodes it; when the transport runs again the loop snaps back to the beat.
/// </para>
/// Thread: the hop stage's thread. Sized in the constructor; <see cref="TryRead"/> never allocates.
/// </summary>
public sealed class LatentLoopSource : ILatentSource
{
    // A hop that lands a hair before a frame boundary (rounding of beats × k) still gets that frame.
    private const double FrameEpsilon = 1e-6;

    private readonly float[] _pattern;
    private int _frames;
    private long _freeStart = -1;
    private long _lastRow = -1;

    /// <param name="pattern">The frames to loop, at the model's latent rate.</param>
    /// <param name="latentRate">The model's latent frames a second (sample rate / hop).</param>
    /// <param name="loopBeats">The loop's length in quarter-note beats (8: two bars of 4/4).</param>
    /// <param name="mode">How it follows the tempo.</param>
    /// <param name="startBeat">The transport position where the loop's first frame falls: a bar line.</param>
    public LatentLoopSource(LatentArray pattern, double latentRate, double loopBeats, LoopTempoMode mode = LoopTempoMode.Fit, double startBeat = 0)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (!double.IsFinite(latentRate) || latentRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(latentRate), latentRate, "the latent rate must be positive");
        }

        if (!double.IsFinite(loopBeats) || loopBeats <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(loopBeats), loopBeats, "a loop lasts more than 0 beats");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(startBeat);
        _pattern = pattern.ToSingles();
        _frames = pattern.Frames;
        Dimensions = pattern.Dimensions;
        LatentRate = latentRate;
        LoopBeats = loopBeats;
        Mode = mode;
        StartBeat = startBeat;
    }

    /// <summary>
    /// An empty loop with room for <paramref name="capacityFrames"/> frames, filled later by <see cref="Load"/> on the
    /// hop stage's thread without allocating: the live looper's capture, made in the middle of a hop.
    /// </summary>
    public LatentLoopSource(int dimensions, int capacityFrames, double latentRate, LoopTempoMode mode = LoopTempoMode.Fit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacityFrames, 1);
        if (!double.IsFinite(latentRate) || latentRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(latentRate), latentRate, "the latent rate must be positive");
        }

        _pattern = new float[checked(dimensions * capacityFrames)];
        Dimensions = dimensions;
        LatentRate = latentRate;
        LoopBeats = 4;
        Mode = mode;
    }

    /// <summary>Frames <see cref="Load"/> can take.</summary>
    public int Capacity => _pattern.Length / Dimensions;

    /// <summary>
    /// Makes this loop <paramref name="first"/> then <paramref name="second"/> (a ring buffer's two pieces, whole frames),
    /// <paramref name="loopBeats"/> long from <paramref name="startBeat"/> (which may be before 0: a loop captured in
    /// the transport's first bars). Thread: the thread that reads it. Allocation-free.
    /// </summary>
    public void Load(ReadOnlySpan<float> first, ReadOnlySpan<float> second, double loopBeats, double startBeat)
    {
        int frames = (first.Length + second.Length) / Dimensions;
        if (frames < 1 || frames > Capacity || (first.Length + second.Length) % Dimensions != 0 || !(loopBeats > 0))
        {
            throw new ArgumentException("a loop takes 1 to Capacity whole frames over more than 0 beats");
        }

        first.CopyTo(_pattern);
        second.CopyTo(_pattern.AsSpan(first.Length));
        _frames = frames;
        LoopBeats = loopBeats;
        StartBeat = startBeat;
        _freeStart = -1;
        _lastRow = -1;
    }

    public int Dimensions { get; }

    /// <summary>Frames in the pattern.</summary>
    public int Frames => _frames;

    public double LatentRate { get; }

    public double LoopBeats { get; private set; }

    public LoopTempoMode Mode { get; }

    public double StartBeat { get; private set; }

    /// <summary>
    /// Whole bars nearest the pattern's own length at <paramref name="bpm"/>, at least one: the loop length that
    /// stretches the pattern least.
    /// </summary>
    public static int NaturalBars(int frames, double latentRate, double bpm, int beatsPerBar = 4) =>
        (int)Math.Clamp(Math.Round(frames / latentRate * bpm / 60.0 / beatsPerBar), 1, 4096);

    /// <summary>Where in the loop the transport is: 0 at its start, up to 1 at its end. Allocation-free.</summary>
    public double Phase(double beats)
    {
        double loops = (beats - StartBeat) / LoopBeats;
        double phase = loops - Math.Floor(loops);
        // (beats − start)/n can round to just under a whole number whose phase then reads 1.
        return phase < 1.0 ? phase : 0.0;
    }

    /// <summary>The pattern position (in frames, fractional) that <see cref="LoopTempoMode.Fit"/> plays at <paramref name="beats"/>.</summary>
    public double Position(double beats) => Phase(beats) * _frames;

    /// <summary>Frames the quantised loop holds at <paramref name="bpm"/>: beats × k, at least one.</summary>
    public long QuantisedFrames(double bpm) =>
        Math.Max(1, (long)Math.Round(LoopBeats * QuantisedTempo.FramesPerBeat(LatentRate, bpm)));

    public bool TryRead(long frame, in TempoState tempo, Span<float> latent)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(latent.Length, Dimensions);
        if (_frames == 0)
        {
            return false; // nothing loaded yet
        }

        if (!tempo.Running)
        {
            if (_freeStart < 0)
            {
                // The hop after the last one played while running shows the next frame.
                _freeStart = frame - (_lastRow + 1);
            }

            long row = (frame - _freeStart) % _frames;
            CopyRow(row < 0 ? row + _frames : row, latent);
            return true;
        }

        _freeStart = -1;
        if (Mode == LoopTempoMode.Quantised)
        {
            int k = QuantisedTempo.FramesPerBeat(LatentRate, tempo.Bpm);
            double elapsed = (tempo.Beats - StartBeat) * k;
            long loopFrames = QuantisedFrames(tempo.Bpm);
            long index = (long)Math.Floor(elapsed + FrameEpsilon) % loopFrames;
            _lastRow = (index + loopFrames) % loopFrames % _frames;
            CopyRow(_lastRow, latent);
            return true;
        }

        double position = Position(tempo.Beats);
        int i = Math.Min((int)position, _frames - 1);
        float t = (float)(position - i);
        int j = i + 1 == _frames ? 0 : i + 1;
        _lastRow = i;
        ReadOnlySpan<float> a = _pattern.AsSpan(i * Dimensions, Dimensions), b = _pattern.AsSpan(j * Dimensions, Dimensions);
        for (int d = 0; d < latent.Length; d++)
        {
            latent[d] = a[d] + (t * (b[d] - a[d]));
        }

        return true;
    }

    private void CopyRow(long row, Span<float> latent) => _pattern.AsSpan((int)row * Dimensions, Dimensions).CopyTo(latent);
}
