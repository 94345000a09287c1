namespace LatentPlayground.Core.Noise;

/// <summary>
/// A 2-D procedural noise field. Stateless and thread-safe after construction; <see cref="Sample"/> never allocates.
/// </summary>
/// <remarks>
/// Every basis uses only IEEE-exact operations (add, subtract, multiply, divide, floor, abs) and integer hashing,
/// never a transcendental function from the platform's maths library, so a preset's trajectory is bit-identical
/// on a developer's x64 machine and on the pedal's ARM64 core.
/// </remarks>
public abstract class NoiseBasis
{
    private static readonly CellNoise CellInstance = new();
    private static readonly SimplexNoise SimplexInstance = new();
    private static readonly PerlinNoise PerlinInstance = new();
    private static readonly DistortedNoise DistortedInstance = new();
    private static readonly VoronoiNoise VoronoiInstance = new();
    private static readonly FractalNoise FractalInstance = new();

    // Only this assembly may add a basis: the modulator bank and presets assume the six kinds are all there is.
    private protected NoiseBasis()
    {
    }

    public abstract NoiseBasisKind Kind { get; }

    /// <summary>
    /// Value at (<paramref name="x"/>, <paramref name="y"/>) of the field selected by <paramref name="seed"/>.
    /// Output lies in [-1, 1] and uses most of that range (its standard deviation over a long walk is roughly 0.3-0.6).
    /// </summary>
    public abstract double Sample(double x, double y, uint seed);

    /// <summary>The shared instance of <paramref name="kind"/>; no allocation per call.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined basis.</exception>
    public static NoiseBasis Get(NoiseBasisKind kind) => kind switch
    {
        NoiseBasisKind.Cell => CellInstance,
        NoiseBasisKind.Simplex => SimplexInstance,
        NoiseBasisKind.Perlin => PerlinInstance,
        NoiseBasisKind.Distorted => DistortedInstance,
        NoiseBasisKind.Voronoi => VoronoiInstance,
        NoiseBasisKind.Fractal => FractalInstance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown noise basis"),
    };
}
