using LatentPlayground.Core.Latents;
using LatentPlayground.Core.Modulation;
using LatentPlayground.Core.Parameters;
using LatentPlayground.Core.Tempo;

namespace LatentPlayground.Core.Engine;

/// <summary>
/// The per-hop half of the engine: encode one hop, move the latent (encoder z when encode is on, or a
/// <see cref="LatentSource"/>'s latent in its place, plus offsets and modulators, through Mode), decode. Continuous latent parameters (offsets, deviation,
/// scale) glide over a few hops instead of jumping, so turning a knob never steps the timbre.
/// The latent has the model's own size L (any L from 1): offsets and modulators move its first
/// min(8, L) dimensions (see <see cref="ModulatorBank"/>), the rest are the encoder's (zero with encode off).
/// The encoder and decoder run on every hop whatever encode and decode say, so the cost of a hop is
/// constant and the models' streaming state never goes stale.
/// Thread: the inference thread live, the render loop offline. Sized in the constructor;
/// <see cref="Process"/> never allocates.
/// </summary>
public sealed class HopStage
{
    /// <summary>Time constant of the per-hop glide of offsets, deviation and scale.</summary>
    public const double GlideSeconds = 0.06;

    private readonly IStreamingCodec _codec;
    private readonly ModulatorBank _bank;
    private readonly double[] _parameters = new double[ParameterTable.Count];
    private readonly float[] _encoded;
    private readonly float[] _latent;
    private readonly double _glide;
    private bool _glideStarted;
    private bool _triggerPending;
    private ILatentSource? _latentSource;

    public HopStage(IStreamingCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentOutOfRangeException.ThrowIfLessThan(codec.LatentSize, 1, nameof(codec));
        ArgumentOutOfRangeException.ThrowIfLessThan(codec.Hop, 1, nameof(codec));
        ArgumentOutOfRangeException.ThrowIfLessThan(codec.SampleRate, 1, nameof(codec));
        _codec = codec;
        _bank = new ModulatorBank(codec.SampleRate / (double)codec.Hop);
        _encoded = new float[codec.LatentSize];
        _latent = new float[codec.LatentSize];
        _glide = 1.0 - Math.Exp(-codec.Hop / (GlideSeconds * codec.SampleRate));
    }

    public IStreamingCodec Codec => _codec;

    public int Hop => _codec.Hop;

    /// <summary>Hops processed since construction or <see cref="Reset"/>.</summary>
    public long Frame { get; private set; }

    /// <summary>The encoder's latent at the last hop.</summary>
    public ReadOnlySpan<float> Encoded => _encoded;

    /// <summary>The latent the decoder received at the last hop (z'), <see cref="LatentSize"/> values.</summary>
    public ReadOnlySpan<float> Latent => _latent;

    /// <summary>The model's latent size L.</summary>
    public int LatentSize => _latent.Length;

    /// <summary>How many leading dimensions offsets and modulators move: min(8, L).</summary>
    public int DrivenDimensions => Math.Min(ModulatorBank.Dimensions, _latent.Length);

    /// <summary>
    /// Latents that play in place of the encoder's (a latent loop), or null for the encoder's. Offsets,
    /// modulators and freeze act on top as on the encoder's latent; a hop the source has nothing for plays the
    /// encoder's. Set on the hop stage's thread between hops, or before processing starts; the source is
    /// real-time code sized beforehand, so setting it allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The source's dimensions are not the model's latent size.</exception>
    public ILatentSource? LatentSource
    {
        get => _latentSource;
        set
        {
            if (value is not null && value.Dimensions != _latent.Length)
            {
                throw new ArgumentException($"the latent source has {value.Dimensions} dimensions, the model {_latent.Length}", nameof(value));
            }

            _latentSource = value;
        }
    }

    /// <summary>Restarts all eight modulators from their seeds at the next hop.</summary>
    public void Trigger() => _triggerPending = true;

    /// <summary>
    /// The next hop takes the targets as they are, without gliding: for a preset switch, whose step the
    /// sample stage hides under its dip, so the new preset starts exactly as stored.
    /// </summary>
    public void SnapNextHop() => _glideStarted = false;

    /// <summary>Zeroes the codec's streaming state and restarts the modulators.</summary>
    public void Reset()
    {
        _codec.Reset();
        _bank.Trigger();
        Frame = 0;
        _glideStarted = false;
    }

    /// <summary>Runs one hop.</summary>
    /// <param name="input">One hop of mono input.</param>
    /// <param name="wet">Receives one hop of decoded audio (the raw decoder output, before the sample stage).</param>
    /// <param name="targets">The parameter values as last set, indexed by <see cref="ParameterId"/>.</param>
    /// <param name="tempo">The transport at the hop's first sample.</param>
    public void Process(ReadOnlySpan<float> input, Span<float> wet, ReadOnlySpan<double> targets, in TempoState tempo)
    {
        Glide(targets);
        if (_triggerPending)
        {
            _triggerPending = false;
            _bank.Trigger();
        }

        // The encoder runs even when frozen, so its streaming state follows the input and unfreezing
        // does not start from stale history.
        _codec.Encode(input[.._codec.Hop], _encoded);
        (_latentSource as ILatentRecorder)?.Record(_encoded, _parameters, tempo);
        bool frozen = _parameters[(int)ParameterId.Freeze] >= 0.5 && Frame > 0;
        if (!frozen)
        {
            if (_latentSource is not null && _latentSource.TryRead(Frame, tempo, _latent))
            {
                // The source's latent stands where the encoder's would.
            }
            else if (_parameters[(int)ParameterId.Encode] >= 0.5)
            {
                _encoded.CopyTo(_latent.AsSpan());
            }
            else
            {
                Array.Clear(_latent);
            }

            _bank.Advance(_parameters, tempo, _latent, _latent);
        }

        _codec.Decode(_latent, wet[.._codec.Hop]);
        Frame++;
    }

    private void Glide(ReadOnlySpan<double> targets)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_glideStarted && Glides((ParameterId)i))
            {
                _parameters[i] += _glide * (targets[i] - _parameters[i]);
            }
            else
            {
                _parameters[i] = targets[i];
            }
        }

        _glideStarted = true;
    }

    private static bool Glides(ParameterId id) =>
        id is ParameterId.Deviation or ParameterId.Scale or (>= ParameterId.Offset1 and <= ParameterId.Offset8);
}
