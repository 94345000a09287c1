using System.Globalization;

namespace LatentPlayground.Core.Bending;

/// <summary>
/// One entry of a <see cref="Bend"/>: which layer, which operation, and the knob values it was made with.
/// A step is a complete recipe: <see cref="WeightBender.Apply"/> turns the same step and the same input
/// weights into the same output bits on any machine, so a bend is stored as its steps, never as weights.
/// <para>
/// Every field is validated when set (in the constructor and in <c>with</c> expressions alike), and an
/// out-of-range value throws <see cref="ArgumentOutOfRangeException"/> whose parameter name is the field's
/// name. Fields the operation does not use (the scale of a flip, the distribution of a scale) are kept
/// as given and ignored.
/// </para>
/// Thread: any; an immutable value.
/// </summary>
public readonly record struct BendStep
{
    /// <summary>
    /// The largest SCALE factor, N in "0 to N". Four leaves room to push a layer well past the point where
    /// a decoder's output saturates while keeping most of the knob's travel in the 0..2 range where the
    /// sound still changes gradually. A choice, not a measurement: a wider range only needs this constant.
    /// </summary>
    public const double ScaleMax = 4.0;

    private readonly string? _layerName;
    private readonly BendOperation _operation;
    private readonly double _scale;
    private readonly double _chaos;
    private readonly double _amount;
    private readonly BendDistribution _distribution;

    /// <summary>Creates a step; see the properties for each field's range.</summary>
    public BendStep(
        string layerName,
        BendOperation operation,
        double scale = 1.0,
        double chaos = 0.0,
        double amount = 1.0,
        BendDistribution distribution = BendDistribution.Gaussian,
        uint seed = 0)
    {
        LayerName = layerName;
        Operation = operation;
        Scale = scale;
        Chaos = chaos;
        Amount = amount;
        Distribution = distribution;
        Seed = seed;
    }

    /// <summary>
    /// The layer's name in the model (an initializer of the ONNX graph); not empty, except in
    /// <c>default(BendStep)</c>, which skips the checks and which <see cref="WeightBender"/> and
    /// <see cref="Bend"/> refuse.
    /// </summary>
    public string LayerName
    {
        get => _layerName ?? string.Empty;
        init
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException("LayerName must name a layer; got an empty name.", nameof(LayerName));
            }

            _layerName = value;
        }
    }

    /// <summary>What the step does to the weights it touches.</summary>
    public BendOperation Operation
    {
        get => _operation;
        init => _operation = value is BendOperation.Flip or BendOperation.Scale or BendOperation.Distribution
            ? value
            : throw OutOfRange(nameof(Operation), value, "must be Flip, Scale or Distribution");
    }

    /// <summary>SCALE's factor, 0 to <see cref="ScaleMax"/>: 0 silences the touched weights, 1 keeps them.</summary>
    public double Scale
    {
        get => _scale;
        init => _scale = value is >= 0.0 and <= ScaleMax
            ? value
            : throw OutOfRange(nameof(Scale), value, "must be between 0 and " + ScaleMax.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// CHAOS, 0 to 1 (0 to 100 %): how far DISTRIBUTION moves each touched weight from its learned value
    /// towards a random draw. 0 leaves the layer unchanged; 1 replaces the touched weights by draws.
    /// </summary>
    public double Chaos
    {
        get => _chaos;
        init => _chaos = value is >= 0.0 and <= 1.0 ? value : throw OutOfRange(nameof(Chaos), value, "must be between 0 and 1 (0 to 100 %)");
    }

    /// <summary>AMOUNT, 0 to 1 (0 to 100 %): the share of the layer's weights the step touches, spread evenly.</summary>
    public double Amount
    {
        get => _amount;
        init => _amount = value is >= 0.0 and <= 1.0 ? value : throw OutOfRange(nameof(Amount), value, "must be between 0 and 1 (0 to 100 %)");
    }

    /// <summary>The law DISTRIBUTION draws from.</summary>
    public BendDistribution Distribution
    {
        get => _distribution;
        init => _distribution = value is BendDistribution.Uniform or BendDistribution.Gaussian or BendDistribution.Beta or BendDistribution.Laplace
            ? value
            : throw OutOfRange(nameof(Distribution), value, "must be Uniform, Gaussian, Beta or Laplace");
    }

    /// <summary>
    /// SEED: picks the draws of DISTRIBUTION and where the evenly spread touched weights start. Any value;
    /// 32 bits so that it survives a trip through JSON and Max's integers unchanged.
    /// </summary>
    public uint Seed { get; init; }

    /// <summary>A FLIP step: negates <paramref name="amount"/> of the layer's weights.</summary>
    public static BendStep Flip(string layerName, double amount = 1.0, uint seed = 0) =>
        new(layerName, BendOperation.Flip, amount: amount, seed: seed);

    /// <summary>A SCALE step: multiplies <paramref name="amount"/> of the layer's weights by <paramref name="factor"/>.</summary>
    public static BendStep Scaled(string layerName, double factor, double amount = 1.0, uint seed = 0) =>
        new(layerName, BendOperation.Scale, scale: factor, amount: amount, seed: seed);

    /// <summary>A DISTRIBUTION step: moves <paramref name="amount"/> of the layer's weights towards draws by <paramref name="chaos"/>.</summary>
    public static BendStep Randomised(string layerName, BendDistribution distribution, double chaos, double amount = 1.0, uint seed = 0) =>
        new(layerName, BendOperation.Distribution, chaos: chaos, amount: amount, distribution: distribution, seed: seed);

    // NaN fails every range comparison above, so it lands here too.
    private static ArgumentOutOfRangeException OutOfRange<T>(string field, T value, string rule) =>
        new(field, value, $"{field} {rule}; got {Convert.ToString(value, CultureInfo.InvariantCulture)}.");
}
