using LatentPlayground.Core.Noise;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Modulation;

/// <summary>
/// The eight latent modulators, one for each of the first eight latent dimensions, evaluated once per latent
/// frame (one model hop). A model's latent may be shorter or longer than eight: the modulators (with the
/// offsets and Mode) act on the first min(8, L) dimensions, which are the most significant ones because
/// RAVE exports its latent in PCA order; dimensions past the eighth pass through untouched, and the
/// settings of modulators a short latent has no dimension for do nothing.
/// Each draws a new noise value <c>rate</c> times a second, one <c>speed</c>-sized step further through its
/// noise field, holds it, and smooths it with a critically damped two-pole low-pass at <c>rate</c>; the result, times
/// <c>scale</c>, is added with the offsets to the encoder's latent and brought into [-3, 3] by Mode.
/// Thread: the hop stage's thread only (inference thread live, the render loop offline).
/// Sized at construction; <see cref="Advance"/> never allocates.
/// </summary>
public sealed class ModulatorBank
{
    public const int Dimensions = DimensionParameters.Count;

    /// <summary>Noise-space distance per new value at full speed (1000): about three noise features, so successive values are unrelated.</summary>
    public const double StepAtFullSpeed = 1.5;

    private const double RowY = 0.437;
    private const uint DeviationSalt = 0xDE71A7E5u;
    private const uint ChaosSalt = 0xC4A05u;
    private const long NoGridCell = long.MinValue;

    private readonly double _frameRate;
    private readonly double[] _x = new double[Dimensions];
    private readonly double[] _phase = new double[Dimensions];
    private readonly double[] _held = new double[Dimensions];
    private readonly double[] _smoothedFirst = new double[Dimensions];
    private readonly double[] _smoothed = new double[Dimensions];
    private readonly double[] _freeElapsed = new double[Dimensions];
    private readonly long[] _gridCell = new long[Dimensions];
    private readonly bool[] _restart = new bool[Dimensions];
    private readonly double[] _lastModulation = new double[Dimensions];

    /// <param name="frameRate">Latent frames per second: sample rate / hop (23.4375 for 48 kHz and 2048).</param>
    public ModulatorBank(double frameRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameRate);
        _frameRate = frameRate;
        Trigger();
    }

    public double FrameRate => _frameRate;

    /// <summary>The modulation (before offsets and Mode) of each dimension at the last frame, for displays; 0 for dimensions a short latent lacks.</summary>
    public ReadOnlySpan<double> LastModulation => _lastModulation;

    /// <summary>Restarts all eight trajectories together from their seeds at the next frame.</summary>
    public void Trigger()
    {
        Array.Fill(_restart, true);
        Array.Fill(_freeElapsed, 0.0);
        Array.Fill(_gridCell, NoGridCell);
    }

    /// <summary>
    /// Noise-space distance per new value. Quadratic, so the manual's ranges hold: at 100-200 successive values
    /// sit close together (0.015-0.06 of a unit, gentle), at 800-1000 each is about a feature or more away (chaotic).
    /// </summary>
    public static double StepForSpeed(double speed) => StepAtFullSpeed * (speed / 1000.0) * (speed / 1000.0);

    /// <summary>
    /// Where a dimension's walk starts: a seeded place inside the first unit, so that dimensions with
    /// different seeds cross the cell and voronoi borders at different times instead of all jumping
    /// together, and never on the lattice, where gradient noises are exactly zero.
    /// </summary>
    public static double StartX(uint seed) => 0.1 + (0.8 * (SeedHash.Mix(seed, 0x57A27u) / (double)uint.MaxValue));

    /// <summary>The seed dimension <paramref name="dimension"/> draws its noise from.</summary>
    public static uint EffectiveSeed(ReadOnlySpan<double> parameters, int dimension)
    {
        uint global = (uint)parameters[(int)ParameterId.GlobalSeed];
        return parameters[(int)ParameterId.SeedLink] >= 0.5
            ? SeedHash.Mix(global, 0xA11u)
            : SeedHash.Mix(global, (uint)parameters[(int)DimensionParameters.Seed(dimension)]);
    }

    /// <summary>Dimension <paramref name="dimension"/>'s share of the Deviation spread, in [-1, 1].</summary>
    public static double DeviationSpread(ReadOnlySpan<double> parameters, int dimension) =>
        SeedHash.ToSigned(SeedHash.Mix((uint)parameters[(int)ParameterId.GlobalSeed] ^ DeviationSalt, (uint)dimension));

    /// <summary>The loop length factor Time Chaos gives dimension <paramref name="dimension"/>, in [1 - chaos, 1 + chaos].</summary>
    public static double ChaosFactor(ReadOnlySpan<double> parameters, int dimension)
    {
        double chaos = parameters[(int)ParameterId.TimeChaos] / 100.0;
        double spread = SeedHash.ToSigned(SeedHash.Mix(EffectiveSeed(parameters, dimension) ^ ChaosSalt, (uint)dimension));

        // Never shorter than a tenth: a zero-length loop would restart every frame and freeze the dimension.
        return Math.Max(0.1, 1.0 + (chaos * spread));
    }

    /// <summary>
    /// Computes one latent frame: <c>latentOut[d] = Mode(latentIn[d] + offset[d] + deviation[d] + scale * modulator[d])</c>
    /// for the first min(8, L) dimensions, the modulator term only when modulation is on, and
    /// <c>latentOut[d] = latentIn[d]</c> for the dimensions past the eighth.
    /// </summary>
    /// <param name="parameters">Current parameter values, indexed by <see cref="ParameterId"/>.</param>
    /// <param name="tempo">The transport at this frame's first sample.</param>
    /// <param name="latentIn">The encoder's latent (L values, any L from 1), or zeros when encode is off.</param>
    /// <param name="latentOut">Receives the latent for the decoder, as long as <paramref name="latentIn"/>; may be the same memory.</param>
    public void Advance(ReadOnlySpan<double> parameters, in TempoState tempo, ReadOnlySpan<float> latentIn, Span<float> latentOut)
    {
        if (parameters.Length < ParameterTable.Count)
        {
            throw new ArgumentException("parameter span is shorter than the parameter table", nameof(parameters));
        }

        if (latentIn.Length == 0 || latentOut.Length != latentIn.Length)
        {
            throw new ArgumentException("latent spans must be non-empty and of the same length");
        }

        // Past the eighth dimension the encoder's values go through as they are (a no-op when the spans
        // are the same memory, as in the hop stage).
        int driven = Math.Min(Dimensions, latentIn.Length);
        latentIn[driven..].CopyTo(latentOut[driven..]);

        NoiseBasis basis = NoiseBasis.Get((NoiseBasisKind)(int)parameters[(int)ParameterId.Basis]);
        var mode = (RangeMode)(int)parameters[(int)ParameterId.Mode];
        bool modulate = parameters[(int)ParameterId.Modulation] >= 0.5;
        double scale = parameters[(int)ParameterId.Scale];
        double rate = parameters[(int)ParameterId.Rate];
        double step = StepForSpeed(parameters[(int)ParameterId.Speed]);
        double deviation = parameters[(int)ParameterId.Deviation];
        double smoothing = 1.0 - Math.Exp(-2.0 * Math.PI * rate / _frameRate);

        for (int d = 0; d < driven; d++)
        {
            uint seed = EffectiveSeed(parameters, d);
            if (DueForRestart(parameters, tempo, d))
            {
                _restart[d] = true;
            }

            if (_restart[d])
            {
                _restart[d] = false;
                _x[d] = StartX(seed);
                _phase[d] = 0;
                _held[d] = basis.Sample(_x[d], RowY, seed);
                _smoothedFirst[d] = _held[d];
                _smoothed[d] = _held[d];
            }
            else
            {
                _phase[d] += rate / _frameRate;
                if (_phase[d] >= 1.0)
                {
                    double ticks = Math.Floor(_phase[d]);
                    _phase[d] -= ticks;
                    _x[d] += step * ticks;
                    _held[d] = basis.Sample(_x[d], RowY, seed);
                }

                // Two one-pole stages: a second-order, critically damped low-pass that rounds the corners a
                // single pole leaves where a new value starts (no overshoot, so the bounds still hold).
                _smoothedFirst[d] += smoothing * (_held[d] - _smoothedFirst[d]);
                _smoothed[d] += smoothing * (_smoothedFirst[d] - _smoothed[d]);
            }

            double modulation = modulate ? scale * _smoothed[d] : 0.0;
            _lastModulation[d] = modulation;
            double offset = parameters[(int)DimensionParameters.Offset(d)] + (deviation * DeviationSpread(parameters, d));
            latentOut[d] = (float)RangeLimiter.Apply(latentIn[d] + offset + modulation, mode, ParameterTable.LatentLimit);
        }
    }

    // Decides whether dimension d's Time setting restarts it at this frame. Free loops count frame
    // time; note-value loops restart when the transport enters a new grid cell, so they stay on the beat
    // even after a tempo change or a locate.
    private bool DueForRestart(ReadOnlySpan<double> parameters, in TempoState tempo, int d)
    {
        int time = (int)parameters[(int)DimensionParameters.Time(d)];
        if (time == TimeDivision.Free)
        {
            if (_restart[d])
            {
                // A Trigger is pending: the loop starts over from this frame.
                _freeElapsed[d] = 0;
                return false;
            }

            double period = parameters[(int)DimensionParameters.TimeMs(d)] / 1000.0 * ChaosFactor(parameters, d);
            _freeElapsed[d] += 1.0 / _frameRate;
            if (_freeElapsed[d] + 1e-9 < period)
            {
                return false;
            }

            // Keep the remainder, so the loop keeps real time on average although frames are coarse.
            _freeElapsed[d] -= period;
            if (_freeElapsed[d] < 0 || _freeElapsed[d] >= period)
            {
                _freeElapsed[d] = 0;
            }

            return true;
        }

        if (!TimeDivision.IsNote(time) || !tempo.Running)
        {
            _gridCell[d] = NoGridCell;
            return false;
        }

        double length = TimeDivision.LengthInBeats(time) * ChaosFactor(parameters, d);

        // A hair of tolerance keeps a frame that lands exactly on a beat (in exact arithmetic) on it.
        long cell = (long)Math.Floor((tempo.Beats + 1e-9) / length);
        bool due = cell != _gridCell[d];
        _gridCell[d] = cell;
        return due;
    }
}
